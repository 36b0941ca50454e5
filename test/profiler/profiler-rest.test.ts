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
  it('profiles what the server holds, as its stored settings say; a table the server lacks is a warning', async () => {
    const orders = om.get('table', `svc.${db.name}.shop.orders`);
    const stored = await fetch(`${om.baseUrl}/v1/tables/${String(orders?.id)}/tableProfilerConfig`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ profileSample: 100, profileSampleType: 'PERCENTAGE', excludeColumns: ['tags'] }),
    });
    expect(stored.status, `${String(orders?.id)} ${await stored.clone().text()}`).toBe(200);
    const server = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
    const config = profilerWorkflow(db.url, '', { schemaFilterPattern: { includes: ['^shop$'] }, sampleDataCount: 5 });
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
