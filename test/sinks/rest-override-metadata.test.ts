// overrideMetadata, as OpenMetadata's own ingestion honours it: false (the default) leaves what a person curated on
// the server alone when the source changes (the owner they chose, the descriptions they wrote), while the source
// still fills an empty place; true lets the source win, on every run. Checked in 1.4's shapes and a recent
// release's (owners lists).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { apiClient } from '../support/openmetadata-double/test-client.js';
import type { JsonObject } from '../support/openmetadata-double/types.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';

const ROLES = { alice: 'omg_ovr_alice', bob: 'omg_ovr_bob', carol: 'omg_ovr_carol' };
const createRole = (name: string) => `DO $$ BEGIN CREATE ROLE "${name}"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('rest_override');
  await execSql(db.url, [
    ...Object.values(ROLES).map(createRole),
    'CREATE SCHEMA app',
    'CREATE TABLE app.orders (id integer PRIMARY KEY, total numeric)',
    `ALTER TABLE app.orders OWNER TO ${ROLES.alice}`,
    'CREATE TABLE app.later (id integer)',
    `ALTER TABLE app.later OWNER TO ${ROLES.carol}`,
  ]);
});

afterAll(async () => {
  await db?.drop();
});

describe.each(['1.4.0', '1.7.0'])('overrideMetadata against a %s server', (version) => {
  let om: OpenMetadataDouble;
  const owners = { alice: {} as JsonObject, bob: {} as JsonObject };
  const fqn = (table: string) => `svc.${db.name}.app.${table}`;
  const descriptions = (table: string) => {
    const entity = om.get('table', fqn(table));
    return [entity?.description, ...((entity?.columns as JsonObject[]) ?? []).map((c) => c.description)];
  };
  /** The display name and the tag the person set, on the server and (the display name) in the last PUT sent. */
  const expectCuration = () => {
    const orders = om.get('table', fqn('orders'));
    expect(orders?.displayName).toBe('Orders (curated)');
    expect((orders?.tags as JsonObject[]).map((t) => t.tagFQN)).toEqual(['Curation.Gold']);
    const sent = [...om.requests].reverse().find((r) => r.method === 'PUT' && (r.body as JsonObject)?.name === 'orders');
    expect((sent?.body as JsonObject).displayName).toBe('Orders (curated)');
  };
  const ownerOf = (table: string) => (om.get('table', fqn(table))?.owner as JsonObject | undefined)?.name;
  const run = (sourceConfig: Record<string, unknown> = {}) =>
    runMetadataRest({ url: db.url, double: om, sourceConfig: { includeOwners: true, ...sourceConfig } });
  /** The source changes, so the next run sends both tables again. */
  const changeSource = (note: string) => execSql(db.url, [`COMMENT ON TABLE app.orders IS '${note}'`, `COMMENT ON TABLE app.later IS '${note}'`]);

  beforeAll(async () => {
    await execSql(db.url, ['COMMENT ON TABLE app.orders IS NULL', 'COMMENT ON TABLE app.later IS NULL']);
    om = await startOpenMetadataDouble({ token: TEST_TOKEN, version });
    owners.alice = om.addUser(ROLES.alice);
    owners.bob = om.addUser(ROLES.bob);
    expect((await run()).exitCode).toBe(0);
    // A person makes bob the owner of orders on the server (the body as the worker sent it, but for the owner).
    const sent = [...om.requests].reverse().find((r) => r.method === 'PUT' && (r.body as JsonObject)?.name === 'orders');
    const { owner: _owner, owners: _owners, ...rest } = sent?.body as JsonObject;
    const bob = { id: String(owners.bob.id), type: 'user' };
    const edit = version === '1.4.0' ? { ...rest, owner: bob } : { ...rest, owners: [bob] };
    const api = apiClient(om.baseUrl, TEST_TOKEN);
    expect((await api.put('tables', edit)).status).toBe(200);
    // ... and writes descriptions of their own, for the table and a column.
    const id = String(om.get('table', fqn('orders'))?.id);
    const words = [
      { op: 'add', path: '/description', value: 'Curated by a person' },
      { op: 'add', path: '/columns/1/description', value: 'Gross, in EUR' },
    ];
    expect((await api.patch(`tables/${id}`, words)).status).toBe(200);
    // ... a display name, and a tag.
    await api.put('classifications', { name: 'Curation', description: 'Tags people set' });
    await api.put('tags', { name: 'Gold', classification: 'Curation', description: 'Reviewed' });
    const tag = { tagFQN: 'Curation.Gold', source: 'Classification', labelType: 'Manual', state: 'Confirmed' };
    const more = [
      { op: 'add', path: '/displayName', value: 'Orders (curated)' },
      { op: 'add', path: '/tags', value: [tag] },
    ];
    expect((await api.patch(`tables/${id}`, more)).status).toBe(200);
  });

  afterAll(async () => {
    await om?.stop();
  });

  it('starts with the owners Postgres names, where OpenMetadata knows the user', () => {
    expect(ownerOf('later')).toBeUndefined(); // no OpenMetadata user carol yet
    expect(ownerOf('orders')).toBe(ROLES.bob); // after the person's edit
  });

  it('false (the default): the owner a person chose stays; an empty place is filled from the source', async () => {
    om.addUser(ROLES.carol);
    await changeSource('changed once');
    expect((await run()).exitCode).toBe(0);
    expect(ownerOf('orders')).toBe(ROLES.bob);
    expect(ownerOf('later')).toBe(ROLES.carol);
    expect(descriptions('orders')).toEqual(['Curated by a person', undefined, 'Gross, in EUR']);
    expectCuration();
  });

  it('true: the source wins', async () => {
    await changeSource('changed twice');
    expect((await run({ overrideMetadata: true })).exitCode).toBe(0);
    expect(ownerOf('orders')).toBe(ROLES.alice);
    // The source's descriptions replace the person's; the column the source says nothing of keeps theirs.
    expect(descriptions('orders')).toEqual(['changed twice', undefined, 'Gross, in EUR']);
    await execSql(db.url, "COMMENT ON COLUMN app.orders.total IS 'Net total'");
    expect((await run({ overrideMetadata: true })).exitCode).toBe(0);
    expect(descriptions('orders')).toEqual(['changed twice', undefined, 'Net total']);
    // What the source has nothing of is never taken away, even when it wins.
    expectCuration();
  });

  it('true, on every run: what a person changes since is put back though the source did not change', async () => {
    const id = String(om.get('table', fqn('orders'))?.id);
    await apiClient(om.baseUrl, TEST_TOKEN).patch(`tables/${id}`, [{ op: 'replace', path: '/description', value: 'Edited again' }]);
    expect((await run({ overrideMetadata: true })).exitCode).toBe(0);
    expect(descriptions('orders')[0]).toBe('changed twice');
    await execSql(db.url, 'COMMENT ON COLUMN app.orders.total IS NULL');
  });
});
