// A generated DAG's task, run as Airflow runs it: the callable of the DAG file, in Python, starting the built worker
// against a real Postgres. The workflow is hostile on purpose (Jinja braces, quotes, backslashes and unicode in its
// file name, its output path and its values, a literal password), and must run exactly as written; om-worker's exit
// codes become the task's outcome (an invalid config fails at once, unreachable is retried).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../support/ports.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { metadataWorkflowLines, pgTarget, runOmgen, tempDir, WORKER, writeWorkflow } from '../cli/cli-helpers.js';
import { runDagTask, writeAirflowStub } from './dag-python.js';

let dir: string;
let stubDir: string;
let db: TestDatabase;

const HOSTILE = `we"ird {{ ds }} 'q' \\ ü`;

beforeAll(async () => {
  dir = await tempDir('dag-run');
  stubDir = join(dir, 'stub');
  await writeAirflowStub(stubDir);
  db = await createTestDatabase('dag_task');
  await execSql(db.url, ['create table "{{ ds }}" (id int)', 'create table plain (id int)']);
});

afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('the DAG task, run as Airflow runs it', () => {
  it('runs a hostile workflow exactly as written, the literal password filled from an Airflow Connection', async () => {
    const folder = join(dir, HOSTILE);
    await mkdir(folder, { recursive: true });
    const output = join(folder, `out {{ run_id }} ü.ndjson`);
    const target = { ...pgTarget(db.url), password: 'Written-Out-Pw{{ x }}' };
    const file = await writeWorkflow(folder, `wf {{ ds }} 'q'.yaml`, metadataWorkflowLines({ target, sinkFile: output }));
    const dags = join(folder, 'dags {{ dag }}');
    const generated = await runOmgen([
      'dag',
      file,
      '--out',
      dags,
      '--worker',
      WORKER,
      '--secret',
      'OMGEN_SOURCE_PASSWORD=conn:pg_main.password',
      '--secret',
      'OMGEN_OPENMETADATA_JWT_TOKEN=var:om_token',
    ]);
    expect(generated.exitCode, generated.stderr).toBe(0);
    const dagFile = join(dags, 'test_svc_metadata.py');
    expect(await readFile(dagFile, 'utf8')).not.toContain('Written-Out-Pw');

    const run = await runDagTask(stubDir, dagFile, {
      connections: { pg_main: { password: 'Written-Out-Pw{{ x }}' } },
      variables: { om_token: 'eyJ.from-a-variable' },
    });
    expect(run.outcome, run.log).toBe('success');
    expect(existsSync(output)).toBe(true);
    const tables = (await readFile(output, 'utf8')).split('\n').filter((line) => line.includes('"createTable"'));
    expect(tables.map((line) => (JSON.parse(line) as { data: { name: string } }).data.name).sort()).toEqual(['plain', '{{ ds }}']);
    expect(run.log).not.toContain('Written-Out-Pw');
  });

  it('fails at once on an invalid config (exit 2) and leaves unreachable (exit 3) to retries', async () => {
    const output = join(dir, 'codes.ndjson');
    const file = await writeWorkflow(
      dir,
      'codes.yaml',
      metadataWorkflowLines({
        target: pgTarget(db.url),
        sinkFile: output,
        jwtToken: '${HOME}',
        passwordLine: '        password: ${NOT_SET_ANYWHERE}',
      }),
    );
    const dags = join(dir, 'codes-dags');
    expect((await runOmgen(['dag', file, '--out', dags, '--worker', WORKER])).exitCode).toBe(0);
    const invalid = await runDagTask(stubDir, join(dags, 'test_svc_metadata.py'));
    expect(invalid).toMatchObject({ outcome: 'AirflowFailException', message: 'om-worker exited with code 2 (not retried)' });
    expect(invalid.log).toContain('environment variable NOT_SET_ANYWHERE is not set');

    const closed = { ...pgTarget(db.url), hostPort: `127.0.0.1:${await closedPort()}` };
    const unreachableFile = await writeWorkflow(
      dir,
      'unreachable.yaml',
      metadataWorkflowLines({ target: closed, sinkFile: output, jwtToken: '${HOME}', passwordLine: '        password: ${HOME}' }),
    );
    const unreachableDags = join(dir, 'unreachable-dags');
    expect((await runOmgen(['dag', unreachableFile, '--out', unreachableDags, '--worker', WORKER])).exitCode).toBe(0);
    const unreachable = await runDagTask(stubDir, join(unreachableDags, 'test_svc_metadata.py'));
    expect(unreachable).toMatchObject({ outcome: 'AirflowException', message: 'om-worker exited with code 3' });
  });
});
