// Every variant of a generated DAG: each workflow kind, on the Airflow worker and in pods, sharded where it can be,
// alone and as one pipeline. Each compiles, loads with its structure as stated (read from Python, not the text), sets
// schedule and catchup explicitly, and no file written holds a secret the workflow wrote out or a template marker.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, listDir, runOmgen, tempDir } from '../cli/cli-helpers.js';
import { loadDag, pyCompile, writeAirflowStub } from './dag-python.js';

let dir: string;
let stubDir: string;

const KINDS: Array<[string, string, boolean]> = [
  ['metadata-postgres.yaml', 'local_pg_metadata', true],
  ['usage.yaml', 'local_pg_usage', false],
  ['lineage.yaml', 'local_pg_lineage', false],
  ['profiler.yaml', 'local_pg_profiler', true],
  ['testsuite.yaml', 'local_pg_testSuite', false],
  ['dbt.yaml', 'local_pg_dbt', false],
];
/** Secrets the fixtures write out literally. */
const LITERALS = ['eyJhbGciOiJSUzI1NiJ9.e30.c2ln', 'password: secret', 'eyJraWQiOiJHYjM4OWEt'];

beforeAll(async () => {
  dir = await tempDir('dag-variants');
  stubDir = join(dir, 'stub');
  await writeAirflowStub(stubDir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function checkFolder(out: string): Promise<void> {
  for (const name of await listDir(out)) {
    const text = await readFile(join(out, name), 'utf8');
    for (const literal of LITERALS) expect(text, `${name} holds ${literal}`).not.toContain(literal);
    if (name.endsWith('.py')) expect((await pyCompile(join(out, name), join(dir, 'pycache'))).exitCode, name).toBe(0);
  }
}

const variants = KINDS.flatMap(([file, dagId, shardable]) =>
  (['bash', 'kubernetes'] as const).flatMap((operator) =>
    [false, ...(shardable ? [true] : [])].map((sharded) => ({ file, dagId, operator, sharded })),
  ),
);

describe('every DAG variant', () => {
  it.each(variants)('$dagId, $operator, sharded: $sharded', async ({ file, dagId, operator, sharded }) => {
    const out = join(dir, `${dagId}-${operator}-${sharded}`);
    const args = [
      'dag',
      join(FIXTURES, file),
      '--out',
      out,
      ...(operator === 'kubernetes' ? ['--operator', 'kubernetes', '--image', 'om-worker:test'] : []),
    ];
    const result = await runOmgen([...args, ...(sharded ? ['--shard-by', 'schema'] : [])], { env: { PG_PASSWORD: undefined } });
    expect(result.exitCode, result.stderr).toBe(0);
    await checkFolder(out);
    const dag = await loadDag(stubDir, join(out, `${dagId}.py`));
    expect(dag.dag.dag_id).toBe(dagId);
    expect(dag.dag).toHaveProperty('schedule');
    expect(typeof dag.dag.catchup).toBe('boolean');
    const ids = dag.tasks.map((t) => String(t.task_id));
    expect(ids).toHaveLength(sharded ? 2 : 1);
    if (sharded) expect(dag.dependencies).toEqual([[ids[0], ids[1]]]);
    if (operator === 'kubernetes') {
      for (const pod of dag.tasks as Array<Record<string, any>>) {
        expect(pod.image).toBe('om-worker:test');
        expect(JSON.stringify([pod.arguments, pod.env_vars])).not.toMatch(/\{\{|\{%|\{#/);
      }
      if (sharded) expect((dag.tasks[1] as Record<string, any>).expand).toEqual({ arguments: { xcom_of: ids[0] } });
    } else {
      expect(Object.keys(dag.runs)).toHaveLength(1);
    }
  });

  it('an AutoClassification workflow: OpenMetadata’s task id, sharded like the profiler', async () => {
    const out = join(dir, 'auto-classification');
    const result = await runOmgen(['dag', join(FIXTURES, 'auto-classification.yaml'), '--out', out, '--shard-by', 'schema'], {
      env: { PG_PASSWORD: undefined },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    await checkFolder(out);
    const dag = await loadDag(stubDir, join(out, 'local_pg_autoClassification.py'));
    expect(dag.tasks.map((t) => t.task_id)).toEqual(['auto_classification_task_shards', 'auto_classification_task']);
    expect(dag.dag.tags).toEqual(['OpenMetadata', 'omgen', 'autoClassification']);
  });

  it.each([
    ['bash', false],
    ['bash', true],
    ['kubernetes', false],
    ['kubernetes', true],
  ] as const)('as one pipeline: %s, sharded: %s', async (operator, sharded) => {
    const out = join(dir, `pipeline-${operator}-${sharded}`);
    const result = await runOmgen(
      [
        'dag',
        ...KINDS.map(([file]) => join(FIXTURES, file)),
        '--pipeline',
        'everything',
        '--out',
        out,
        ...(operator === 'kubernetes' ? ['--operator', 'kubernetes', '--image', 'om-worker:test'] : []),
        ...(sharded ? ['--shard-by', 'schema'] : []),
      ],
      { env: { PG_PASSWORD: undefined } },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    await checkFolder(out);
    const dag = await loadDag(stubDir, join(out, 'everything.py'));
    expect(dag.tasks).toHaveLength(sharded ? 8 : 6);
    // metadata before usage and lineage; those before the profiler; the profiler before data quality and dbt.
    const after = (task: string) => dag.dependencies.filter(([up]) => up === task).map(([, down]) => down);
    expect(after('local_pg_metadata').sort()).toEqual(['local_pg_lineage', 'local_pg_usage']);
    expect(after('local_pg_usage')).toEqual([sharded ? 'local_pg_profiler_shards' : 'local_pg_profiler']);
    expect(after('local_pg_profiler').sort()).toEqual(['local_pg_dbt', 'local_pg_testSuite']);
  });
});
