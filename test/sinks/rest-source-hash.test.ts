// Re-runs send only what changed: every database, schema, table and procedure carries a sourceHash (md5 of its
// request), the server's entities under each parent are listed once, and an entity whose hash the server holds is
// not sent. A change in Postgres (a comment, a column, a procedure body) reaches the server; nothing else moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, TEST_TOKEN, versions } from '../support/run-metadata-rest.js';

const TYPES = ['database', 'databaseSchema', 'table', 'storedProcedure'] as const;

let db: TestDatabase;
let om: OpenMetadataDouble;
let before: Map<string, unknown>;

const run = () => runMetadataRest({ url: db.url, double: om, sourceConfig: { schemaFilterPattern: { includes: ['^app$', '^keep$'] } } });
const puts = () => om.requests.filter((r) => r.method === 'PUT').map((r) => `${r.path} ${String((r.body as { name?: string } | undefined)?.name)}`);

beforeAll(async () => {
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  db = await createTestDatabase('rest_source_hash');
  await execSql(db.url, [
    'CREATE SCHEMA app',
    'CREATE SCHEMA keep',
    'CREATE TABLE app.orders (id int PRIMARY KEY, amount numeric(10,2))',
    'CREATE TABLE app.customers (id int PRIMARY KEY, name text)',
    'CREATE TABLE keep.k (x int)',
    'CREATE FUNCTION app.total() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
  ]);
  expect((await run()).exitCode).toBe(0);
  before = versions(om, [...TYPES]);
  om.clearRequests();
  await execSql(db.url, [
    "COMMENT ON TABLE app.orders IS 'one row per order'",
    'ALTER TABLE app.customers ADD COLUMN email text',
    'CREATE OR REPLACE FUNCTION app.total() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$',
  ]);
  expect((await run()).exitCode).toBe(0);
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

describe('a re-run after changes in Postgres', () => {
  it('sends exactly the two changed tables and the changed procedure', () => {
    expect(puts().sort()).toEqual(['/api/v1/storedProcedures total', '/api/v1/tables customers', '/api/v1/tables orders']);
  });

  it('moves the version of exactly those entities', () => {
    const after = versions(om, [...TYPES]);
    const moved = [...after.keys()].filter((fqn) => after.get(fqn) !== before.get(fqn)).sort();
    const base = `svc.${db.name}`;
    expect(moved).toEqual([`storedProcedure:${base}.app.total`, `table:${base}.app.customers`, `table:${base}.app.orders`]);
  });

  it('leaves the server holding the new facts and their new hashes', () => {
    const table = (name: string) => om.entities('table').find((t) => t.name === name) as Record<string, any>;
    expect(table('orders').description).toBe('one row per order');
    expect(table('customers').columns.map((c: { name: string }) => c.name)).toEqual(['id', 'name', 'email']);
    const hashes = om.entities('table').map((t) => t.sourceHash);
    expect(new Set(hashes).size).toBe(3);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lists each parent once, before sending anything under it', () => {
    const listings = om.requests.filter((r) => r.method === 'GET' && /^\/api\/v1\/(databases|databaseSchemas|tables|storedProcedures)$/.test(r.path));
    // databases under the service, schemas under the database, tables and procedures under app and keep
    expect(listings).toHaveLength(1 + 1 + 2 * 2);
    const firstTablePut = om.requests.findIndex((r) => r.method === 'PUT' && r.path === '/api/v1/tables');
    const appTables = om.requests.findIndex(
      (r) => r.method === 'GET' && r.path === '/api/v1/tables' && new URLSearchParams(r.query).get('databaseSchema')?.endsWith('.app'),
    );
    expect(appTables).toBeGreaterThanOrEqual(0);
    expect(appTables).toBeLessThan(firstTablePut);
  });
});
