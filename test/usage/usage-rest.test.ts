// The usage workflow into OpenMetadata (the API double), after the metadata workflow created the tables: each table's
// daily count (a second run the same day adds only what ran since), the queries with their tables and users, the
// joins, and the usage percentiles the server is asked to recompute.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunResult } from '../../src/workflow/run-workflow.js';
import { serverMajor } from '../support/fixture-db.js';
import { buildWarehouse } from '../support/lineage-workload.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';
import { OpenMetadataClient } from '../../src/openmetadata/openmetadata-client.js';
import { FileReplaySource } from '../../src/sinks/file-replay-source.js';
import { ReferenceRecords } from '../../src/sinks/reference-records.js';
import { runUsage, usageCounts, usageWorkflow } from '../support/run-usage.js';

let db: TestDatabase;
let om: OpenMetadataDouble;
let folder: string;

async function runUsageRest(source?: FileReplaySource, stageFolder = folder): Promise<RunResult> {
  const server = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
  const loaded = loadWorkflowText(JSON.stringify(usageWorkflow(db.url, stageFolder, { server })), 'usage.yaml', {});
  return runWorkflow(loaded, { log: createLogger('ERROR', () => undefined), source });
}

const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  db = await createTestDatabase('usage_rest');
  await buildWarehouse(db.url, await serverMajor(db.url));
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  om.addUser('postgres');
  expect((await runMetadataRest({ url: db.url, double: om, serviceName: 'wh' })).exitCode).toBe(0);
  folder = await mkdtemp(join(tmpdir(), 'omgen-usage-rest-'));
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('usage into OpenMetadata', () => {
  const fqn = (table: string) => `wh.${db.name}.${table}`;

  it('sends daily counts, queries with their tables and user, joins, then asks for percentiles', async () => {
    const result = await runUsageRest();
    expect(result.exitCode, result.fatal?.message).toBe(0);
    expect(result.status.step('Metadata Usage')?.failures).toEqual([]);
    const revenue = om.tableUsage(fqn('mart.daily_revenue'));
    expect(revenue).toEqual([expect.objectContaining({ date: today(), count: 1 })]);
    const query = om.queries().find((q) => String(q.query).startsWith('insert into mart.daily_revenue'));
    expect(query).toBeDefined();
    expect(query?.checksum).toBe(query?.name);
    const detailed = await fetch(`${om.baseUrl}/v1/queries/${String(query?.id)}?fields=queryUsedIn,users`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    const body = (await detailed.json()) as { queryUsedIn: Array<{ fullyQualifiedName: string }>; users: Array<{ name: string }> };
    expect(body.queryUsedIn.map((r) => r.fullyQualifiedName).sort()).toEqual([fqn('mart.daily_revenue'), fqn('raw.customers'), fqn('raw.orders')]);
    expect(body.users.map((u) => u.name)).toEqual(['postgres']);
    const joins = om.tableJoins(fqn('raw.orders')) as {
      columnJoins: Array<{ columnName: string; joinedWith: Array<{ fullyQualifiedName: string }> }>;
    };
    const customerId = joins.columnJoins.find((c) => c.columnName === 'customer_id');
    expect(customerId?.joinedWith.map((j) => j.fullyQualifiedName)).toContain(fqn('raw.customers.id'));
    expect(
      om
        .percentileRuns()
        .map((run) => run.entityType)
        .sort(),
    ).toEqual(['database', 'table']);
  });

  it('adds only what ran since to the day, on a second run the same day', async () => {
    const before = om.tableUsage(fqn('raw.customers'))[0]?.count ?? 0;
    await execSql(db.url, ["select count(*) from raw.customers where region = 'north'", "select count(*) from raw.customers where region = 'south'"]);
    const result = await runUsageRest();
    expect(result.exitCode).toBe(0);
    expect(om.tableUsage(fqn('raw.customers'))).toEqual([expect.objectContaining({ date: today(), count: before + 2 })]);
  });

  it('keeps the users and tables the server holds for a query when it runs again', async () => {
    const text = "select count(*) from raw.customers where region = 'north'";
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${om.baseUrl}/v1/${path}`, {
        method,
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const query = om.queries().find((q) => String(q.query).startsWith('select count(*) from raw.customers where region'));
    expect(query).toBeDefined();
    // An earlier run (or a person) gave the query another user and another table.
    om.addUser('alice');
    expect((await api('PUT', `queries/${String(query?.id)}/users`, ['alice'])).status).toBe(201);
    const orders = om.get('table', fqn('raw.orders'));
    expect((await api('PUT', `queries/${String(query?.id)}/usage`, [{ id: orders?.id, type: 'table' }])).status).toBe(201);
    await execSql(db.url, text);
    const result = await runUsageRest();
    expect(result.exitCode).toBe(0);
    const stored = (await (await api('GET', `queries/${String(query?.id)}?fields=users,queryUsedIn`)).json()) as {
      users: Array<{ name: string }>;
      queryUsedIn: Array<{ fullyQualifiedName: string }>;
    };
    expect(stored.users.map((u) => u.name).sort()).toEqual(['alice', 'postgres']);
    expect(stored.queryUsedIn.map((r) => r.fullyQualifiedName).sort()).toEqual([fqn('raw.customers'), fqn('raw.orders')]);
  });

  it('merges the same text sent from two databases at once into one query, neither side lost', async () => {
    om.addUser('bob');
    const client = await OpenMetadataClient.connect(
      { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } },
      { log: createLogger('ERROR', () => undefined), concurrency: 4 },
    );
    const records = new ReferenceRecords(client, { overrideViewLineage: false });
    const text = 'select 1 from tenant_data where id = $1';
    const sent = (table: string, role: string) =>
      records.deliver({
        type: 'createQuery',
        data: { query: text, usedBy: [role], queryDate: Date.now(), service: 'wh', queryUsedIn: [{ type: 'table', fullyQualifiedName: fqn(table) }] },
        entityName: text,
      });
    expect(await Promise.all([sent('raw.orders', 'postgres'), sent('raw.customers', 'bob')])).toEqual([{ sent: true }, { sent: true }]);
    const query = om.queries().find((q) => q.query === text);
    const stored = (await (
      await fetch(`${om.baseUrl}/v1/queries/${String(query?.id)}?fields=users,queryUsedIn`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })
    ).json()) as { users: Array<{ name: string }>; queryUsedIn: Array<{ fullyQualifiedName: string }> };
    expect(stored.users.map((u) => u.name).sort()).toEqual(['bob', 'postgres']);
    expect(stored.queryUsedIn.map((r) => r.fullyQualifiedName).sort()).toEqual([fqn('raw.customers'), fqn('raw.orders')]);
  });

  it('replays a file sink run through push to the same counts, queries and joins', async () => {
    const extract = await mkdtemp(join(tmpdir(), 'omgen-usage-push-'));
    const previous = om;
    const fresh = await startOpenMetadataDouble({ token: TEST_TOKEN });
    try {
      const { result, lines } = await runUsage(db.url, extract);
      expect(result.exitCode).toBe(0);
      om = fresh;
      expect((await runMetadataRest({ url: db.url, double: fresh, serviceName: 'wh' })).exitCode).toBe(0);
      const pushed = await runUsageRest(new FileReplaySource(join(extract, 'usage.ndjson')), extract);
      expect(pushed.exitCode, pushed.fatal?.message).toBe(0);
      for (const [table, count] of usageCounts(lines)) expect(fresh.tableUsage(table)[0]?.count, table).toBe(count);
      expect(fresh.queries().length).toBe(lines.filter((l) => l.type === 'createQuery').length);
      expect(fresh.tableJoins(fqn('raw.orders'))).toBeDefined();
    } finally {
      om = previous;
      await fresh.stop();
      await rm(extract, { recursive: true, force: true });
    }
  });
});
