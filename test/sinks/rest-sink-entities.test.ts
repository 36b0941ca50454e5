// The metadata-rest sink against the OpenMetadata double: the server ends up holding exactly what the file sink
// writes (same FQNs, same bodies but for what the server adds), owners resolved to users or teams, and a second run
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import type { JsonObject } from '../support/openmetadata-double/types.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';
import {
  ENTITY_TYPE_OF,
  expectedFqns,
  fqnOfRequest,
  loadRestWorkflow,
  runMetadataRest,
  shapedLike,
  storedFqns,
  TEST_TOKEN,
  versions,
  withoutOwnerAndConnection,
} from '../support/run-metadata-rest.js';
import { createRestSink } from '../../src/sinks/create-sink.js';
import { RunContext } from '../../src/workflow/run-context.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunResult } from '../../src/workflow/run-workflow.js';
import { OWNER_ROLES, restCatalogSql } from './rest-fixture.js';
import { stepOf } from '../support/steps.js';

const TYPES = Object.values(ENTITY_TYPE_OF);
const SOURCE = { includeOwners: true };

let db: TestDatabase;
let om: OpenMetadataDouble;
let file: MetadataRun;
let first: RunResult;
let user: JsonObject;
let team: JsonObject;
let dottedUser: JsonObject;

beforeAll(async () => {
  db = await createTestDatabase('rest_entities');
  await execSql(db.url, restCatalogSql());
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  user = om.addUser(OWNER_ROLES.user);
  team = om.addTeam(OWNER_ROLES.team);
  dottedUser = om.addUser(OWNER_ROLES.dotted);
  file = await runMetadata({ url: db.url, sourceConfig: SOURCE });
  first = await runMetadataRest({ url: db.url, double: om, sourceConfig: SOURCE });
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

const stored = (type: string, data: Record<string, any>) => om.get(ENTITY_TYPE_OF[type], fqnOfRequest(type, data)) as JsonObject;

describe('a run against the server', () => {
  it('succeeds with every record delivered and none failed', () => {
    expect(first.fatal).toBeUndefined();
    expect(first.exitCode).toBe(0);
    const [source, sink] = [stepOf(first.status, 'Postgres'), stepOf(first.status, 'OpenMetadata')];
    expect(source.failures).toEqual([]);
    expect(sink.failures).toEqual([]);
    expect(sink.records).toBe(file.records.length);
    expect(file.of('createStoredProcedure').length).toBeGreaterThanOrEqual(4);
    expect(file.of('createTag')).toHaveLength(1);
  });

  it('holds exactly the entities the file sink writes, by FQN', () => {
    const expected = expectedFqns(file.records);
    for (const type of TYPES) expect(storedFqns(om, type), type).toEqual(expected.get(type) ?? []);
    expect(storedFqns(om, 'table')).toContain(`svc.${db.name}.app."line.items"`);
    expect(storedFqns(om, 'databaseSchema')).toContain(`svc.${db.name}."Odd.Schema"`);
  });

  it('stores each body as the file has it, but for the fields the server adds', () => {
    for (const record of file.records) {
      const body = withoutOwnerAndConnection(record.data);
      const entity = stored(record.type, record.data);
      expect(entity, `${record.type} ${fqnOfRequest(record.type, record.data)}`).toBeDefined();
      expect(shapedLike(entity, body), fqnOfRequest(record.type, record.data)).toEqual(body);
    }
  });

  it("stores the service's connection as written, password included", () => {
    const [service] = file.of('createDatabaseService');
    const config = (stored('createDatabaseService', service).connection as JsonObject).config;
    expect(config).toEqual({ ...service.connection.config, authType: { password: 'x' } });
  });

  it('resolves a role to the user of that name, else the team, and drops an owner that is neither', () => {
    const ownerOf = (type: string, name: string) => {
      const record = file.records.find((r) => r.type === type && r.data.name === name);
      return stored(type, record!.data).owner as JsonObject | undefined;
    };
    expect(ownerOf('createTable', 'orders')).toMatchObject({ id: user.id, type: 'user', name: OWNER_ROLES.user });
    expect(ownerOf('createStoredProcedure', 'total')).toMatchObject({ id: user.id, type: 'user' });
    expect(ownerOf('createTable', 'line.items')).toMatchObject({ id: team.id, type: 'team', name: OWNER_ROLES.team });
    expect(ownerOf('createTable', 'audit')).toMatchObject({ id: dottedUser.id, type: 'user', fullyQualifiedName: '"omg.rest.owner"' });
    expect(ownerOf('createTable', 'customers')).toBeUndefined();
    expect(ownerOf('createTable', 'big_orders')).toBeUndefined(); // owned by the bootstrap superuser
    // The file names the role; the server gets an id (one lookup per role, the user before the team).
    expect(file.tables.get('app.orders')?.owner).toEqual({ type: 'user', fullyQualifiedName: OWNER_ROLES.user });
  });

  it('labels the table with its policy tag, created before the table', () => {
    const orders = stored('createTable', file.tables.get('app.orders')!);
    expect((orders.tags as JsonObject[]).map((t) => t.tagFQN)).toEqual(['PostgresPolicyTags."orders.visible"']);
  });
});

describe('a second run', () => {
  let before: Map<string, unknown>;
  let second: RunResult;

  beforeAll(async () => {
    before = versions(om, TYPES);
    om.clearRequests();
    second = await runMetadataRest({ url: db.url, double: om, sourceConfig: SOURCE });
  });

  it('changes nothing: every version as it was, nothing created, updated or deleted', () => {
    expect(second.exitCode).toBe(0);
    expect(stepOf(second.status, 'OpenMetadata').failures).toEqual([]);
    expect(versions(om, TYPES)).toEqual(before);
    const counters = om.counters;
    expect(counters.updated).toBe(0);
    expect(counters.created).toBe(0);
    expect(counters.softDeleted + counters.hardDeleted + counters.restored).toBe(0);
    expect(stepOf(second.status, 'OpenMetadata').records).toBe(file.records.length); // each entity accounted for, sent or not
  });

  it('sends no database, schema, table or procedure whose sourceHash the server already holds: one listing per parent', () => {
    const puts = om.requests.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect([...new Set(puts)].sort()).toEqual(['/api/v1/classifications', '/api/v1/tags']); // these carry no sourceHash
    expect(om.counters.unchanged).toBe(puts.length);
    const count = (type: string) => file.records.filter((r) => r.type === type).length;
    const listings = om.requests.filter((r) => r.method === 'GET' && /^\/api\/v1\/(databases|databaseSchemas|tables|storedProcedures)$/.test(r.path));
    // databases under the service, schemas under each database, tables and procedures under each schema (which
    // mark-deleted reads too, without listing again)
    expect(listings.length).toBe(1 + count('createDatabase') + 2 * count('createDatabaseSchema'));
  });
});

describe('sourceHash', () => {
  it('is the md5 of each request as sent, on every database, schema, table and procedure', () => {
    for (const type of ['database', 'databaseSchema', 'table', 'storedProcedure'] as const) {
      const stored = om.entities(type);
      expect(stored.length, type).toBeGreaterThan(0);
      for (const entity of stored) expect(entity.sourceHash, `${type} ${entity.fullyQualifiedName}`).toMatch(/^[0-9a-f]{32}$/);
    }
    const hashes = om.entities('table').map((t) => t.sourceHash);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});

describe('owners on a 1.5+ server', () => {
  it('go as an `owners` list instead of `owner`', async () => {
    const newer = await startOpenMetadataDouble({ token: TEST_TOKEN, version: '1.5.2' });
    try {
      const newUser = newer.addUser(OWNER_ROLES.user);
      await runMetadataRest({ url: db.url, double: newer, sourceConfig: SOURCE });
      const puts = newer.requests.filter((r) => r.method === 'PUT' && r.path === '/api/v1/tables').map((r) => r.body as JsonObject);
      const orders = puts.find((b) => b.name === 'orders')!;
      expect(orders.owners).toEqual([{ id: newUser.id, type: 'user' }]);
      expect(orders).not.toHaveProperty('owner');
      const customers = puts.find((b) => b.name === 'customers')!;
      expect(customers).not.toHaveProperty('owners');
      expect(customers).not.toHaveProperty('owner');
      // (The double speaks 1.4's schemas, so it refuses `owners`: only the request bodies are the point here.)
    } finally {
      await newer.stop();
    }
  });
});

describe('a table with a single-column primary key', () => {
  // OpenMetadata (DatabaseUtil.validateConstraints) refuses a primary key stated both on the column and as a table
  // constraint, so a single-column key goes on the column only, as OpenMetadata's own connector sends it.
  it('is accepted by the server', async () => {
    const pkDb = await createTestDatabase('rest_single_pk');
    const other = await startOpenMetadataDouble({ token: TEST_TOKEN });
    try {
      await execSql(pkDb.url, 'CREATE TABLE public.accounts (id integer PRIMARY KEY, name text)');
      const run = await runMetadataRest({ url: pkDb.url, double: other });
      expect(stepOf(run.status, 'OpenMetadata').failures).toEqual([]);
      expect(other.get('table', `svc.${pkDb.name}.public.accounts`)).toBeDefined();
    } finally {
      await other.stop();
      await pkDb.drop();
    }
  });
});

describe('the FQN → id cache', () => {
  it('holds the id the server answered with for every entity sent, without a GET per entity', async () => {
    const other = await startOpenMetadataDouble({ token: TEST_TOKEN });
    try {
      const loaded = loadRestWorkflow({ url: db.url, double: other });
      const sink = createRestSink(
        new RunContext(
          loaded,
          createLogger('ERROR', () => undefined),
        ),
      );
      const result = await runWorkflow(loaded, { log: createLogger('ERROR', () => undefined), sink });
      expect(result.exitCode).toBe(0);
      const tables = other.entities('table');
      expect(tables.length).toBeGreaterThan(3);
      for (const table of tables) expect(sink.idOf(String(table.fullyQualifiedName))).toBe(table.id);
      const getsByName = other.requests.filter((r) => r.method === 'GET' && /\/tables\/name\//.test(r.path));
      expect(getsByName).toEqual([]);
    } finally {
      await other.stop();
    }
  });
});
