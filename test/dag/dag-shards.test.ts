// `omgen dag --shard-by schema`: a listing task (`om-worker list-schemas`) and one mapped task per schema, run here as
// Airflow would run them. The shards together do exactly what the unsharded run does (every table once), and a shard
// marks deleted only what its own schema lost.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { TEST_TOKEN } from '../support/run-metadata-rest.js';
import { lines, metadataWorkflowLines, pgTarget, runOmgen, runWorker, tempDir, withLine, WORKER, writeWorkflow } from '../cli/cli-helpers.js';
import { loadDag, runDagTask, writeAirflowStub } from './dag-python.js';

let dir: string;
let stubDir: string;
let db: TestDatabase;
let om: OpenMetadataDouble;

beforeAll(async () => {
  dir = await tempDir('dag-shards');
  stubDir = join(dir, 'stub');
  await writeAirflowStub(stubDir);
  db = await createTestDatabase('dag_shards');
  await execSql(db.url, [
    'create schema alpha',
    'create schema "Beta {{ x }}"',
    'create schema skipped',
    'create table alpha.a1 (id int)',
    'create table alpha.a2 (id int)',
    'create table "Beta {{ x }}".b1 (id int)',
    'create table skipped.s1 (id int)',
    'create table public.p1 (id int)',
    'create schema "Case"',
    'create schema "case"',
    'create table "Case".upper_t (id int)',
    'create table "case".lower_t (id int)',
  ]);
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** A metadata workflow of the test database keeping every schema but `skipped`. */
function workflow(sinkLines: string[]): string[] {
  const base = metadataWorkflowLines({ target: pgTarget(db.url), sinkFile: 'unused', jwtToken: '${OM_TOKEN}' });
  const filter = base.indexOf('          - ^public$');
  const withFilter = withLine(withLine(base, filter, '        excludes:'), filter + 1, '          - ^skipped$');
  const sink = withFilter.indexOf('sink:');
  return [
    ...withFilter.slice(0, sink),
    ...sinkLines,
    ...withFilter.slice(withFilter.indexOf('workflowConfig:')).map((l) => l.replace('http://localhost:8585/api', om.baseUrl)),
  ];
}

const tablesIn = async (file: string): Promise<string[]> =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.includes('"type":"createTable"'))
    .map((line) => {
      const data = (JSON.parse(line) as { data: { databaseSchema: string; name: string } }).data;
      return `${data.databaseSchema}.${data.name}`;
    });

describe('omgen dag --shard-by schema', () => {
  it('lists the schemas the filters keep, maps one task per schema, and the shards write exactly what one run writes', async () => {
    const whole = join(dir, 'whole.ndjson');
    const file = await writeWorkflow(
      dir,
      'sharded.yaml',
      workflow(['sink:', '  type: file', '  config:', `    filename: ${JSON.stringify(join(dir, 'shard.ndjson'))}`]),
    );
    const single = await writeWorkflow(dir, 'whole.yaml', workflow(['sink:', '  type: file', '  config:', `    filename: ${JSON.stringify(whole)}`]));
    // The literal password is replaced by a reference in the DAG's copy; the Airflow worker's environment fills it.
    const env = { OM_TOKEN: 'unused-by-a-file-sink', OMGEN_SOURCE_PASSWORD: 'trust-auth' };
    expect((await runWorker(['run', '-c', single], { env })).exitCode).toBe(0);

    const listed = await runWorker(['list-schemas', '-c', file], { env });
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual(['Beta {{ x }}', 'Case', 'alpha', 'case', 'public']);

    const dags = join(dir, 'dags');
    const generated = await runOmgen(['dag', file, '--out', dags, '--worker', WORKER, '--shard-by', 'schema']);
    expect(generated.exitCode, generated.stderr).toBe(0);
    const dagFile = join(dags, 'test_svc_metadata.py');
    const dag = await loadDag(stubDir, dagFile);
    expect(dag.tasks.map((t) => [t.task_id, t.expand ?? null])).toEqual([
      ['ingestion_task_shards', null],
      ['ingestion_task', { op_args: { xcom_of: 'ingestion_task_shards' } }],
    ]);
    expect(dag.dependencies).toEqual([['ingestion_task_shards', 'ingestion_task']]);

    const listing = await runDagTask(stubDir, dagFile, { taskId: 'ingestion_task_shards', env });
    expect(listing.outcome, listing.log).toBe('success');
    const shards = listing.returned as string[][];
    expect(shards).toHaveLength(5);
    const written: string[] = [];
    for (const args of shards) {
      const run = await runDagTask(stubDir, dagFile, { taskId: 'ingestion_task', args, env });
      expect(run.outcome, run.log).toBe('success');
    }
    const shardFiles = (await readdir(dir)).filter((name) => /^shard\..+\.ndjson$/.test(name)).sort();
    // Schemas differing only in case are two shards, each with its own tables (filters alone ignore case).
    expect(shardFiles).toEqual([
      expect.stringMatching(/^shard\.Beta_x_-[0-9a-f]{6}\.ndjson$/),
      'shard.Case.ndjson',
      'shard.alpha.ndjson',
      'shard.case.ndjson',
      'shard.public.ndjson',
    ]);
    expect(await tablesIn(join(dir, 'shard.Case.ndjson'))).toEqual([expect.stringMatching(/\.Case\.upper_t$/)]);
    for (const name of shardFiles) written.push(...(await tablesIn(join(dir, name))));
    expect(written.sort()).toEqual((await tablesIn(whole)).sort());
    expect(new Set(written).size).toBe(written.length);
  });

  it('in pods: a pod lists the shards as the mapped pods’ arguments, and those pods write what one run writes', async () => {
    const env = { OM_TOKEN: 'unused-by-a-file-sink', OMGEN_SOURCE_PASSWORD: 'trust-auth' };
    const whole = join(dir, 'pod-whole.ndjson');
    const single = await writeWorkflow(
      dir,
      'pod-whole.yaml',
      workflow(['sink:', '  type: file', '  config:', `    filename: ${JSON.stringify(whole)}`]),
    );
    expect((await runWorker(['run', '-c', single], { env })).exitCode).toBe(0);
    const file = await writeWorkflow(
      dir,
      'pod-sharded.yaml',
      workflow(['sink:', '  type: file', '  config:', `    filename: ${JSON.stringify(join(dir, 'pod-shard.ndjson'))}`]),
    );
    const dags = join(dir, 'pod-dags');
    const inPods = ['--operator', 'kubernetes', '--image', 'om-worker:test', '--secret', 'OMGEN_SOURCE_PASSWORD=k8s:pg.password'];
    const generated = await runOmgen(['dag', file, '--out', dags, '--shard-by', 'schema', ...inPods]);
    expect(generated.exitCode, generated.stderr).toBe(0);
    const dag = await loadDag(stubDir, join(dags, 'test_svc_metadata.py'));
    const [lister, shards] = dag.tasks as Array<Record<string, any>>;
    expect(lister).toMatchObject({
      task_id: 'ingestion_task_shards',
      name: 'test-svc-metadata-ingestion-task-shards',
      arguments: ['list-schemas', '-c', 'env:OMGEN_WORKFLOW', '--pod-arguments', '/airflow/xcom/return.json'],
      do_xcom_push: true,
    });
    expect(shards).toMatchObject({ task_id: 'ingestion_task', name: 'test-svc-metadata-ingestion-task', do_xcom_push: false });
    expect(shards?.expand).toEqual({ arguments: { xcom_of: 'ingestion_task_shards' } });
    expect(dag.dependencies).toEqual([['ingestion_task_shards', 'ingestion_task']]);

    // The listing pod, with its XCom file here instead of the sidecar's /airflow/xcom.
    const xcom = join(dir, 'return.json');
    const listArgs = (lister?.arguments as string[]).map((arg) => (arg === '/airflow/xcom/return.json' ? xcom : arg));
    const listing = await execa(WORKER, listArgs, { reject: false, env: { ...lister?.env_vars, ...env } });
    expect(listing.exitCode, String(listing.stderr)).toBe(0);
    const mapped = JSON.parse(await readFile(xcom, 'utf8')) as string[][];
    expect(mapped).toHaveLength(5);
    // No template can read anything into the arguments: the names travel in hex.
    expect(JSON.stringify(mapped)).not.toMatch(/\{\{|\{%|\{#/);
    for (const args of mapped) {
      expect(args.slice(0, 4)).toEqual(['run', '-c', 'env:OMGEN_WORKFLOW', '--shard-hex']);
      const run = await execa(WORKER, args, { reject: false, env: { ...shards?.env_vars, ...env } });
      expect(run.exitCode, String(run.stderr)).toBe(0);
    }
    const shardFiles = (await readdir(dir)).filter((name) => /^pod-shard\..+\.ndjson$/.test(name));
    expect(shardFiles).toHaveLength(5);
    const written: string[] = [];
    for (const name of shardFiles) written.push(...(await tablesIn(join(dir, name))));
    expect(written.sort()).toEqual((await tablesIn(whole)).sort());
  });

  it('marks deleted only what the shard’s own schema lost', async () => {
    const file = await writeWorkflow(dir, 'rest.yaml', workflow(['sink:', '  type: metadata-rest', '  config: {}']));
    const env = { OM_TOKEN: TEST_TOKEN };
    for (const shard of ['alpha', 'Beta {{ x }}', 'public'])
      expect((await runWorker(['run', '-c', file, '--shard', shard], { env })).exitCode).toBe(0);
    const live = () =>
      om
        .entities('table', { include: 'non-deleted' })
        .map((t) => String(t.name))
        .sort();
    expect(live()).toEqual(['a1', 'a2', 'b1', 'p1']);
    await execSql(db.url, ['drop table alpha.a2', 'drop table "Beta {{ x }}".b1']);
    expect((await runWorker(['run', '-c', file, '--shard', 'alpha'], { env })).exitCode).toBe(0);
    expect(live()).toEqual(['a1', 'b1', 'p1']);
    expect((await runWorker(['run', '-c', file, '--shard', 'Beta {{ x }}'], { env })).exitCode).toBe(0);
    expect(live()).toEqual(['a1', 'p1']);
  });

  it('refuses a --shard-hex that is no name in hex, and one given with --shard', async () => {
    const file = await writeWorkflow(
      dir,
      'hex.yaml',
      workflow(['sink:', '  type: file', '  config:', `    filename: ${JSON.stringify(join(dir, 'hex.ndjson'))}`]),
    );
    const env = { OM_TOKEN: 'unused', OMGEN_SOURCE_PASSWORD: 'trust-auth' };
    const bad = await runWorker(['run', '-c', file, '--shard-hex', 'zz'], { env });
    expect(bad.exitCode).toBe(2);
    expect(lines(bad.stderr)).toEqual(['om-worker: --shard-hex zz: not a name in hex (UTF-8, two digits a byte)']);
    const both = await runWorker(['run', '-c', file, '--shard', 'alpha', '--shard-hex', '616c706861'], { env });
    expect(both.exitCode).toBe(2);
    expect(lines(both.stderr)).toEqual(['om-worker: --shard and --shard-hex name the same thing: give one']);
  });

  it('refuses to shard a workflow that cannot be, and a shard of one', async () => {
    const lineage = join(dir, 'lineage-dags');
    const result = await runOmgen(['dag', join(import.meta.dirname, '../fixtures/workflows/lineage.yaml'), '--out', lineage, '--shard-by', 'schema']);
    expect(result.exitCode).toBe(2);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /lineage\.yaml: source\.sourceConfig\.config\.type: --shard-by schema: a DatabaseLineage workflow is not split into shards/,
      ),
    ]);
  });
});
