// Mark-deleted through the metadata-rest sink: what Postgres no longer has is soft-deleted, and nothing else — not a
// table a filter merely hides, not a schema or database the run did not read, not another service.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { seedHierarchy, tableRequest } from '../support/openmetadata-double/seed.js';
import { apiClient } from '../support/openmetadata-double/test-client.js';
import { OpenMetadataClient } from '../../src/openmetadata/openmetadata-client.js';
import { markDeleted } from '../../src/sinks/mark-deleted.js';
import { StoredChildren } from '../../src/sinks/stored-children.js';
import { createLogger } from '../../src/util/logger.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, storedFqns, TEST_TOKEN, type RestRunOptions } from '../support/run-metadata-rest.js';
import { stepOf } from '../support/steps.js';

let db: TestDatabase;
let om: OpenMetadataDouble;
let base: string;

const CATALOG = [
  'CREATE SCHEMA app',
  'CREATE SCHEMA keep',
  'CREATE TABLE app.a (x integer)',
  'CREATE TABLE app.b (x integer)',
  'CREATE TABLE app.c (x integer)',
  'CREATE TABLE app."d.e" (x integer)',
  'CREATE TABLE keep.k (x integer)',
  'CREATE FUNCTION app.p1() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
  'CREATE FUNCTION app.p2() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$',
  'CREATE FUNCTION app.p3(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$',
  'CREATE FUNCTION app.p3(x text) RETURNS int LANGUAGE sql AS $$ SELECT 3 $$',
  'CREATE FUNCTION keep.kp() RETURNS int LANGUAGE sql AS $$ SELECT 4 $$',
];

const run = (sourceConfig: Record<string, unknown> = {}, extra: Partial<RestRunOptions> = {}) =>
  runMetadataRest({ url: db.url, double: om, sourceConfig: { schemaFilterPattern: { excludes: ['^public$'] }, ...sourceConfig }, ...extra });

/** FQNs of soft-deleted entities of a type. */
const deleted = (type: 'table' | 'storedProcedure') =>
  om
    .entities(type, { include: 'deleted' })
    .map((e) => String(e.fullyQualifiedName))
    .sort();

/** The DELETE requests the double received. */
const deletes = () => om.requests.filter((r) => r.method === 'DELETE');

beforeAll(async () => {
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
});

afterAll(async () => {
  await om?.stop();
});

beforeEach(async () => {
  await db?.drop();
  db = await createTestDatabase('rest_mark_deleted');
  await execSql(db.url, CATALOG);
  om.reset();
  base = `svc.${db.name}`;
  // Entities the run has nothing to do with: another database of the same service and another service.
  const api = apiClient(om.baseUrl, TEST_TOKEN);
  expect((await run()).exitCode).toBe(0);
  await seedHierarchy(api, { service: 'svc', database: 'elsewhere', schema: 'app' });
  await api.put('tables', tableRequest('a', 'svc.elsewhere.app'));
  await seedHierarchy(api, { service: 'other_svc', database: db.name, schema: 'app' });
  await api.put('tables', tableRequest('gone_from_postgres', `other_svc.${db.name}.app`));
  om.clearRequests();
});

afterAll(async () => {
  await db?.drop();
});

describe('markDeletedTables', () => {
  it('soft-deletes exactly the table dropped from Postgres', async () => {
    await execSql(db.url, ['DROP TABLE app.b', 'DROP TABLE app."d.e"']);
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(deleted('table')).toEqual([`${base}.app."d.e"`, `${base}.app.b`]);
    expect(deletes()).toHaveLength(2);
    expect(deletes().every((r) => r.status === 200 && r.query.includes('hardDelete=false'))).toBe(true);
    expect(storedFqns(om, 'table')).toContain(`${base}.app.a`);
    expect(storedFqns(om, 'table')).toContain('svc.elsewhere.app.a');
    expect(storedFqns(om, 'table')).toContain(`other_svc.${db.name}.app.gone_from_postgres`);
    expect(deleted('storedProcedure')).toEqual([]);
  });

  it('does not delete a table that a new tableFilterPattern merely excludes', async () => {
    const result = await run({ tableFilterPattern: { excludes: ['^c$', '^a$'] } });
    expect(result.exitCode).toBe(0);
    expect(stepOf(result.status, 'Postgres').filtered.map((f) => f.name)).toEqual(expect.arrayContaining([`${base}.app.a`, `${base}.app.c`]));
    expect(deletes()).toEqual([]);
    expect(deleted('table')).toEqual([]);
  });

  it('touches nothing in a schema the run no longer reads, even where Postgres dropped a table', async () => {
    await execSql(db.url, ['DROP TABLE keep.k', 'DROP FUNCTION keep.kp()']);
    const result = await run({ schemaFilterPattern: { excludes: ['^public$', '^keep$'] } });
    expect(result.exitCode).toBe(0);
    expect(deletes()).toEqual([]);
    expect(storedFqns(om, 'table')).toContain(`${base}.keep.k`);
    expect(storedFqns(om, 'storedProcedure')).toContain(`${base}.keep.kp`);
  });

  it('deletes nothing when markDeletedTables is false', async () => {
    await execSql(db.url, 'DROP TABLE app.b');
    expect((await run({ markDeletedTables: false })).exitCode).toBe(0);
    expect(deletes()).toEqual([]);
    expect(storedFqns(om, 'table')).toContain(`${base}.app.b`);
  });

  it('a table that comes back is restored, not duplicated', async () => {
    await execSql(db.url, 'DROP TABLE app.b');
    await run();
    await execSql(db.url, 'CREATE TABLE app.b (x integer)');
    expect((await run()).exitCode).toBe(0);
    expect(deleted('table')).toEqual([]);
    expect(om.entities('table').filter((t) => t.fullyQualifiedName === `${base}.app.b`)).toHaveLength(1);
  });
});

describe('what an extension owns', () => {
  it("is skipped, never deleted, though OpenMetadata's own ingestion stored it", async () => {
    await execSql(db.url, 'CREATE EXTENSION pg_stat_statements SCHEMA app');
    const api = apiClient(om.baseUrl, TEST_TOKEN);
    // As a service first ingested by OpenMetadata holds them: the extension's view and one of its functions.
    expect((await api.put('tables', tableRequest('pg_stat_statements', `${base}.app`))).status).toBe(201);
    const routine = { name: 'pg_stat_statements_reset', storedProcedureCode: { language: 'SQL', code: '' }, databaseSchema: `${base}.app` };
    expect((await api.put('storedProcedures', routine)).status).toBe(201);
    om.clearRequests();
    await execSql(db.url, 'DROP TABLE app.b');
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(deleted('table')).toEqual([`${base}.app.b`]);
    expect(deleted('storedProcedure')).toEqual([]);
    expect(storedFqns(om, 'table')).toContain(`${base}.app.pg_stat_statements`);
    expect(storedFqns(om, 'storedProcedure')).toContain(`${base}.app.pg_stat_statements_reset`);
    // Still not ingested by omgen: nothing of the extension was sent.
    expect(om.requests.filter((r) => r.method === 'PUT' && JSON.stringify(r.body).includes('pg_stat_statements'))).toEqual([]);
  });
});

describe('markDeletedStoredProcedures', () => {
  it('soft-deletes exactly the routines dropped from Postgres (an overload by its own name)', async () => {
    await execSql(db.url, ['DROP FUNCTION app.p2()', 'DROP FUNCTION app.p3(text)']);
    const result = await run();
    expect(result.exitCode).toBe(0);
    // p3 is no longer overloaded: it is now `p3` (new), and both old `p3(...)` entities are gone.
    expect(deleted('storedProcedure')).toEqual([`${base}.app.p2`, `${base}.app.p3(x integer)`, `${base}.app.p3(x text)`]);
    expect(storedFqns(om, 'storedProcedure')).toEqual([`${base}.app.p1`, `${base}.app.p3`, `${base}.keep.kp`]);
    expect(deleted('table')).toEqual([]);
  });

  it('deletes no routine when markDeletedStoredProcedures is false, or when routines are not ingested', async () => {
    await execSql(db.url, 'DROP FUNCTION app.p1()');
    expect((await run({ markDeletedStoredProcedures: false })).exitCode).toBe(0);
    expect((await run({ includeStoredProcedures: false })).exitCode).toBe(0);
    expect(deletes()).toEqual([]);
    expect(storedFqns(om, 'storedProcedure')).toContain(`${base}.app.p1`);
  });
});

describe('markDeleted', () => {
  it('lists every page of a large schema before deleting, and deletes only what the scope lacks', async () => {
    const api = apiClient(om.baseUrl, TEST_TOKEN);
    await seedHierarchy(api, { service: 'paged', database: 'db', schema: 's' });
    for (let i = 0; i < 230; i++) expect((await api.put('tables', tableRequest(`t${i}`, 'paged.db.s'))).status).toBe(201);
    await api.put('tables', tableRequest('t999', 'paged.db.s2')); // a sibling schema whose name extends this one's
    om.clearRequests();
    const serverConfig = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
    const client = await OpenMetadataClient.connect(serverConfig, { log: createLogger('ERROR', () => undefined), concurrency: 2 });
    try {
      const present = Array.from({ length: 200 }, (_, i) => `paged.db.s.t${i}`);
      const gone = await markDeleted(client, { entityType: 'table', parentFqn: 'paged.db.s', present }, new StoredChildren(client, 100));
      const expected = Array.from({ length: 30 }, (_, i) => `paged.db.s.t${200 + i}`).sort();
      expect(gone.map((e) => e.fullyQualifiedName).sort()).toEqual(expected);
      expect(deleted('table')).toEqual(expected);
      const pages = om.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/tables');
      expect(pages.length).toBe(3);
      // Every page was read before the first DELETE.
      const firstDelete = om.requests.findIndex((r) => r.method === 'DELETE');
      expect(om.requests.findLastIndex((r) => r.method === 'GET' && r.path === '/api/v1/tables')).toBeLessThan(firstDelete);
    } finally {
      client.close();
    }
  });
});
