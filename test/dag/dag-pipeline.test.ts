// `omgen dag` over several files: one pipeline DAG (`--pipeline`), a task per workflow in OpenMetadata's order; two
// files that would write one DAG refused; `--check` for CI; command-line overrides of airflowConfig.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, lines, listDir, runOmgen, tempDir } from '../cli/cli-helpers.js';
import { loadDag, pyCompile, writeAirflowStub } from './dag-python.js';

let dir: string;
let stubDir: string;
const ALL = ['metadata-postgres.yaml', 'usage.yaml', 'lineage.yaml', 'profiler.yaml', 'testsuite.yaml', 'dbt.yaml'].map((name) =>
  join(FIXTURES, name),
);

beforeAll(async () => {
  dir = await tempDir('dag-pipeline');
  stubDir = join(dir, 'stub');
  await writeAirflowStub(stubDir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('omgen dag --pipeline', () => {
  it('writes one DAG with a task per workflow, metadata first, then usage and lineage, then profiler, then quality and dbt', async () => {
    const out = join(dir, 'pipeline-out');
    const result = await runOmgen(['dag', ...ALL, '--pipeline', 'nightly pg', '--out', out], { env: { PG_PASSWORD: undefined } });
    expect(result.exitCode, result.stderr).toBe(0);
    const files = await listDir(out);
    expect(files).toEqual([
      'nightly_pg.py',
      'nightly_pg__local_pg_dbt.yaml',
      'nightly_pg__local_pg_lineage.yaml',
      'nightly_pg__local_pg_metadata.yaml',
      'nightly_pg__local_pg_profiler.yaml',
      'nightly_pg__local_pg_testSuite.yaml',
      'nightly_pg__local_pg_usage.yaml',
    ]);
    expect((await pyCompile(join(out, 'nightly_pg.py'), join(dir, 'pycache'))).exitCode).toBe(0);
    const dag = await loadDag(stubDir, join(out, 'nightly_pg.py'));
    expect(dag.dag.dag_id).toBe('nightly_pg');
    expect(dag.tasks.map((t) => t.task_id)).toEqual([
      'local_pg_metadata',
      'local_pg_usage',
      'local_pg_lineage',
      'local_pg_profiler',
      'local_pg_testSuite',
      'local_pg_dbt',
    ]);
    expect(dag.dependencies).toEqual([
      ['local_pg_metadata', 'local_pg_usage'],
      ['local_pg_metadata', 'local_pg_lineage'],
      ['local_pg_usage', 'local_pg_profiler'],
      ['local_pg_lineage', 'local_pg_profiler'],
      ['local_pg_profiler', 'local_pg_testSuite'],
      ['local_pg_profiler', 'local_pg_dbt'],
    ]);
    expect(dag.runs.run_task_local_pg_dbt).toEqual(['nightly_pg__local_pg_dbt.yaml', {}]);
    expect(dag.dag.tags).toEqual(['OpenMetadata', 'omgen', 'metadata', 'usage', 'lineage', 'profiler', 'testSuite', 'dbt']);
    for (const task of dag.tasks) expect(String(dag.dag.doc_md)).toContain(`### \`${String(task.task_id)}\``);
  });

  it('refuses two files that would be the same DAG, writing nothing', async () => {
    const out = join(dir, 'collide-out');
    const result = await runOmgen(['dag', join(FIXTURES, 'metadata-postgres.yaml'), join(FIXTURES, 'metadata-newer-keys.yaml'), '--out', out], {
      env: { PG_PASSWORD: undefined },
    });
    expect(result.exitCode).toBe(2);
    expect(lines(result.stderr)).toContain(
      `${join(FIXTURES, 'metadata-newer-keys.yaml')}: dag_id local_pg_metadata is also the DAG of ${join(FIXTURES, 'metadata-postgres.yaml')}; give one of them --dag-id, another service name or an ingestionPipelineFQN`,
    );
    expect(await listDir(out).catch(() => [])).toEqual([]);
  });

  it('names tasks so any task id makes valid Python (a digit first, a keyword, dashes)', async () => {
    const out = join(dir, 'names-out');
    const profiler = await readFile(join(FIXTURES, 'profiler.yaml'), 'utf8');
    const files = [];
    for (const service of ['1db', 'class', 'a-b']) {
      const file = join(dir, `svc-${service}.yaml`);
      await writeFile(file, profiler.replace('serviceName: local_pg', `serviceName: ${JSON.stringify(service)}`));
      files.push(file);
    }
    const result = await runOmgen(['dag', ...files, '--pipeline', 'names', '--out', out]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect((await pyCompile(join(out, 'names.py'), join(dir, 'pycache'))).exitCode).toBe(0);
    const dag = await loadDag(stubDir, join(out, 'names.py'));
    expect(dag.tasks.map((t) => t.task_id)).toEqual(['1db_profiler', 'class_profiler', 'a-b_profiler']);
    // a-b and a_b would be one Python name: refused rather than one silently replacing the other.
    const clash = join(dir, 'svc-a_b.yaml');
    await writeFile(clash, profiler.replace('serviceName: local_pg', 'serviceName: a_b'));
    const refused = await runOmgen(['dag', files[2] as string, clash, '--pipeline', 'clash', '--out', join(dir, 'clash-out')]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('two workflows would be the same task');
  });
});

describe('omgen dag --check', () => {
  it('exits 0 when the folder is what generation writes, 1 naming each file that differs, and writes nothing', async () => {
    const out = join(dir, 'check-out');
    const file = join(FIXTURES, 'profiler.yaml');
    expect((await runOmgen(['dag', file, '--out', out])).exitCode).toBe(0);
    const fresh = await runOmgen(['dag', file, '--out', out, '--check']);
    expect(fresh.exitCode).toBe(0);
    expect(lines(fresh.stdout)).toEqual([`${file}: ${join(out, 'local_pg_profiler.py')} is up to date`]);
    await writeFile(join(out, 'local_pg_profiler.yaml'), 'edited by hand\n');
    const stale = await runOmgen(['dag', file, '--out', out, '--check']);
    expect(stale.exitCode).toBe(1);
    expect(lines(stale.stdout)).toEqual([`${file}: ${join(out, 'local_pg_profiler.yaml')} is out of date`]);
    expect(await readFile(join(out, 'local_pg_profiler.yaml'), 'utf8')).toBe('edited by hand\n');
    const missing = await runOmgen(['dag', join(FIXTURES, 'lineage.yaml'), '--out', out, '--check']);
    expect(missing.exitCode).toBe(1);
    expect(await listDir(out)).toEqual(['local_pg_profiler.py', 'local_pg_profiler.yaml']);
  });
});

describe('command-line overrides', () => {
  it('take precedence over airflowConfig: schedule, start, retries, timeout, owner, email, tags', async () => {
    const out = join(dir, 'overrides-out');
    const result = await runOmgen([
      'dag',
      join(FIXTURES, 'profiler.yaml'),
      '--out',
      out,
      '--schedule',
      '@hourly',
      '--start-date',
      '2025-06-01',
      '--retries',
      '4',
      '--timeout',
      '7200',
      '--owner',
      'data-platform',
      '--email',
      'oncall@example.com, dq@example.com',
      '--tag',
      'pg',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(lines(result.stdout)[1]).toBe(
      '  schedule @hourly, start 2025-06-01T00:00:00+00:00, catchup false, retries 4 (every 300 s), timeout 2 h, not paused',
    );
    const { dag } = await loadDag(stubDir, join(out, 'local_pg_profiler.py'));
    expect(dag.schedule).toBe('@hourly');
    expect(dag.default_args).toMatchObject({
      owner: 'data-platform',
      retries: 4,
      execution_timeout: { timedelta_seconds: 7200 },
      email: ['oncall@example.com', 'dq@example.com'],
      email_on_failure: true,
      email_on_retry: false,
    });
    expect(dag.tags).toEqual(['OpenMetadata', 'omgen', 'profiler', 'pg']);
    const none = await runOmgen(['dag', join(FIXTURES, 'profiler.yaml'), '--out', out, '--schedule', 'none', '--retries', 'many']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain("--retries takes a whole number, not 'many'");
  });
});

describe('a later generation of the same DAG', () => {
  it('removes the workflow copies the earlier one wrote and this one does not, and nothing of other DAGs', async () => {
    const out = join(dir, 'regenerate-out');
    const three = ['metadata-postgres.yaml', 'lineage.yaml', 'profiler.yaml'].map((name) => join(FIXTURES, name));
    expect((await runOmgen(['dag', ...three, '--pipeline', 'pg', '--out', out], { env: { PG_PASSWORD: undefined } })).exitCode).toBe(0);
    // Another DAG whose id starts like a task copy of this one.
    expect((await runOmgen(['dag', join(FIXTURES, 'usage.yaml'), '--dag-id', 'pg__local_pg_usage', '--out', out])).exitCode).toBe(0);
    const before = await listDir(out);
    expect(before).toContain('pg__local_pg_profiler.yaml');
    const check = await runOmgen(['dag', ...three.slice(0, 2), '--pipeline', 'pg', '--out', out, '--check'], { env: { PG_PASSWORD: undefined } });
    expect(check.exitCode).toBe(1);
    expect(lines(check.stdout)).toContain(`${three.slice(0, 2).join(', ')}: ${join(out, 'pg__local_pg_profiler.yaml')} is out of date`);
    expect((await runOmgen(['dag', ...three.slice(0, 2), '--pipeline', 'pg', '--out', out], { env: { PG_PASSWORD: undefined } })).exitCode).toBe(0);
    expect(await listDir(out)).toEqual(before.filter((name) => name !== 'pg__local_pg_profiler.yaml'));
  });

  it("never removes another DAG's copies, even when its dag_id starts like this one's tasks", async () => {
    const out = join(dir, 'neighbours-out');
    const two = ['metadata-postgres.yaml', 'lineage.yaml'].map((name) => join(FIXTURES, name));
    const env = { env: { PG_PASSWORD: undefined } };
    expect((await runOmgen(['dag', ...two, '--pipeline', 'pg__east', '--out', out], env)).exitCode).toBe(0);
    const east = await listDir(out);
    expect((await runOmgen(['dag', ...two, '--pipeline', 'pg', '--out', out], env)).exitCode).toBe(0);
    expect((await listDir(out)).filter((name) => name.startsWith('pg__east'))).toEqual(east);
  });
});

describe('a pipeline file', () => {
  it('is the same as --pipeline: one DAG of the workflows it lists, paths relative to it', async () => {
    const out = join(dir, 'pipeline-file-out');
    const pipeline = join(dir, 'nightly.yaml');
    await writeFile(
      pipeline,
      ['pipeline: pg nightly', 'workflows:', `  - ${join(FIXTURES, 'profiler.yaml')}`, '  - fixtures-lineage.yaml', ''].join('\n'),
    );
    await writeFile(join(dir, 'fixtures-lineage.yaml'), await readFile(join(FIXTURES, 'lineage.yaml'), 'utf8'));
    const result = await runOmgen(['dag', pipeline, '--out', out]);
    expect(result.exitCode, result.stderr).toBe(0);
    const dag = await loadDag(stubDir, join(out, 'pg_nightly.py'));
    expect(dag.tasks.map((t) => t.task_id)).toEqual(['local_pg_profiler', 'local_pg_lineage']);
    const validated = await runOmgen(['validate', pipeline]);
    expect(validated.exitCode, validated.stderr).toBe(0);
    expect(lines(validated.stdout).filter((line) => line.endsWith(': OK'))).toEqual([
      `${join(FIXTURES, 'profiler.yaml')}: OK`,
      `${join(dir, 'fixtures-lineage.yaml')}: OK`,
    ]);
    expect(dag.dependencies).toEqual([['local_pg_lineage', 'local_pg_profiler']]);
  });

  it('naming a workflow that does not exist is an error naming the entry, and writes nothing', async () => {
    const out = join(dir, 'pipeline-file-bad');
    const pipeline = join(dir, 'broken.yaml');
    await writeFile(pipeline, ['pipeline: broken', 'workflows:', `  - ${join(FIXTURES, 'profiler.yaml')}`, '  - gone.yaml', ''].join('\n'));
    const result = await runOmgen(['dag', pipeline, '--out', out]);
    expect(result.exitCode).toBe(2);
    expect(lines(result.stderr)).toEqual([`${pipeline}: workflows[1]: gone.yaml: no such file`]);
    expect(await listDir(out).catch(() => [])).toEqual([]);
  });
});
