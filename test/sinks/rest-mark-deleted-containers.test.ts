// markDeletedSchemas and markDeletedDatabases (OpenMetadata's newer keys, off by default): a schema or database the
// source no longer has is soft-deleted, one a filter merely hides is not, and nothing happens while the flag is off.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { apiClient } from '../support/openmetadata-double/test-client.js';
import { adminUrl, createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';

let om: OpenMetadataDouble;

beforeAll(async () => {
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
});

afterAll(async () => {
  await om?.stop();
});

afterEach(() => om.reset());

const live = (type: 'databaseSchema' | 'database') =>
  om
    .entities(type, { include: 'non-deleted' })
    .map((e) => String(e.fullyQualifiedName))
    .sort();
const gone = (type: 'databaseSchema' | 'database') =>
  om
    .entities(type, { include: 'deleted' })
    .map((e) => String(e.fullyQualifiedName))
    .sort();

describe('markDeletedSchemas', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('rest_mds');
    await execSql(db.url, ['CREATE SCHEMA stays', 'CREATE SCHEMA leaves', 'CREATE SCHEMA hidden', 'CREATE TABLE leaves.t (x int)']);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('soft-deletes a dropped schema only when the flag is on, and never one a filter hides', async () => {
    const svc = `svc.${db.name}`;
    const exclude = (...names: string[]) => ({ schemaFilterPattern: { excludes: ['^public$', ...names] } });
    expect((await runMetadataRest({ url: db.url, double: om, sourceConfig: exclude() })).exitCode).toBe(0);
    expect(live('databaseSchema')).toEqual([`${svc}.hidden`, `${svc}.leaves`, `${svc}.stays`]);

    await execSql(db.url, 'DROP SCHEMA leaves CASCADE');
    await runMetadataRest({ url: db.url, double: om, sourceConfig: exclude('^hidden$') });
    expect(gone('databaseSchema')).toEqual([]); // the flag defaults to false, as in OpenMetadata

    const result = await runMetadataRest({ url: db.url, double: om, sourceConfig: { ...exclude('^hidden$'), markDeletedSchemas: true } });
    expect(result.exitCode).toBe(0);
    expect(gone('databaseSchema')).toEqual([`${svc}.leaves`]);
    expect(live('databaseSchema')).toEqual([`${svc}.hidden`, `${svc}.stays`]);
  });

  it("never deletes information_schema, which OpenMetadata's own ingestion stored and omgen leaves out", async () => {
    const svc = `svc.${db.name}`;
    expect((await runMetadataRest({ url: db.url, double: om })).exitCode).toBe(0);
    const api = apiClient(om.baseUrl, TEST_TOKEN);
    expect((await api.put('databaseSchemas', { name: 'information_schema', database: svc })).status).toBe(201);
    const result = await runMetadataRest({ url: db.url, double: om, sourceConfig: { markDeletedSchemas: true } });
    expect(result.exitCode).toBe(0);
    expect(live('databaseSchema')).toContain(`${svc}.information_schema`);
    expect(gone('databaseSchema')).toEqual([]);
  });
});

describe('markDeletedDatabases', () => {
  const created: TestDatabase[] = [];

  afterAll(async () => {
    for (const db of created) await db.drop().catch(() => undefined);
  });

  it('with ingestAllDatabases, soft-deletes a dropped database and keeps the ones a filter hides', async () => {
    for (const name of ['mddel_one', 'mddel_two', 'mddel_hidden']) created.push(await createTestDatabase(name));
    const [one, two, hidden] = created;
    const sourceConfig = (extra: Record<string, unknown>) => ({
      databaseFilterPattern: { includes: [`^${one.name}$`, `^${two.name}$`, ...(extra.withHidden ? [`^${hidden.name}$`] : [])] },
      markDeletedDatabases: extra.mark === true,
    });
    const connection = { ingestAllDatabases: true };
    const url = adminUrl();
    await runMetadataRest({ url, double: om, connection, sourceConfig: sourceConfig({ withHidden: true }) });
    expect(live('database')).toEqual([`svc.${hidden.name}`, `svc.${one.name}`, `svc.${two.name}`].sort());

    await two.drop();
    const result = await runMetadataRest({ url, double: om, connection, sourceConfig: sourceConfig({ mark: true }) });
    expect(result.exitCode).toBe(0);
    expect(gone('database')).toEqual([`svc.${two.name}`]);
    expect(live('database')).toEqual([`svc.${hidden.name}`, `svc.${one.name}`].sort());
  });
});
