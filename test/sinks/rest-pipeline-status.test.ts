// With ingestionPipelineFQN and pipelineRunId, the run reports to its IngestionPipeline as OpenMetadata's workflows
// do: `running` at the start, then success / partialSuccess / failed with a summary per step; the pipeline is created
// when missing.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import type { JsonObject } from '../support/openmetadata-double/types.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, TEST_TOKEN, type RestRunOptions } from '../support/run-metadata-rest.js';
import { metadataWorkflow, parseNdjson } from '../support/run-metadata.js';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow } from '../../src/workflow/run-workflow.js';

const PIPELINE = 'svc.metadata_ingest';
const STATUS_PATH = `/api/v1/services/ingestionPipelines/${PIPELINE}/pipelineStatus`;

let db: TestDatabase;
let om: OpenMetadataDouble;

/** Ten tables in schema app: with the service, database and schema, 13 records. */
const GOOD = ['CREATE SCHEMA app', ...Array.from({ length: 10 }, (_, i) => `CREATE TABLE app.t${i} (x integer)`)];

async function run(runId: string, extra: Partial<RestRunOptions> = {}) {
  return runMetadataRest({
    url: db.url,
    double: om,
    sourceConfig: { schemaFilterPattern: { excludes: ['^public$'] } },
    top: { ingestionPipelineFQN: PIPELINE, pipelineRunId: runId },
    ...extra,
  });
}

/** The PipelineStatus bodies PUT for a run, in the order they arrived. */
const statusPuts = (runId: string) =>
  om.requests.filter((r) => r.method === 'PUT' && r.path === STATUS_PATH && (r.body as JsonObject).runId === runId).map((r) => r.body as JsonObject);

beforeAll(async () => {
  db = await createTestDatabase('rest_pipeline');
  await execSql(db.url, GOOD);
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

beforeEach(() => om.reset());

describe('a service that exists and a pipeline that does not', () => {
  beforeEach(async () => {
    expect((await runMetadataRest({ url: db.url, double: om })).exitCode).toBe(0);
    om.clearRequests();
  });

  it('creates the pipeline, then reports running and a final success with each step', async () => {
    const runId = randomUUID();
    const result = await run(runId);
    expect(result.exitCode).toBe(0);

    const pipeline = om.get('ingestionPipeline', PIPELINE)!;
    expect(pipeline).toMatchObject({ name: 'metadata_ingest', pipelineType: 'metadata', service: { type: 'databaseService', name: 'svc' } });
    // The sourceConfig as written, not padded with defaults a 1.4 server does not know.
    expect(pipeline.sourceConfig).toEqual({ config: { type: 'DatabaseMetadata', schemaFilterPattern: { excludes: ['^public$'] } } });

    const puts = statusPuts(runId);
    expect(puts.map((p) => p.pipelineState)).toEqual(['running', 'success']);
    expect(puts[0]).not.toHaveProperty('status');
    const final = puts[1];
    expect(final.startDate).toBe(puts[0].startDate);
    expect(Number(final.endDate)).toBeGreaterThanOrEqual(Number(final.startDate));
    expect(final.status).toEqual([
      { name: 'Postgres', records: 13, updated_records: 0, warnings: 0, errors: 0, filtered: 1, failures: [] },
      { name: 'OpenMetadata', records: 13, updated_records: 0, warnings: 0, errors: 0, filtered: 0, failures: [] },
    ]);
    expect(om.pipelineStatuses(PIPELINE)).toEqual([final]);
  });

  it('reuses a pipeline that exists, one status record per run', async () => {
    const firstRun = randomUUID();
    const secondRun = randomUUID();
    await run(firstRun);
    const created = om.get('ingestionPipeline', PIPELINE)!;
    await run(secondRun);
    expect(om.get('ingestionPipeline', PIPELINE)).toEqual(created);
    expect(om.requests.filter((r) => r.method === 'PUT' && r.path === '/api/v1/services/ingestionPipelines')).toHaveLength(1);
    expect(om.pipelineStatuses(PIPELINE).map((s) => [s.runId, s.pipelineState])).toEqual([
      [firstRun, 'success'],
      [secondRun, 'success'],
    ]);
  });
});

describe('the final state', () => {
  beforeAll(async () => {
    // A schema name OpenMetadata cannot take: one source failure against 13 records, 93 % success.
    await execSql(db.url, 'CREATE SCHEMA "bad""schema"');
  });

  afterAll(async () => {
    await execSql(db.url, 'DROP SCHEMA "bad""schema"');
  });

  it('is partialSuccess when the source lost a record but stayed over the threshold, with the failure', async () => {
    const runId = randomUUID();
    const result = await run(runId);
    expect(result.exitCode).toBe(0);
    const puts = statusPuts(runId);
    expect(puts.map((p) => p.pipelineState)).toEqual(['partialSuccess']); // first run: no service yet, so no `running`
    const [source, sink] = puts[0].status as JsonObject[];
    expect(source).toMatchObject({ name: 'Postgres', errors: 1 });
    expect((source.failures as JsonObject[])[0]).toMatchObject({ name: expect.stringContaining('bad"schema') });
    expect(sink).toMatchObject({ name: 'OpenMetadata', errors: 0 });
  });

  it('is failed when the failures cross successThreshold (and the run exits 1)', async () => {
    const runId = randomUUID();
    await runMetadataRest({ url: db.url, double: om });
    const result = await run(runId, { workflowConfig: { successThreshold: 100 } });
    expect(result.exitCode).toBe(1);
    expect(statusPuts(runId).map((p) => p.pipelineState)).toEqual(['running', 'failed']);
  });
});

describe('a first run, against a server without the service', () => {
  it('cannot say running, but creates the pipeline at the end and reports the final state', async () => {
    const runId = randomUUID();
    const lines: string[] = [];
    const result = await run(runId, { logLines: lines });
    expect(result.exitCode).toBe(0);
    expect(statusPuts(runId).map((p) => p.pipelineState)).toEqual(['success']);
    expect(om.get('ingestionPipeline', PIPELINE)).toBeDefined();
    expect(lines.filter((l) => l.includes(' WARN '))).toEqual([]);
  });
});

describe('a file-sink run whose server cannot take the report', () => {
  it('extracts all the same, with one warning, and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omgen-report-'));
    try {
      const output = join(dir, 'out.ndjson');
      const workflow = metadataWorkflow({ url: db.url, sourceConfig: { schemaFilterPattern: { excludes: ['^public$'] } } }, output) as Record<
        string,
        any
      >;
      workflow.workflowConfig.openMetadataServerConfig = {
        hostPort: om.baseUrl,
        authProvider: 'openmetadata',
        securityConfig: { jwtToken: 'not-the-token' },
      };
      workflow.ingestionPipelineFQN = PIPELINE;
      const lines: string[] = [];
      const log = createLogger('INFO', (line) => void lines.push(line));
      const result = await runWorkflow(loadWorkflowText(JSON.stringify(workflow), 'wf.yaml', {}), { log });
      expect(result.exitCode).toBe(0);
      expect(parseNdjson(await readFile(output, 'utf8')).filter((l) => l.type === 'createTable')).toHaveLength(10);
      const warnings = lines.filter((l) => l.includes(' WARN '));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/cannot report to ingestion pipeline svc\.metadata_ingest: .*401|token/i);
      expect(om.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
