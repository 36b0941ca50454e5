// The profiler into OpenMetadata (the API double), after the metadata workflow created the tables: each table's
// profile and sample rows reach the table's endpoints, bodies the server's schema accepts; a table the server lacks
// is a warning that says to run the metadata workflow first, never a failure.
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
  it('sends each table profile and its sample rows; a table the server lacks is a warning', async () => {
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
    expect(profile?.tableProfile).toMatchObject({ rowCount: 60, columnCount: 5 });
    const amount = (profile?.columnProfile as Array<Record<string, unknown>>).find((c) => c.name === 'amount');
    expect(amount).toMatchObject({ valuesCount: 60, min: 1.5, max: 90, sum: 2745 });
    expect(om.sampleData(fqn)?.rows).toHaveLength(5);
    expect(om.sampleData(fqn)?.columns).toEqual(['id', 'amount', 'placed', 'note', 'tags']);
    const sink = result.status.steps.at(-1);
    expect(sink?.failures).toEqual([]);
    expect(sink?.warnings.map((w) => w.message)).toEqual([
      `table svc.${db.name}.shop.late is not on the server (run the metadata workflow first): profile not sent`,
      `table svc.${db.name}.shop.late is not on the server (run the metadata workflow first): sample data not sent`,
    ]);
  });
});
