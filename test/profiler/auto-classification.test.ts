// OpenMetadata 1.7's AutoClassification workflow (PII tagging and sample data, taken out of the profiler), run by the
// profiler without its metrics: no table profile, no full scan, sample rows only when storeSampleData; with the
// server, classificationFilterPattern keeps the tables holding a matching tag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { ConfigError } from '../../src/config/config-error.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow } from '../../src/workflow/run-workflow.js';
import { asProfilerWorkflow } from '../../src/profiler/auto-classification.js';
import type { DatabaseProfilerPipelineConfig } from '../../src/config/types.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';
import { profilerWorkflow, runProfiler } from '../support/run-profiler.js';

let db: TestDatabase;
let om: OpenMetadataDouble;

beforeAll(async () => {
  db = await createTestDatabase('auto_classification');
  await execSql(db.url, [
    'create table people (id int, contact text, card text, note text)',
    `insert into people select i, 'user' || i || '@example.com', '4111 1111 1111 1111', 'n' || i from generate_series(1, 40) i`,
    'create table plain (id int, n int)',
    'insert into plain select i, i % 3 from generate_series(1, 40) i',
    'create table mixed (id int, contact text)',
    `insert into mixed select i, 'm' || i || '@example.com' from generate_series(1, 10) i`,
  ]);
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  expect((await runMetadataRest({ url: db.url, double: om, serviceName: 'svc' })).exitCode).toBe(0);
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

const fqn = (table: string) => `svc.${db.name}.public.${table}`;
const auto = (config: Record<string, unknown> = {}) => ({
  type: 'AutoClassification',
  tableFilterPattern: { includes: ['^people$', '^plain$'] },
  ...config,
});

describe('AutoClassification', () => {
  it('tags personal data from names and sample rows, sends no profile and reads no table whole', async () => {
    const run = await runProfiler(db.url, auto());
    expect(run.result.exitCode, JSON.stringify(run.result.status.steps.map((s) => s.failures))).toBe(0);
    expect([...new Set(run.lines.map((line) => line.type))].sort()).toEqual(['columnTags']);
    const tagged = run.lines.find((line) => (line.data as { table: { fullyQualifiedName: string } }).table.fullyQualifiedName === fqn('people'));
    const columns = (tagged?.data as { columns: Array<{ name: string; tags: Array<{ tagFQN: string }> }> }).columns;
    expect(Object.fromEntries(columns.map((c) => [c.name, c.tags.map((t) => t.tagFQN)]))).toMatchObject({
      contact: ['PII.Sensitive'],
      card: ['PII.Sensitive'],
    });
    // The sample is all that is read: no count, no aggregate over the table.
    const statements = run.debug.filter((line) => line.includes(`${fqn('people')}: `) && /\bselect\b/i.test(line));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(statement).not.toMatch(/count\(/i);
    expect(run.result.status.step('Profiler')?.facts.get('tables whose sample rows were read')).toBe('2');
  });

  it('sends sample rows with storeSampleData, and no tag with enableAutoClassification off', async () => {
    const run = await runProfiler(db.url, auto({ storeSampleData: true, sampleDataCount: 5, enableAutoClassification: false }));
    expect(run.result.exitCode).toBe(0);
    expect([...new Set(run.lines.map((line) => line.type))]).toEqual(['tableData']);
    for (const line of run.lines) expect((line.data as { sampleData: { rows: unknown[] } }).sampleData.rows).toHaveLength(5);
  });

  it('reads sampleDataCount rows whether or not it stores them, and no row when it neither tags nor stores', () => {
    const profilerOf = (config: Record<string, unknown>) =>
      asProfilerWorkflow(loadWorkflowText(JSON.stringify(profilerWorkflow(db.url, 'out.ndjson', auto(config))), 'classify.yaml', {}).config).source
        .sourceConfig.config as DatabaseProfilerPipelineConfig;
    expect(profilerOf({ sampleDataCount: 5 })).toMatchObject({
      type: 'Profiler',
      computeMetrics: false,
      generateSampleData: true,
      sampleDataCount: 5,
      processPiiSensitive: true,
      classificationOnly: { storeSampleData: false },
    });
    expect(profilerOf({ enableAutoClassification: false, storeSampleData: false })).toMatchObject({
      generateSampleData: false,
      processPiiSensitive: false,
    });
  });

  it('refuses a profiler key it does not have, naming it', () => {
    const workflow = profilerWorkflow(db.url, 'out.ndjson', auto({ generateSampleData: true }));
    expect(() => loadWorkflowText(JSON.stringify(workflow), 'classify.yaml', {})).toThrow(ConfigError);
    try {
      loadWorkflowText(JSON.stringify(workflow), 'classify.yaml', {});
    } catch (error) {
      expect(JSON.stringify((error as ConfigError).issues)).toContain('generateSampleData');
    }
  });

  it('with the server, classifies only the tables whose tags classificationFilterPattern keeps', async () => {
    const api = (method: string, path: string, body: unknown) =>
      fetch(`${om.baseUrl}/v1/${path}`, {
        method,
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': method === 'PATCH' ? 'application/json-patch+json' : 'application/json' },
        body: JSON.stringify(body),
      });
    for (const [classification, tags] of [
      ['PII', ['Sensitive', 'NonSensitive']],
      ['Tier', ['Tier1']],
      ['Team', ['Finance']],
    ] as const) {
      expect((await api('PUT', 'classifications', { name: classification, description: classification })).status).toBeLessThan(300);
      for (const tag of tags) expect((await api('PUT', 'tags', { name: tag, classification, description: tag })).status).toBeLessThan(300);
    }
    const label = (tagFQN: string) => ({ tagFQN, source: 'Classification', labelType: 'Manual', state: 'Confirmed' });
    const tag = async (table: string, tags: string[]) =>
      expect(
        (await api('PATCH', `tables/${String(om.get('table', fqn(table))?.id)}`, [{ op: 'add', path: '/tags', value: tags.map(label) }])).status,
      ).toBe(200);
    await tag('people', ['Tier.Tier1']);
    // As in OpenMetadata, one tag the pattern filters out is enough to leave a table out.
    await tag('mixed', ['Tier.Tier1', 'Team.Finance']);
    const server = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
    const workflow = {
      ...profilerWorkflow(db.url, '', auto({ tableFilterPattern: undefined, classificationFilterPattern: { includes: ['^tier1$'] } })),
      sink: { type: 'metadata-rest', config: {} },
      workflowConfig: { loggerLevel: 'ERROR', openMetadataServerConfig: server },
    };
    const result = await runWorkflow(loadWorkflowText(JSON.stringify(workflow), 'classify.yaml', {}), {
      log: createLogger('ERROR', () => undefined),
    });
    expect(result.exitCode, JSON.stringify(result.status.steps.map((s) => [s.failures, s.warnings]))).toBe(0);
    const filtered = result.status.step('Postgres')?.filtered.filter((f) => f.reason === 'Classification Filtered Out');
    expect(filtered?.map((f) => f.name).sort()).toEqual([fqn('mixed'), fqn('plain')]);
    const contact = (om.get('table', fqn('people'))?.columns as Array<{ name: string; tags?: Array<{ tagFQN: string }> }>).find(
      (c) => c.name === 'contact',
    );
    expect(contact?.tags?.map((t) => t.tagFQN)).toEqual(['PII.Sensitive']);
    expect(om.tableProfiles(fqn('people'))).toEqual([]);
  });
});
