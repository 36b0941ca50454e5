// The profiler into OpenMetadata (the API double), after the metadata workflow created the tables: the tables the
// server holds are profiled, with the settings the server stores for them; profiles and sample rows reach the
// table's endpoints; a table the server lacks is a warning that says to run the metadata workflow first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow } from '../../src/workflow/run-workflow.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';
import { profilerWorkflow } from '../support/run-profiler.js';

let db: TestDatabase;
let om: OpenMetadataDouble;

beforeAll(async () => {
  db = await createTestDatabase('profiler_rest');
  await execSql(db.url, [
    'create schema shop',
    'create table shop.orders (id int primary key, amount numeric(10,2), placed timestamptz, note text, tags text[])',
    `insert into shop.orders select i, i * 1.5, timestamptz '2024-01-01' + (i || ' days')::interval, case when i % 3 = 0 then null else 'n' || i end, array[i::text] from generate_series(1, 60) i`,
    'create table shop.customers (id int, contact text, card text, nickname text)',
    `insert into shop.customers select i, 'user' || i || '@example.com', case i % 2 when 0 then '4111 1111 1111 1111' else '5500005555555559' end, 'nick' || i from generate_series(1, 20) i`,
  ]);
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  expect((await runMetadataRest({ url: db.url, double: om, serviceName: 'svc' })).exitCode).toBe(0);
  // Created after the metadata run: the server does not hold it.
  await execSql(db.url, 'create table shop.late (x int)');
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

describe('profiler into OpenMetadata', () => {
  it('tags personal data on the server, adding to the tags a person set and never replacing one', async () => {
    const api = (method: string, path: string, body: unknown) =>
      fetch(`${om.baseUrl}/v1/${path}`, {
        method,
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': method === 'PATCH' ? 'application/json-patch+json' : 'application/json' },
        body: JSON.stringify(body),
      });
    // What every OpenMetadata server ships with: the PII classification and its tags.
    expect((await api('PUT', 'classifications', { name: 'PII', description: 'Personal data', mutuallyExclusive: true })).status).toBeLessThan(300);
    for (const tag of ['Sensitive', 'NonSensitive', 'None']) {
      expect((await api('PUT', 'tags', { name: tag, classification: 'PII', description: tag })).status).toBeLessThan(300);
    }
    const customers = om.get('table', `svc.${db.name}.shop.customers`);
    // A person marked nickname as non-sensitive: the name rule (sensitive) must not override that.
    const marked = await api('PATCH', `tables/${String(customers?.id)}`, [
      {
        op: 'add',
        path: '/columns/3/tags',
        value: [{ tagFQN: 'PII.NonSensitive', source: 'Classification', labelType: 'Manual', state: 'Confirmed' }],
      },
    ]);
    expect(marked.status, await marked.clone().text()).toBe(200);
    const server = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
    const config = profilerWorkflow(db.url, '', {
      tableFilterPattern: { includes: ['^customers$'] },
      processPiiSensitive: true,
      generateSampleData: false,
    });
    const withServer = {
      ...config,
      sink: { type: 'metadata-rest', config: {} },
      workflowConfig: { loggerLevel: 'ERROR', openMetadataServerConfig: server },
    };
    const result = await runWorkflow(loadWorkflowText(JSON.stringify(withServer), 'profiler.yaml', {}), {
      log: createLogger('ERROR', () => undefined),
    });
    expect(result.exitCode, JSON.stringify(result.status.steps.map((st) => [st.failures, st.warnings]))).toBe(0);
    const tags = (column: string) =>
      (
        (
          om.get('table', `svc.${db.name}.shop.customers`)?.columns as Array<{ name: string; tags?: Array<{ tagFQN: string; labelType: string }> }>
        ).find((c) => c.name === column)?.tags ?? []
      ).map((t) => `${t.tagFQN}/${t.labelType}`);
    expect(tags('contact')).toEqual(['PII.Sensitive/Automated']);
    expect(tags('card')).toEqual(['PII.Sensitive/Automated']);
    expect(tags('nickname')).toEqual(['PII.NonSensitive/Manual']);
    expect(tags('id')).toEqual([]);
    expect(om.sampleData(`svc.${db.name}.shop.customers`)).toBeUndefined();
  });

  it('profiles what the server holds, as its stored settings say; a table the server lacks is a warning', async () => {
    const orders = om.get('table', `svc.${db.name}.shop.orders`);
    const stored = await fetch(`${om.baseUrl}/v1/tables/${String(orders?.id)}/tableProfilerConfig`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ profileSample: 100, profileSampleType: 'PERCENTAGE', excludeColumns: ['tags'] }),
    });
    expect(stored.status, `${String(orders?.id)} ${await stored.clone().text()}`).toBe(200);
    const server = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
    const config = profilerWorkflow(db.url, '', {
      schemaFilterPattern: { includes: ['^shop$'] },
      tableFilterPattern: { excludes: ['^customers$'] },
      sampleDataCount: 5,
    });
    const withServer = {
      ...config,
      sink: { type: 'metadata-rest', config: {} },
      workflowConfig: { loggerLevel: 'ERROR', openMetadataServerConfig: server },
    };
    const loaded = loadWorkflowText(JSON.stringify(withServer), 'profiler.yaml', {});
    const result = await runWorkflow(loaded, { log: createLogger('ERROR', () => undefined) });
    expect(result.exitCode, result.fatal?.message).toBe(0);
    const fqn = `svc.${db.name}.shop.orders`;
    const [profile] = om.tableProfiles(fqn);
    // The stored settings: the echoed sample, and the excluded column neither profiled nor shown.
    expect(profile?.tableProfile).toMatchObject({ rowCount: 60, columnCount: 5, profileSample: 100, profileSampleType: 'PERCENTAGE' });
    expect((profile?.columnProfile as Array<{ name: string }>).map((c) => c.name)).toEqual(['id', 'amount', 'placed', 'note']);
    const amount = (profile?.columnProfile as Array<Record<string, unknown>>).find((c) => c.name === 'amount');
    expect(amount).toMatchObject({ valuesCount: 60, min: 1.5, max: 90, sum: 2745 });
    expect(om.sampleData(fqn)?.rows).toHaveLength(5);
    expect(om.sampleData(fqn)?.columns).toEqual(['id', 'amount', 'placed', 'note']);
    expect(result.status.steps.at(-1)?.failures).toEqual([]);
    expect(result.status.step('Postgres')?.warnings).toEqual([
      { name: `svc.${db.name}.shop.late`, message: `table svc.${db.name}.shop.late is not on the server (run the metadata workflow first)` },
    ]);
    expect(om.tableProfiles(`svc.${db.name}.shop.late`)).toEqual([]);
  });
});
