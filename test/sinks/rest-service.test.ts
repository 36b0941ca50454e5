// The database service: created with its connection (password included: that is what the server stores) when
// missing, left alone when present unless forceEntityOverwriting, and sent without a connection when
// storeServiceConnection is false.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { apiClient } from '../support/openmetadata-double/test-client.js';
import type { JsonObject } from '../support/openmetadata-double/types.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, TEST_TOKEN, type RestRunOptions } from '../support/run-metadata-rest.js';

const PASSWORD = 'pw-service-7c1e';
const SERVICES = '/api/v1/services/databaseServices';

let db: TestDatabase;
let om: OpenMetadataDouble;

const run = (extra: Partial<RestRunOptions> = {}) =>
  runMetadataRest({ url: db.url, double: om, connection: { authType: { password: PASSWORD } }, ...extra });

const servicePuts = () => om.requests.filter((r) => r.method === 'PUT' && r.path === SERVICES);
const service = () => om.get('databaseService', 'svc') as JsonObject;
const connectionOf = (entity: JsonObject) => (entity.connection as JsonObject | undefined)?.config as JsonObject | undefined;

beforeAll(async () => {
  db = await createTestDatabase('rest_service');
  await execSql(db.url, ['CREATE SCHEMA app', 'CREATE TABLE app.t (x integer)']);
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

beforeEach(() => om.reset());

describe('a missing service', () => {
  it('is created with the connection as written, password included', async () => {
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(servicePuts()).toHaveLength(1);
    expect(servicePuts()[0].status).toBe(201);
    const url = new URL(db.url);
    expect(connectionOf(service())).toEqual({
      type: 'Postgres',
      username: decodeURIComponent(url.username) || 'postgres',
      authType: { password: PASSWORD },
      hostPort: `${url.hostname}:${url.port}`,
      database: db.name,
    });
    expect(om.get('table', `svc.${db.name}.app.t`)).toBeDefined();
  });

  it('is created from older spellings the YAML allows: a top-level password, numbers in connectionOptions', async () => {
    const result = await runMetadataRest({
      url: db.url,
      double: om,
      connection: { password: PASSWORD, authType: undefined, connectionOptions: { keepalives: 1 } },
    });
    expect(result.exitCode).toBe(0);
    expect(servicePuts().map((r) => r.status)).toEqual([201]);
    const stored = connectionOf(service()) as JsonObject;
    expect(stored.authType).toEqual({ password: PASSWORD });
    expect(stored.password).toBeUndefined();
    expect(stored.connectionOptions).toEqual({ keepalives: '1' });
    expect(om.get('table', `svc.${db.name}.app.t`)).toBeDefined();
  });

  it('is created without a connection when storeServiceConnection is false', async () => {
    const result = await run({ server: { storeServiceConnection: false } });
    expect(result.exitCode).toBe(0);
    expect(servicePuts()).toHaveLength(1);
    expect(servicePuts()[0].body).toEqual({ name: 'svc', serviceType: 'Postgres' });
    expect(service().connection).toBeUndefined();
    expect(JSON.stringify(om.requests.map((r) => r.body))).not.toContain(PASSWORD);
  });
});

describe('a service that exists', () => {
  let edited: JsonObject;

  beforeEach(async () => {
    // As if created earlier and then edited in OpenMetadata's UI.
    const api = apiClient(om.baseUrl, TEST_TOKEN);
    const config = { type: 'Postgres', username: 'ui_user', authType: { password: 'set-in-the-ui' }, hostPort: 'db.internal:5432', database: 'prod' };
    expect(
      (await api.put('services/databaseServices', { name: 'svc', serviceType: 'Postgres', description: 'from the UI', connection: { config } }))
        .status,
    ).toBe(201);
    edited = service();
    om.clearRequests();
  });

  it('is reused: looked up, never PUT, its connection untouched', async () => {
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(servicePuts()).toEqual([]);
    expect(om.requests.some((r) => r.method === 'GET' && r.path === `${SERVICES}/name/svc`)).toBe(true);
    expect(service()).toEqual(edited);
    // Everything below it still goes under it.
    expect((om.get('database', `svc.${db.name}`)?.service as JsonObject).id).toBe(edited.id);
  });

  it('is overwritten with the run connection when forceEntityOverwriting is true', async () => {
    const result = await run({ server: { forceEntityOverwriting: true } });
    expect(result.exitCode).toBe(0);
    expect(servicePuts()).toHaveLength(1);
    expect(connectionOf(service())).toMatchObject({ authType: { password: PASSWORD }, database: db.name });
    expect(service().id).toBe(edited.id);
  });

  it('with forceEntityOverwriting and storeServiceConnection false, is PUT without a connection', async () => {
    const result = await run({ server: { forceEntityOverwriting: true, storeServiceConnection: false } });
    expect(result.exitCode).toBe(0);
    expect(servicePuts()).toHaveLength(1);
    expect(servicePuts()[0].body).not.toHaveProperty('connection');
  });
});
