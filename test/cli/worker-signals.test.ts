// SIGTERM (Airflow stopping a task) and SIGINT (Ctrl-C) mid-run: the built worker removes its temporary file,
// writes no output, reports the pipeline failed and exits 143 / 130. A temporary file a killed worker left behind is
// swept by the next run of the same target.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockRelation, workerWaitsForLock } from '../support/locks.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { metadataWorkflow } from '../support/run-metadata.js';
import { restWorkflow, TEST_TOKEN } from '../support/run-metadata-rest.js';
import { listDir, tempDir, WORKER } from './cli-helpers.js';

const PIPELINE = 'svc.nightly_metadata';
let db: TestDatabase;
let dir: string;
let double: OpenMetadataDouble;

beforeAll(async () => {
  db = await createTestDatabase('signals');
  await execSql(db.url, [
    'CREATE TABLE public.orders (id integer PRIMARY KEY, total numeric)',
    'CREATE VIEW public.big_orders AS SELECT id FROM public.orders WHERE total > 100',
  ]);
  dir = await tempDir('signals');
  double = await startOpenMetadataDouble({ token: TEST_TOKEN });
});

afterAll(async () => {
  await double?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts the built worker on `workflow`, waits until it is blocked on a locked view, and sends it `signal`. */
async function interrupt(name: string, workflow: Record<string, unknown>, signal: NodeJS.Signals) {
  const config = join(dir, `${name}.yaml`);
  await writeFile(config, JSON.stringify(workflow, null, 2));
  const lock = await lockRelation(db.url, 'public.big_orders');
  try {
    const worker = execa(WORKER, ['run', '-c', config, '--log-level', 'WARN', '--status-json', join(dir, `${name}.status.json`)], {
      reject: false,
      timeout: 60_000,
    });
    await workerWaitsForLock(db.url, db.name);
    worker.kill(signal);
    return await worker;
  } finally {
    await lock.release();
  }
}

describe('a signal mid-run', () => {
  it('SIGTERM: exit 143, no output file, no temporary file, the status failed', async () => {
    const outDir = join(dir, 'term');
    const result = await interrupt('term', metadataWorkflow({ url: db.url }, join(outDir, 'out.ndjson')), 'SIGTERM');
    expect(result.exitCode, result.stderr).toBe(143);
    expect(result.stderr).toMatch(/SIGTERM received: stopping the run/);
    expect(result.stderr).toMatch(/interrupted by SIGTERM/);
    expect(await listDir(outDir)).toEqual([]);
    const status = JSON.parse(await readFile(join(dir, 'term.status.json'), 'utf8'));
    expect(status.pipelineState).toBe('failed');
    expect(status.fatalError).toBe('interrupted by SIGTERM');
  });

  it('SIGINT: exit 130 and nothing left behind', async () => {
    const outDir = join(dir, 'int');
    const result = await interrupt('int', metadataWorkflow({ url: db.url }, join(outDir, 'out.ndjson')), 'SIGINT');
    expect(result.exitCode, result.stderr).toBe(130);
    expect(await listDir(outDir)).toEqual([]);
  });

  it('reports the ingestion pipeline failed, not running', async () => {
    const top = { ingestionPipelineFQN: PIPELINE };
    const first = await execa(WORKER, ['run', '-c', await writeJson('first.yaml', restWorkflow({ url: db.url, double, top }))], { reject: false });
    expect(first.exitCode, first.stderr).toBe(0);
    const result = await interrupt('rest', restWorkflow({ url: db.url, double, top }), 'SIGTERM');
    expect(result.exitCode, result.stderr).toBe(143);
    // One status per run, updated in place by its runId: the second run's went from running to failed.
    expect(double.pipelineStatuses(PIPELINE).map((s) => s.pipelineState)).toEqual(['success', 'failed']);
  });
});

async function writeJson(name: string, workflow: Record<string, unknown>): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(workflow, null, 2));
  return file;
}

describe('temporary files of workers that died', () => {
  it('are swept by the next run of the same target; those of live processes are not', async () => {
    const outDir = join(dir, 'sweep');
    const target = join(outDir, 'out.ndjson');
    // The pid of a process that has exited: nothing runs under it any more.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, `.out.ndjson.${dead}.tmp`), 'half a file');
    await writeFile(join(outDir, `.out.ndjson.${process.pid}.tmp`), 'another writer, still running');
    await writeFile(join(outDir, '.other.ndjson.1.tmp'), 'not this target');
    const result = await execa(WORKER, ['run', '-c', await writeJson('sweep.yaml', metadataWorkflow({ url: db.url }, target))], { reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await listDir(outDir)).toEqual(['.other.ndjson.1.tmp', `.out.ndjson.${process.pid}.tmp`, 'out.ndjson'].sort());
  });
});
