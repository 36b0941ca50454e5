// OpenMetadata's CLI verbs on the built worker: `om-worker ingest -c FILE` runs what `metadata ingest -c FILE` runs,
// and each verb refuses a config of another kind before touching anything, saying which verb runs it.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { lines, metadataWorkflowLines, pgTarget, runWorker, tempDir, withLine, writeWorkflow } from './cli-helpers.js';

let dir: string;
let db: TestDatabase;

beforeAll(async () => {
  dir = await tempDir('verbs');
  db = await createTestDatabase('worker_verbs');
});

afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('om-worker verbs', () => {
  it('ingest runs a metadata workflow; profile and test refuse it, naming the verb that runs it', async () => {
    const output = join(dir, 'ingest.ndjson');
    const file = await writeWorkflow(dir, 'metadata.yaml', metadataWorkflowLines({ target: pgTarget(db.url), sinkFile: output }));
    const ingested = await runWorker(['ingest', '-c', file]);
    expect(ingested.exitCode, ingested.stderr).toBe(0);
    expect(existsSync(output)).toBe(true);

    const other = join(dir, 'other.ndjson');
    const refused = await writeWorkflow(dir, 'refused.yaml', metadataWorkflowLines({ target: pgTarget(db.url), sinkFile: other }));
    for (const verb of ['profile', 'test', 'usage']) {
      const result = await runWorker([verb, '-c', refused]);
      expect(result.exitCode).toBe(2);
      expect(lines(result.stderr)).toEqual([
        `om-worker: ${refused}: om-worker ${verb} runs ${verb === 'profile' ? 'a profiler workflow' : verb === 'test' ? 'a data quality (TestSuite) workflow' : 'a usage workflow'}; this is a DatabaseMetadata workflow (use om-worker ingest or om-worker run)`,
      ]);
    }
    expect(existsSync(other)).toBe(false);
  });

  it('--quiet leaves warnings, errors and the summary: no INFO lines', async () => {
    const output = join(dir, 'quiet.ndjson');
    const file = await writeWorkflow(dir, 'quiet.yaml', metadataWorkflowLines({ target: pgTarget(db.url), sinkFile: output }));
    const loud = await runWorker(['run', '-c', file]);
    expect(loud.stderr).toMatch(/ INFO {2}/);
    const quiet = await runWorker(['run', '-c', file, '--quiet']);
    expect(quiet.exitCode, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toMatch(/ INFO {2}/);
    expect(quiet.stdout).toMatch(/Workflow finished in [\d.]+ s: success/);
  });

  /** A workflow of this sourceConfig type with the profiler's processor, writing to `<name>.ndjson`. */
  async function profilerKind(type: string, name: string): Promise<{ file: string; output: string }> {
    const output = join(dir, `${name}.ndjson`);
    const metadata = metadataWorkflowLines({ target: pgTarget(db.url), sinkFile: output });
    const typed = withLine(metadata, metadata.indexOf('      type: DatabaseMetadata') + 1, `      type: ${type}`);
    return { file: await writeWorkflow(dir, `${name}.yaml`, [...typed, 'processor:', '  type: orm-profiler', '  config: {}']), output };
  }

  it('profile runs a profiler workflow', async () => {
    const { file, output } = await profilerKind('Profiler', 'profile');
    const result = await runWorker(['profile', '-c', file]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(existsSync(output)).toBe(true);
  });

  it('classify runs an AutoClassification workflow, which profile refuses', async () => {
    const { file, output } = await profilerKind('AutoClassification', 'classify');
    const refused = await runWorker(['profile', '-c', file]);
    expect(refused.exitCode).toBe(2);
    expect(lines(refused.stderr)).toEqual([
      `om-worker: ${file}: om-worker profile runs a profiler workflow; this is a AutoClassification workflow (use om-worker classify or om-worker run)`,
    ]);
    const result = await runWorker(['classify', '-c', file]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(existsSync(output)).toBe(true);
  });
});
