// `omgen dag workflow.yaml [--out DIR] [--worker PATH]`: validates, then writes <dag_id>.py and the workflow beside
// it; the .py compiles, holds no secret, is byte-for-byte deterministic, and carries airflowConfig as Python values.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, lines, listDir, metadataWorkflowLines, runOmgen, tempDir, withLine, writeWorkflow, type PgTarget } from '../cli/cli-helpers.js';
import { loadDag, pyCompile, writeAirflowStub } from './dag-python.js';

const PASSWORD = 'Literal-Db-Password-77';
const TOKEN = 'eyJliteral.jwt.token-88';
const target: PgTarget = { hostPort: 'pg.internal:5432', username: 'etl', password: PASSWORD, database: 'pagila' };

let dir: string;
let stubDir: string;
let base: string[];

beforeAll(async () => {
  dir = await tempDir('dag');
  stubDir = join(dir, 'stub');
  await writeAirflowStub(stubDir);
  base = metadataWorkflowLines({ target, sinkFile: '/data/out.ndjson', jwtToken: TOKEN });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const AIRFLOW = [
  'airflowConfig:',
  '  scheduleInterval: "30 2 * * 1-5"',
  '  startDate: "2024-03-15"',
  '  retries: 3',
  '  retryDelay: 120',
  '  workflowTimeout: 5400',
  '  maxActiveRuns: 2',
  '  pausePipeline: true',
  '  pipelineCatchup: true',
  '  concurrency: 4',
];

describe('omgen dag', () => {
  it('writes <dag_id>.py and the workflow beside it, and nothing else', async () => {
    const out = join(dir, 'basic-out');
    const file = await writeWorkflow(dir, 'basic.yaml', base);
    const result = await runOmgen(['dag', file, '--out', out, '--worker', '/opt/omgen/om-worker']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(lines(result.stdout)).toEqual([
      `${file}: wrote ${join(out, 'test_svc_metadata.py')} (dag_id test_svc_metadata)`,
      '  schedule none (runs when triggered), start 2024-01-01T00:00:00+00:00, catchup false, retries 0 (every 300 s), timeout 12 h (default; set airflowConfig.workflowTimeout), not paused',
    ]);
    expect(await listDir(out)).toEqual(['test_svc_metadata.py', 'test_svc_metadata.yaml']);
    // The copy is the file as written, but for the two secrets it writes out (see below).
    const copy = (await readFile(join(out, 'test_svc_metadata.yaml'), 'utf8')).split('\n');
    const original = (await readFile(file, 'utf8')).split('\n');
    const differing = original.flatMap((line, i) => (line === copy[i] ? [] : [[line.trim(), copy[i]?.trim()]]));
    expect(differing).toEqual([
      [`password: "${PASSWORD}"`, 'password: "${OMGEN_SOURCE_PASSWORD}"'],
      [`jwtToken: "${TOKEN}"`, 'jwtToken: "${OMGEN_OPENMETADATA_JWT_TOKEN}"'],
    ]);
  });

  it('produces a file python3 -m py_compile accepts', async () => {
    const out = join(dir, 'compile-out');
    const file = await writeWorkflow(dir, 'compile.yaml', [...base, ...AIRFLOW]);
    expect((await runOmgen(['dag', file, '--out', out])).exitCode).toBe(0);
    const compiled = await pyCompile(join(out, 'test_svc_metadata.py'), join(dir, 'pycache'));
    expect(compiled.exitCode, compiled.stderr).toBe(0);
  });

  it('keeps literal secrets out of every file it writes, saying where each now comes from, without printing any', async () => {
    const out = join(dir, 'secret-out');
    const file = await writeWorkflow(dir, 'secret.yaml', base);
    const result = await runOmgen(['dag', file, '--out', out, '--secret', 'OMGEN_OPENMETADATA_JWT_TOKEN=conn:openmetadata.password']);
    expect(result.exitCode, result.stderr).toBe(0);
    for (const name of await listDir(out)) {
      const written = await readFile(join(out, name), 'utf8');
      expect(written, name).not.toContain(PASSWORD);
      expect(written, name).not.toContain(TOKEN);
    }
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^omgen: warning: source\.serviceConnection\.config\.authType\.password \(line \d+\) is written out in .*secret\.yaml; the copy beside the DAG reads it from \$\{OMGEN_SOURCE_PASSWORD\} instead: give it with --secret OMGEN_SOURCE_PASSWORD=conn:ID\.password \(or var:NAME\), or set it on the Airflow workers$/,
      ),
      expect.stringMatching(
        /^omgen: warning: workflowConfig\.openMetadataServerConfig\.securityConfig\.jwtToken \(line \d+\) .* reads it from \$\{OMGEN_OPENMETADATA_JWT_TOKEN\} instead$/,
      ),
    ]);
    const { runs } = await loadDag(stubDir, join(out, 'test_svc_metadata.py'));
    expect(runs).toEqual({
      run_task_ingestion_task: ['test_svc_metadata.yaml', { OMGEN_OPENMETADATA_JWT_TOKEN: ['conn', 'openmetadata', 'password'] }],
    });
  });

  it('--strict refuses a literal secret, writing nothing; --secret must name a variable the workflow uses', async () => {
    const out = join(dir, 'strict-out');
    const file = await writeWorkflow(dir, 'strict.yaml', base);
    const strict = await runOmgen(['dag', file, '--out', out, '--strict']);
    expect(strict.exitCode).toBe(2);
    expect(lines(strict.stderr)).toEqual([
      expect.stringMatching(
        /source\.serviceConnection\.config\.authType\.password \(line \d+\): a literal secret \(--strict\): write it as \$\{OMGEN_SOURCE_PASSWORD\}$/,
      ),
      expect.stringMatching(/jwtToken \(line \d+\): a literal secret \(--strict\): write it as \$\{OMGEN_OPENMETADATA_JWT_TOKEN\}$/),
    ]);
    expect(strict.stderr).not.toContain(PASSWORD);
    expect(existsSync(out)).toBe(false);
    const unknown = await runOmgen(['dag', file, '--out', out, '--secret', 'NOT_USED=var:x']);
    expect(unknown.exitCode).toBe(2);
    expect(lines(unknown.stderr)).toEqual([
      'omgen: --secret NOT_USED: no workflow given refers to ${NOT_USED} (they refer to OMGEN_OPENMETADATA_JWT_TOKEN, OMGEN_SOURCE_PASSWORD)',
    ]);
    const malformed = await runOmgen(['dag', file, '--out', out, '--secret', 'OMGEN_SOURCE_PASSWORD=vault:x']);
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toContain("'vault:x' is neither conn:CONNECTION_ID.FIELD, var:VARIABLE_NAME nor k8s:SECRET_NAME.KEY");
    expect(existsSync(out)).toBe(false);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const file = await writeWorkflow(dir, 'determinism.yaml', [...base, ...AIRFLOW]);
    const first = join(dir, 'det-1');
    const second = join(dir, 'det-2');
    expect((await runOmgen(['dag', file, '--out', first])).exitCode).toBe(0);
    expect((await runOmgen(['dag', file, '--out', second])).exitCode).toBe(0);
    expect((await runOmgen(['dag', file, '--out', first])).exitCode).toBe(0);
    const a = await readFile(join(first, 'test_svc_metadata.py'));
    const b = await readFile(join(second, 'test_svc_metadata.py'));
    expect(a.equals(b)).toBe(true);
    expect(await listDir(first)).toEqual(['test_svc_metadata.py', 'test_svc_metadata.yaml']);
  });

  it('writes nothing for an invalid config, exiting 2 with the error', async () => {
    const out = join(dir, 'invalid-out');
    const file = await writeWorkflow(dir, 'invalid.yaml', withLine([...base, ...AIRFLOW], 31, '  retries: often'));
    const result = await runOmgen(['dag', file, '--out', out]);
    expect(result.exitCode).toBe(2);
    expect(lines(result.stderr)).toEqual([`${file}: airflowConfig.retries (line 31, col 3): must be integer, not string "often"`]);
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('leaves an existing DAG folder untouched when a config is invalid', async () => {
    const out = join(dir, 'keep-out');
    const good = await writeWorkflow(dir, 'keep.yaml', base);
    expect((await runOmgen(['dag', good, '--out', out])).exitCode).toBe(0);
    const before = await readFile(join(out, 'test_svc_metadata.py'));
    const bad = await writeWorkflow(dir, 'keep.yaml', withLine(base, 2, '  type: postgress'));
    const result = await runOmgen(['dag', bad, '--out', out]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("source.type (line 2, col 3): unknown source type 'postgress'");
    expect(await listDir(out)).toEqual(['test_svc_metadata.py', 'test_svc_metadata.yaml']);
    expect((await readFile(join(out, 'test_svc_metadata.py'))).equals(before)).toBe(true);
  });

  it("does not need the workflow's environment variables, and keeps the references in the copied workflow", async () => {
    const out = join(dir, 'env-out');
    const fixture = join(FIXTURES, 'metadata-postgres.yaml');
    const result = await runOmgen(['dag', fixture, '--out', out], { env: { PG_PASSWORD: undefined } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await readFile(join(out, 'local_pg_metadata.yaml'), 'utf8')).toContain('password: ${PG_PASSWORD}');
  });

  it('sanitises dag ids as OpenMetadata does, from the service name, the pipeline FQN or --dag-id', async () => {
    const fromService = await writeWorkflow(dir, 'svc.yaml', withLine(base, 3, '  serviceName: "my svc.prod/01"'));
    const r1 = await runOmgen(['dag', fromService, '--out', join(dir, 'ids-1')]);
    expect(r1.stdout).toContain('(dag_id my_svc_prod_01_metadata)');
    expect(await listDir(join(dir, 'ids-1'))).toEqual(['my_svc_prod_01_metadata.py', 'my_svc_prod_01_metadata.yaml']);

    const fromPipeline = await writeWorkflow(dir, 'pipeline.yaml', [...base, 'ingestionPipelineFQN: "local_pg.nightly metadata (v2)"']);
    const r2 = await runOmgen(['dag', fromPipeline, '--out', join(dir, 'ids-2')]);
    expect(r2.stdout).toContain('(dag_id nightly_metadata_v2_)');

    const r3 = await runOmgen(['dag', fromService, '--out', join(dir, 'ids-3'), '--dag-id', 'ops: pg/daily']);
    expect(r3.stdout).toContain('(dag_id ops_pg_daily)');
    const loaded = await loadDag(stubDir, join(dir, 'ids-3', 'ops_pg_daily.py'));
    expect(loaded.dag.dag_id).toBe('ops_pg_daily');
    expect(String(loaded.dag.dag_id)).toMatch(/^[\w.-]{1,250}$/);
  });

  it('refuses --dag-id with several files', async () => {
    const file = await writeWorkflow(dir, 'one.yaml', base);
    const result = await runOmgen(['dag', file, file, '--out', join(dir, 'two-out'), '--dag-id', 'x']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--dag-id takes a single workflow file');
    expect(existsSync(join(dir, 'two-out'))).toBe(false);
  });
});

describe('the generated DAG, loaded by Python', () => {
  it('carries every airflowConfig field as a Python value', async () => {
    const out = join(dir, 'values-out');
    const file = await writeWorkflow(dir, 'values.yaml', [...base, ...AIRFLOW]);
    expect((await runOmgen(['dag', file, '--out', out, '--worker', '/opt/my tools/om-worker'])).exitCode).toBe(0);
    const { dag, tasks, runs, DAG_FOLDER, OM_WORKER } = await loadDag(stubDir, join(out, 'test_svc_metadata.py'));
    expect(dag.schedule).toBe('30 2 * * 1-5');
    expect(dag.start_date).toEqual({ datetime: '2024-03-15T00:00:00+00:00', utcoffset_seconds: 0 });
    expect(dag.default_args).toMatchObject({ retries: 3, retry_delay: { timedelta_seconds: 120 }, execution_timeout: { timedelta_seconds: 5400 } });
    expect(dag.dagrun_timeout).toEqual({ timedelta_seconds: 5400 });
    expect(dag.max_active_runs).toBe(2);
    expect(dag.max_active_tasks).toBe(4);
    expect(dag.is_paused_upon_creation).toBe(true);
    expect(dag.catchup).toBe(true);
    expect(OM_WORKER).toBe('/opt/my tools/om-worker');
    expect(DAG_FOLDER).toBe(out);
    expect(runs).toEqual({ run_task_ingestion_task: ['test_svc_metadata.yaml', {}] });
    expect(tasks).toEqual([{ task_id: 'ingestion_task', python_callable: { callable: 'run_task_ingestion_task' }, do_xcom_push: false }]);
    expect(String(dag.doc_md)).toContain('- Source: `postgres`, service `test_svc` on Postgres `pg.internal:5432`, database `pagila`');
    expect(String(dag.doc_md)).not.toContain(PASSWORD);
  });

  it("uses OpenMetadata's defaults without airflowConfig: manual runs, no catchup, one run at a time", async () => {
    const out = join(dir, 'defaults-out');
    const file = await writeWorkflow(dir, 'defaults.yaml', base);
    expect((await runOmgen(['dag', file, '--out', out])).exitCode).toBe(0);
    const { dag } = await loadDag(stubDir, join(out, 'test_svc_metadata.py'));
    expect(dag.schedule).toBeNull();
    expect(dag.catchup).toBe(false);
    expect(dag.max_active_runs).toBe(1);
    expect(dag.max_active_tasks).toBe(1);
    expect(dag.is_paused_upon_creation).toBe(false);
    // Without workflowTimeout a hung run still ends, after 12 hours; the DAG run itself is not bounded.
    expect(dag.default_args).toMatchObject({ retries: 0, retry_delay: { timedelta_seconds: 300 }, execution_timeout: { timedelta_seconds: 43200 } });
    expect(dag).not.toHaveProperty('dagrun_timeout');
    expect(dag.start_date).toMatchObject({ utcoffset_seconds: 0 });
  });

  it('reads a start date-time ending in Z as UTC, in a form older Pythons accept too', async () => {
    const out = join(dir, 'zulu-out');
    const file = await writeWorkflow(dir, 'zulu.yaml', [...base, 'airflowConfig:', '  startDate: "2024-06-01T05:30:00Z"']);
    expect((await runOmgen(['dag', file, '--out', out])).exitCode).toBe(0);
    const py = await readFile(join(out, 'test_svc_metadata.py'), 'utf8');
    expect(py).toContain('datetime.fromisoformat("2024-06-01T05:30:00+00:00")');
    const { dag } = await loadDag(stubDir, join(out, 'test_svc_metadata.py'));
    expect(dag.start_date).toEqual({ datetime: '2024-06-01T05:30:00+00:00', utcoffset_seconds: 0 });
  });

  it('uses the task id OpenMetadata uses for each workflow kind', async () => {
    const out = join(dir, 'kinds-out');
    const result = await runOmgen([
      'dag',
      join(FIXTURES, 'usage.yaml'),
      join(FIXTURES, 'lineage.yaml'),
      join(FIXTURES, 'profiler.yaml'),
      join(FIXTURES, 'dbt.yaml'),
      '--out',
      out,
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/cannot run the \w+ workflow/);
    expect((await loadDag(stubDir, join(out, 'local_pg_dbt.py'))).tasks[0].task_id).toBe('dbt_task');
    expect((await loadDag(stubDir, join(out, 'local_pg_profiler.py'))).tasks[0].task_id).toBe('profiler_task');
    expect((await loadDag(stubDir, join(out, 'local_pg_usage.py'))).tasks[0].task_id).toBe('usage_task');
    expect((await loadDag(stubDir, join(out, 'local_pg_lineage.py'))).tasks[0].task_id).toBe('lineage_task');
  });
});
