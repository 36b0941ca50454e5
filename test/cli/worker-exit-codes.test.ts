// `om-worker run` exit codes on runs that do start: 0 success (also partial success above the threshold),
// 1 failures over the threshold, 3 Postgres refusing a statement, 4 internal error; plus the ignored-key warning, given once.
// A schema whose name holds a double quote cannot have an OpenMetadata FQN: when the filters let it in, it is one
// failure of the source step.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlFor } from '../support/fixture-db.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { lines, listDir, metadataWorkflowLines, pgTarget, runWorker, tempDir, withLine, writeWorkflow } from './cli-helpers.js';
import { jsonStep } from '../support/steps.js';

const TABLES = 20;

let db: TestDatabase;
let clean: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase('worker_exit');
  const tables = Array.from({ length: TABLES }, (_, i) => `CREATE TABLE public.t${i} (id int primary key, name text);`);
  await execSql(db.url, ['CREATE SCHEMA "odd""schema"', tables.join('\n')]);
  clean = await createTestDatabase('worker_exit_clean');
  await execSql(clean.url, 'CREATE TABLE public.only_one (id int)');
  dir = await tempDir('worker-exit');
});

afterAll(async () => {
  await db?.drop();
  await clean?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Run {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  sinkFile: string;
  statusFile: string;
  outDir: string;
}

async function run(name: string, edit: (lines: string[]) => string[] = (l) => l, statusFile?: string, url = db.url): Promise<Run> {
  const outDir = join(dir, `${name}-out`);
  const sinkFile = join(outDir, 'records.ndjson');
  const status = statusFile ?? join(outDir, 'status.json');
  // The odd schema must pass the schema filter: a name filtered out is never a failure, however odd.
  const base = metadataWorkflowLines({ target: pgTarget(url), sinkFile }).map((line) => line.replace('- ^public$', '- ^(public|odd)'));
  const file = await writeWorkflow(dir, `${name}.yaml`, edit(base));
  const result = await runWorker(['run', '-c', file, '--status-json', status]);
  return { ...result, sinkFile, statusFile: status, outDir };
}

const readStatus = async (file: string) =>
  JSON.parse(await readFile(file, 'utf8')) as {
    pipelineState: string;
    steps: Array<{ name: string; records: number; errors: number; failures: Array<{ name: string }> }>;
  };

/** Adds `workflowConfig` keys right under line 22 (`workflowConfig:`). */
const workflowConfig =
  (...keys: string[]) =>
  (l: string[]) =>
    withLine(l, 22, 'workflowConfig:', ...keys.map((k) => `  ${k}`));

describe('om-worker run exit codes', () => {
  it('0 when the source lost a record but stayed above 90 % (partial success)', async () => {
    const r = await run('partial');
    expect(r.exitCode, r.stderr).toBe(0);
    const status = await readStatus(r.statusFile);
    expect(status.pipelineState).toBe('partialSuccess');
    expect(jsonStep(status, 'Postgres').errors).toBe(1);
    expect(jsonStep(status, 'Postgres').failures[0].name).toContain('odd"schema');
    // What the summary counts under Errors, the log calls an error.
    expect(lines(r.stderr).filter((l) => l.includes('odd"schema'))).toEqual([expect.stringMatching(/\] ERROR /)]);
    const records = lines(await readFile(r.sinkFile, 'utf8')).map((l) => JSON.parse(l) as { type: string });
    expect(records.filter((rec) => rec.type === 'createTable')).toHaveLength(TABLES);
    expect(r.stdout).toMatch(/Workflow finished in [\d.]+ s: partialSuccess/);
    expect(await listDir(r.outDir)).toEqual(['records.ndjson', 'status.json']);
  });

  it('1 when failures put the source under successThreshold', async () => {
    const r = await run('over-threshold', workflowConfig('successThreshold: 100'));
    expect(r.exitCode, r.stderr).toBe(1);
    expect((await readStatus(r.statusFile)).pipelineState).toBe('failed');
    expect(r.stdout).toMatch(/: failed/);
    // The run finished: its output is complete and in place, with no temp file left beside it.
    expect(await listDir(r.outDir)).toEqual(['records.ndjson', 'status.json']);
  });

  it('0 for the same failed run when raiseOnError is false', async () => {
    const r = await run('no-raise', workflowConfig('successThreshold: 100', 'raiseOnError: false'));
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await readStatus(r.statusFile)).pipelineState).toBe('failed');
  });

  it('0 and pipelineState success when nothing fails', async () => {
    const r = await run('clean', (l) => l, undefined, clean.url);
    expect(r.exitCode, r.stderr).toBe(0);
    const status = await readStatus(r.statusFile);
    expect(status.pipelineState).toBe('success');
    expect(status.steps.map((s) => s.errors)).toEqual([0, 0]);
    expect(r.stdout).toMatch(/Success %: 100\.00/);
  });

  it('3 when Postgres refuses a catalog statement after connecting (permission denied), writing no sink file', async () => {
    const denied = await createTestDatabase('worker_exit_denied');
    try {
      await execSql(denied.url, [
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'omg_denied_reader') THEN CREATE ROLE omg_denied_reader LOGIN; END IF; END $$",
        'REVOKE EXECUTE ON FUNCTION pg_catalog.pg_get_userbyid(oid) FROM PUBLIC',
      ]);
      const r = await run('denied', (l) => l, undefined, urlFor(denied.url, { user: 'omg_denied_reader' }));
      expect(r.exitCode, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/permission denied for function pg_get_userbyid/);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(existsSync(r.sinkFile)).toBe(false);
    } finally {
      await denied.drop();
    }
  });

  it('2 when --status-json names a folder: found before Postgres is read, nothing written', async () => {
    const outDir = join(dir, 'status-folder-out');
    await mkdir(join(outDir, 'status-is-a-folder'), { recursive: true });
    const r = await run('status-folder', (l) => l, join(outDir, 'status-is-a-folder'));
    expect(r.exitCode, r.stderr).toBe(2);
    expect(lines(r.stderr)).toEqual([`om-worker: --status-json ${join(outDir, 'status-is-a-folder')}: is a folder, not a file`]);
    expect(await listDir(outDir)).toEqual(['status-is-a-folder']);
  });

  it('2 when the file sink cannot write its file, naming the key', async () => {
    const outDir = join(dir, 'sink-under-a-file');
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'not-a-folder'), 'x');
    const sinkFile = join(outDir, 'not-a-folder', 'records.ndjson');
    const r = await run('sink-under-file', (l) => withLine(l, 21, `    filename: ${JSON.stringify(sinkFile)}`));
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toContain(`sink.config.filename (line 21, col 5): ${sinkFile}: ${join(outDir, 'not-a-folder')} is a file, not a folder`);
  });

  it('warns once about an accepted-but-unused key set to something it ignores, with its line, and still runs', async () => {
    const r = await run('ignored-key', (l) => withLine(l, 14, '      type: DatabaseMetadata', '      queryLogDuration: 3'));
    expect(r.exitCode, r.stderr).toBe(0);
    const warnings = lines(r.stderr).filter((l) => l.includes('queryLogDuration'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/WARN .*source\.sourceConfig\.config\.queryLogDuration \(line 15\): set, but not used by om-worker \(.+\)/);
  });

  it("mentions at INFO, once each, unused keys written with OpenMetadata's defaults (as its documentation's examples do)", async () => {
    const defaults = ['      threads: 1', '      queryLogDuration: 1', '      incremental:', '        enabled: false'];
    const r = await run('default-keys', (l) => withLine(l, 14, '      type: DatabaseMetadata', ...defaults));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lines(r.stderr).filter((l) => / WARN /.test(l))).toEqual([]);
    for (const key of ['threads', 'queryLogDuration', 'incremental']) {
      const mentions = lines(r.stderr).filter((l) => l.includes(`config.${key} `));
      expect(mentions, key).toEqual([expect.stringMatching(/ INFO .*accepted, at its default, and not used by om-worker/)]);
    }
  });
});
