// What OpenMetadata's usage workflow (its metadata-usage bulk sink) writes, as the double answers it in 1.4's way:
// query entities (named by the MD5 of their text under the service) and their usage/users/usedBy lists, per-day table
// usage (POST replaces the day's count, PUT adds to it) with compute.percentile, and table joins; then the same in a
// recent release's shapes. Rejections: schema 400s, unknown tables, columns and users, a bad token.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { seedHierarchy, serviceRequest, tableRequest } from '../support/openmetadata-double/seed.js';
import { apiClient, encodeFqn, type ApiClient } from '../support/openmetadata-double/test-client.js';
import { useSeededDouble } from './seeded-double.js';
import { loadUpstream, specDir } from './upstream-schemas/upstream-validators.js';

type Body = Record<string, any>;

let om: OpenMetadataDouble;
let api: ApiClient;
useSeededDouble((d) => ({ om, api } = d));

const SCHEMA = 'svc.db.public';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function table(name: string, extra: Record<string, unknown> = {}): Promise<Body> {
  const created = await api.put('tables', tableRequest(name, SCHEMA, extra));
  expect(created.status).toBe(201);
  return created.body as Body;
}

function ref(entity: Body, type = 'table'): Body {
  return { id: entity.id, type, name: entity.name, fullyQualifiedName: entity.fullyQualifiedName, deleted: false };
}

function withHref(entity: Body, collection = 'tables', type = 'table'): Body {
  return { ...ref(entity, type), href: `${om.baseUrl}/v1/${collection}/${entity.id}` };
}

const SQL = 'select o.id, i.label from orders o join items i on o.id = i.id';

describe('PUT /v1/queries', () => {
  it('names a query sent without a name by the MD5 of its text, under its service', async () => {
    const alice = om.addUser('alice');
    const orders = await table('orders');
    const body = {
      query: SQL,
      query_type: 'SELECT',
      service: 'svc',
      users: ['alice'],
      usedBy: ['etl'],
      queryDate: 1_717_000_000_000,
      duration: 42.5,
      queryUsedIn: [{ id: orders.id, type: 'table' }],
    };
    const created = await api.put('queries', body);
    expect(created.status).toBe(201);
    const query = created.body as Body;
    expect(query).toMatchObject({
      id: expect.any(String),
      name: md5(SQL),
      fullyQualifiedName: `svc.${md5(SQL)}`,
      checksum: md5(SQL),
      query: SQL,
      query_type: 'SELECT',
      users: [withHref(alice, 'users', 'user')],
      usedBy: ['etl'],
      queryUsedIn: [withHref(orders)],
      queryDate: 1_717_000_000_000,
      duration: 42.5,
      processedLineage: false,
      service: { type: 'databaseService', name: 'svc', fullyQualifiedName: 'svc' },
      version: 0.1,
      href: `${om.baseUrl}/v1/queries/${query.id}`,
    });
    expect(query).not.toHaveProperty('deleted');

    // By FQN (the bare checksum is not one) and by id; users and queryUsedIn only when asked for.
    const byName = (await api.get(`queries/name/${encodeFqn(`svc.${md5(SQL)}`)}`)).body as Body;
    expect(byName.id).toBe(query.id);
    expect(byName).not.toHaveProperty('users');
    expect(byName).not.toHaveProperty('queryUsedIn');
    const full = (await api.get(`queries/${query.id}?fields=users,queryUsedIn,votes`)).body as Body;
    expect(full).toMatchObject({ users: [withHref(alice, 'users', 'user')], queryUsedIn: [withHref(orders)], votes: { upVotes: 0, downVotes: 0 } });
    expect((await api.get(`queries/name/${md5(SQL)}`)).body).toEqual({ code: 404, message: `query instance for ${md5(SQL)} not found` });

    // The same body again changes nothing; one without queryUsedIn or users takes them away (a new version).
    const again = await api.put('queries', body);
    expect(again.status).toBe(200);
    expect((again.body as Body).version).toBe(0.1);
    const bare = await api.put('queries', { query: SQL, service: 'svc' });
    expect(bare.status).toBe(200);
    expect((bare.body as Body).version).toBe(0.2);
    expect((await api.get(`queries/${query.id}?fields=users,queryUsedIn`)).body as Body).toMatchObject({ users: [], queryUsedIn: [] });
    expect(om.queries()).toHaveLength(1);
  });

  it('keeps a given name (no checksum in 1.4); POST refuses a taken name', async () => {
    const named = await api.put('queries', { name: 'nightly_load', query: 'select 1', service: 'svc' });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ name: 'nightly_load', fullyQualifiedName: 'svc.nightly_load' });
    expect(named.body).not.toHaveProperty('checksum');
    const taken = await api.post('queries', { name: 'nightly_load', query: 'select 2', service: 'svc' });
    expect(taken.status).toBe(409);
    const posted = await api.post('queries', { query: 'select 2', service: 'svc' });
    expect(posted.status).toBe(201);
    expect((posted.body as Body).fullyQualifiedName).toBe(`svc.${md5('select 2')}`);
  });

  it('lists queries, by the entity they are used in and by service', async () => {
    const orders = await table('orders');
    const items = await table('items');
    await api.put('services/databaseServices', serviceRequest('other'));
    await api.put('queries', { query: 'select * from orders', service: 'svc', queryUsedIn: [{ id: orders.id, type: 'table' }] });
    await api.put('queries', { query: 'select * from items', service: 'svc', queryUsedIn: [{ id: items.id, type: 'table' }] });
    await api.put('queries', { query: 'select 3', service: 'other' });

    const all = (await api.get('queries')).body as Body;
    expect(all.paging.total).toBe(3);
    const usedInOrders = (await api.get(`queries?entityId=${orders.id}&fields=queryUsedIn`)).body as Body;
    expect(usedInOrders.data.map((q: Body) => q.query)).toEqual(['select * from orders']);
    expect(usedInOrders.data[0].queryUsedIn).toEqual([withHref(orders)]);
    expect(((await api.get(`queries?entityId=${randomUUID()}`)).body as Body).data).toEqual([]);
    expect((await api.get('queries?entityId=orders')).status).toBe(404);
    const inOther = (await api.get('queries?service=other')).body as Body;
    expect(inOther.data.map((q: Body) => q.fullyQualifiedName)).toEqual([`other.${md5('select 3')}`]);
  });

  it('refuses what the CreateQuery schema refuses and unknown services, users and tables', async () => {
    const orders = await table('orders');
    const extra = await api.put('queries', { query: 'select 1', service: 'svc', sql: 'select 1' });
    expect(extra.status).toBe(400);
    expect((extra.body as Body).message).toMatch(/^Unrecognized field "sql" \(class CreateQuery\)/);
    expect((await api.put('queries', { query: 'select 1' })).body).toEqual({ code: 400, message: '[service must not be null]' });
    expect((await api.put('queries', { query: 'select 1', service: 'svc', usedBy: ['a', 'a'] })).status).toBe(400);
    expect((await api.put('queries', { query: 'select 1', service: 'nosvc' })).body).toEqual({
      code: 404,
      message: 'databaseService instance for nosvc not found',
    });
    expect((await api.put('queries', { query: 'select 1', service: 'svc', users: ['ghost'] })).body).toEqual({
      code: 404,
      message: 'user instance for ghost not found',
    });
    const ghost = randomUUID();
    const usedIn = await api.put('queries', { query: 'select 1', service: 'svc', queryUsedIn: [{ id: ghost, type: 'table' }] });
    expect(usedIn.body).toEqual({ code: 404, message: `table instance for ${ghost} not found` });
    const noType = await api.put('queries', { query: 'select 1', service: 'svc', queryUsedIn: [{ id: orders.id }] });
    expect(noType.body).toEqual({ code: 400, message: '[queryUsedIn[0].type must not be null]' });
    expect(om.queries()).toEqual([]);
  });

  it.skipIf(!existsSync(specDir))("agrees with OpenMetadata 1.4's own CreateQuery schema on what it accepts", async () => {
    const validate = loadUpstream()('api/data/createQuery.json');
    const bodies: Array<[Body, boolean]> = [
      [{ query: 'select 1', service: 'svc' }, true],
      [{ query: 'select 1', service: 'svc', exclude_usage: false, processedLineage: true, duration: 1 }, true],
      [{ query: 'select 1', service: 'svc', extra: 1 }, false],
      [{ query: 'select 1' }, false],
      [{ query: 'select 1', service: 'svc', queryDate: 'today' }, false],
      [{ query: 'select 1', service: 'svc', usedBy: ['a', 'a'] }, false],
      [{ query: 'select 1', service: 'svc', owners: [] }, false],
    ];
    for (const [body, valid] of bodies) {
      expect(validate(structuredClone(body)), JSON.stringify(body)).toBe(valid);
      const answer = await api.put('queries', body);
      expect(answer.status < 300, JSON.stringify(answer.body)).toBe(valid);
    }
  });

  it('hard-deletes a query on DELETE (queries cannot be soft-deleted); a hard-deleted table leaves queryUsedIn', async () => {
    const query = (await api.put('queries', { query: 'select 1', service: 'svc' })).body as Body;
    expect((await api.delete(`queries/${query.id}`)).status).toBe(200);
    expect((await api.get(`queries/${query.id}?include=all`)).status).toBe(404);

    const orders = await table('orders');
    const items = await table('items');
    const usedIn = [orders, items].map((t) => ({ id: t.id, type: 'table' }));
    const kept = (await api.put('queries', { query: SQL, service: 'svc', queryUsedIn: usedIn })).body as Body;
    await api.delete(`tables/${items.id}?hardDelete=true`);
    await api.delete(`tables/${orders.id}`); // soft: still listed, marked deleted
    const read = (await api.get(`queries/${kept.id}?fields=queryUsedIn`)).body as Body;
    expect(read.queryUsedIn).toEqual([{ ...withHref(orders), deleted: true }]);
    // Even a soft delete of the service removes its queries.
    expect((await api.delete('services/databaseServices/name/svc?recursive=true')).status).toBe(200);
    expect(om.queries()).toEqual([]);
  });
});

describe('PUT /v1/queries/{id}/usage, /users, /usedBy', () => {
  it('adds to queryUsedIn and users (201 with a ChangeEvent, same version) and to usedBy (a new version)', async () => {
    const orders = await table('orders');
    const items = await table('items');
    const alice = om.addUser('alice');
    const query = (await api.put('queries', { query: SQL, service: 'svc', queryUsedIn: [{ id: orders.id, type: 'table' }] })).body as Body;

    const usage = await api.put(`queries/${query.id}/usage`, [{ id: items.id, type: 'table' }]);
    expect(usage.status).toBe(201);
    expect(usage.body).toMatchObject({
      eventType: 'entityUpdated',
      entityType: 'query',
      entityId: query.id,
      entityFullyQualifiedName: query.fullyQualifiedName,
      userName: 'ingestion-bot',
      currentVersion: 0.1,
      previousVersion: 0.1,
      changeDescription: {
        fieldsUpdated: [{ name: 'queryUsedIn', oldValue: [ref(orders)], newValue: [withHref(items), withHref(orders)] }],
      },
      entity: { id: query.id, queryUsedIn: [withHref(items), withHref(orders)], version: 0.1 },
    });
    expect((usage.body as Body).changeDescription.fieldsUpdated[0].oldValue).toEqual([ref(orders)]);
    expect(((await api.get(`queries?entityId=${items.id}`)).body as Body).data).toHaveLength(1);

    const users = await api.put(`queries/${query.id}/users`, ['alice']);
    expect(users.status).toBe(201);
    expect(users.body).toMatchObject({
      changeDescription: { fieldsUpdated: [{ name: 'users', oldValue: [] }] },
      entity: { users: [withHref(alice, 'users', 'user')] },
    });

    const usedBy = await api.put(`queries/${query.id}/usedBy`, ['etl', 'etl', 'report']);
    expect(usedBy.status).toBe(201);
    // Upstream's event names the field "users" and carries the pre-update version; its entity is the updated query.
    expect(usedBy.body).toMatchObject({
      currentVersion: 0.1,
      changeDescription: { fieldsUpdated: [{ name: 'users', oldValue: [], newValue: [ref(alice, 'user')] }] },
      entity: { usedBy: ['etl', 'report'], version: 0.2 },
    });
    expect(om.queries()[0]).toMatchObject({ usedBy: ['etl', 'report'], version: 0.2, users: [withHref(alice, 'users', 'user')] });
  });

  it('answers 404 for an unknown query, table or user, 400 for a body that is not a list of references', async () => {
    const orders = await table('orders');
    const query = (await api.put('queries', { query: SQL, service: 'svc' })).body as Body;
    const ghost = randomUUID();
    expect((await api.put(`queries/${ghost}/usage`, [{ id: orders.id, type: 'table' }])).body).toEqual({
      code: 404,
      message: `query instance for ${ghost} not found`,
    });
    expect((await api.put(`queries/${query.id}/usage`, [{ id: ghost, type: 'table' }])).body).toEqual({
      code: 404,
      message: `table instance for ${ghost} not found`,
    });
    expect((await api.put(`queries/${query.id}/users`, ['ghost'])).body).toEqual({ code: 404, message: 'user instance for ghost not found' });
    expect((await api.put(`queries/${query.id}/usage`, { id: orders.id, type: 'table' })).status).toBe(400);
    const extraKey = await api.put(`queries/${query.id}/usage`, [{ id: orders.id, type: 'table', fqn: 'x' }]);
    expect((extraKey.body as Body).message).toMatch(/^Unrecognized field "fqn"/);
    expect((await api.put(`queries/${query.id}/usage`, [{ id: orders.id }])).body).toEqual({ code: 400, message: '[[0].type must not be null]' });
    expect((await api.put('queries/not-a-uuid/usage', [])).status).toBe(404);
    expect((await api.get(`queries/${query.id}/usage`)).status).toBe(405);
    expect(((await api.get(`queries/${query.id}?fields=queryUsedIn`)).body as Body).queryUsedIn).toEqual([]);
  });
});

describe('/v1/usage', () => {
  it('POST sets the day’s count, PUT adds to it; the rolling counts follow; GET answers the EntityUsage', async () => {
    const orders = await table('orders');
    const first = await api.post(`usage/table/${orders.id}`, { date: day(-1), count: 4 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      eventType: 'entityUpdated',
      entityType: 'table',
      entityId: orders.id,
      entityFullyQualifiedName: `${SCHEMA}.orders`,
      userName: 'ingestion-bot',
      currentVersion: 0.1,
      previousVersion: 0.1,
      changeDescription: {
        fieldsUpdated: [
          {
            name: 'usageSummary',
            oldValue: { dailyStats: { count: 0, percentileRank: 0 }, date: day() },
            newValue: { dailyStats: { count: 4, percentileRank: 0 }, weeklyStats: { count: 4 }, monthlyStats: { count: 4 }, date: day(-1) },
          },
        ],
      },
      entity: { id: orders.id, usageSummary: { dailyStats: { count: 4 } } },
    });

    await api.post(`usage/table/${orders.id}`, { date: day(), count: 5 });
    await api.post(`usage/table/${orders.id}`, { date: day(), count: 7 }); // replaces 5
    await api.put(`usage/table/${orders.id}`, { date: day(), count: 2 }); // adds 2
    expect(om.tableUsage(`${SCHEMA}.orders`)).toEqual([
      { date: day(-1), count: 4, weeklyCount: 4, monthlyCount: 4, percentileRank: null },
      { date: day(), count: 9, weeklyCount: 13, monthlyCount: 13, percentileRank: null },
    ]);
    // The schema and the database get every report added, whichever the verb: 4 + 5 + 7 + 2 for the two days.
    expect(om.usage('databaseSchema', SCHEMA).map((u) => u.count)).toEqual([4, 14]);
    expect(om.usage('database', 'svc.db').map((u) => u.count)).toEqual([4, 14]);

    const usage = (await api.get(`usage/table/${orders.id}?days=2&date=${day()}`)).body as Body;
    expect(usage).toEqual({
      entity: withHref(orders),
      usage: [
        {
          dailyStats: { count: 9, percentileRank: 0 },
          weeklyStats: { count: 13, percentileRank: 0 },
          monthlyStats: { count: 13, percentileRank: 0 },
          date: day(),
        },
        {
          dailyStats: { count: 4, percentileRank: 0 },
          weeklyStats: { count: 4, percentileRank: 0 },
          monthlyStats: { count: 4, percentileRank: 0 },
          date: day(-1),
        },
      ],
    });
    // days defaults to 1 (the date alone), and is clamped to 1..30.
    expect(((await api.get(`usage/table/${orders.id}`)).body as Body).usage).toHaveLength(1);
    expect(((await api.get(`usage/table/name/${SCHEMA}.orders?days=0&date=${day(-1)}`)).body as Body).usage).toHaveLength(1);
    expect(((await api.get(`usage/table/${orders.id}?days=99`)).body as Body).usage).toHaveLength(2);
    const summary = (await api.get(`tables/name/${SCHEMA}.orders?fields=usageSummary`)).body as Body;
    expect(summary.usageSummary).toEqual(usage.usage[0]);
    const schemaSummary = (await api.get(`databaseSchemas/name/${SCHEMA}?fields=usageSummary`)).body as Body;
    expect(schemaSummary.usageSummary.dailyStats.count).toBe(14);
  });

  it('computes percentile ranks on POST compute.percentile (201, no body)', async () => {
    const tables = [await table('a'), await table('b'), await table('c'), await table('d')];
    for (const [i, t] of tables.entries()) await api.post(`usage/table/${t.id}`, { date: day(), count: (i + 1) * 10 });
    const run = await api.post(`usage/compute.percentile/table/${day()}`, undefined);
    expect(run.status).toBe(201);
    expect(run.body).toBeUndefined();
    expect(om.percentileRuns()).toEqual([{ entityType: 'table', date: day(), at: expect.any(Number) }]);
    const ranks = tables.map((t) => om.tableUsage(`${SCHEMA}.${t.name}`)[0].percentileRank);
    expect(ranks).toEqual([0, 25, 50, 75]);
    const got = (await api.get(`usage/table/${tables[3].id}`)).body as Body;
    expect(got.usage[0].dailyStats).toEqual({ count: 40, percentileRank: 75 });
  });

  it('refuses bodies the DailyCount schema refuses, unknown or deleted tables, and types without usage', async () => {
    const orders = await table('orders');
    const extra = await api.post(`usage/table/${orders.id}`, { date: day(), count: 1, table: 'orders' });
    expect(extra.status).toBe(400);
    expect((extra.body as Body).message).toMatch(/^Unrecognized field "table" \(class DailyCount\)/);
    expect((await api.post(`usage/table/${orders.id}`, { date: day(), count: -1 })).body).toEqual({
      code: 400,
      message: '[count must be greater than or equal to 0]',
    });
    expect((await api.post(`usage/table/${orders.id}`, { date: '2024-13-01', count: 1 })).status).toBe(400);
    expect((await api.post(`usage/table/${orders.id}`, { count: 1 })).body).toEqual({ code: 400, message: '[date must not be null]' });
    const ghost = randomUUID();
    expect((await api.post(`usage/table/${ghost}`, { date: day(), count: 1 })).body).toEqual({
      code: 404,
      message: `table instance for ${ghost} not found`,
    });
    expect((await api.post('usage/table/not-a-uuid', { date: day(), count: 1 })).status).toBe(404);
    expect((await api.post(`usage/tabel/${orders.id}`, { date: day(), count: 1 })).body).toEqual({
      code: 404,
      message: 'Entity type tabel not found',
    });
    const schemaId = om.get('databaseSchema', SCHEMA)!.id;
    expect((await api.post(`usage/databaseSchema/${schemaId}`, { date: day(), count: 1 })).body).toEqual({
      code: 500,
      message: 'Entity type databaseSchema not supported',
    });
    expect((await api.get(`usage/table/${orders.id}?days=x`)).status).toBe(404);
    expect((await api.delete(`usage/table/${orders.id}`)).status).toBe(405);
    await api.delete(`tables/${orders.id}`);
    expect((await api.post(`usage/table/${orders.id}`, { date: day(), count: 1 })).status).toBe(404);
    expect(om.tableUsage(`${SCHEMA}.orders`)).toEqual([]);
  });
});

describe('PUT /v1/tables/{id}/joins', () => {
  const joinsOn = (date: string, count: number, direct = 0): Body => ({
    startDate: date,
    dayCount: 1,
    columnJoins: [{ columnName: 'id', joinedWith: [{ fullyQualifiedName: `${SCHEMA}.items.id`, joinCount: count }] }],
    directTableJoins: direct > 0 ? [{ fullyQualifiedName: `${SCHEMA}.items`, joinCount: direct }] : [],
  });

  it('stores joins seen from both tables, replacing a day’s count and summing the days', async () => {
    const orders = await table('orders');
    const items = await table('items');
    const put = await api.put(`tables/${orders.id}/joins`, joinsOn(day(), 3, 1));
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      id: orders.id,
      joins: {
        startDate: day(-30),
        dayCount: 30,
        columnJoins: [{ columnName: 'id', joinedWith: [{ fullyQualifiedName: `${SCHEMA}.items.id`, joinCount: 3 }] }],
        directTableJoins: [{ fullyQualifiedName: `${SCHEMA}.items`, joinCount: 1 }],
      },
    });
    await api.put(`tables/${orders.id}/joins`, joinsOn(day(), 5)); // same day: 5 replaces 3
    await api.put(`tables/${orders.id}/joins`, joinsOn(day(-3), 2)); // another day: added
    const fromItems = (await api.get(`tables/${items.id}?fields=joins`)).body as Body;
    expect(fromItems.joins).toEqual({
      startDate: day(-30),
      dayCount: 30,
      columnJoins: [{ columnName: 'id', joinedWith: [{ fullyQualifiedName: `${SCHEMA}.orders.id`, joinCount: 7 }] }],
      directTableJoins: [{ fullyQualifiedName: `${SCHEMA}.orders`, joinCount: 1 }],
    });
    expect(om.tableJoins(`${SCHEMA}.orders`)).toMatchObject({
      columnJoins: [{ columnName: 'id', joinedWith: [{ fullyQualifiedName: `${SCHEMA}.items.id`, joinCount: 7 }] }],
    });
    expect((await api.get(`tables/name/${SCHEMA}.orders`)).body as Body).not.toHaveProperty('joins');
    // A hard-deleted table takes its joins with it.
    await api.delete(`tables/${items.id}?hardDelete=true`);
    expect(om.tableJoins(`${SCHEMA}.orders`)).toMatchObject({ columnJoins: [], directTableJoins: [] });
  });

  it('refuses unknown columns and tables, old dates and what the TableJoins schema refuses, writing nothing', async () => {
    const orders = await table('orders');
    await table('items');
    const badColumn = await api.put(`tables/${orders.id}/joins`, { ...joinsOn(day(), 1), columnJoins: [{ columnName: 'nope', joinedWith: [] }] });
    expect(badColumn.body).toEqual({ code: 400, message: 'Invalid column name nope' });
    const badJoined = joinsOn(day(), 1);
    badJoined.columnJoins[0].joinedWith[0].fullyQualifiedName = `${SCHEMA}.items.nope`;
    expect((await api.put(`tables/${orders.id}/joins`, badJoined)).body).toEqual({
      code: 400,
      message: `Invalid fully qualified column name ${SCHEMA}.items.nope`,
    });
    badJoined.columnJoins[0].joinedWith[0].fullyQualifiedName = `${SCHEMA}.ghost.id`;
    expect((await api.put(`tables/${orders.id}/joins`, badJoined)).body).toEqual({
      code: 404,
      message: `table instance for ${SCHEMA}.ghost not found`,
    });
    badJoined.columnJoins[0].joinedWith[0].fullyQualifiedName = 'items.id';
    expect((await api.put(`tables/${orders.id}/joins`, badJoined)).body).toEqual({
      code: 400,
      message: 'Invalid fully qualified column name items.id',
    });
    const badDirect = { ...joinsOn(day(), 1), directTableJoins: [{ fullyQualifiedName: `${SCHEMA}.ghost`, joinCount: 1 }] };
    expect((await api.put(`tables/${orders.id}/joins`, badDirect)).body).toEqual({ code: 400, message: `Invalid table name ${SCHEMA}.ghost` });
    const tooOld = 'Date range can only include past 30 days starting today';
    expect((await api.put(`tables/${orders.id}/joins`, joinsOn(day(-30), 1))).body).toEqual({ code: 400, message: tooOld });
    expect((await api.put(`tables/${orders.id}/joins`, joinsOn(day(1), 1))).body).toEqual({ code: 400, message: tooOld });
    const extra = await api.put(`tables/${orders.id}/joins`, { ...joinsOn(day(), 1), tableName: 'orders' });
    expect((extra.body as Body).message).toMatch(/^Unrecognized field "tableName" \(class TableJoins\)/);
    const noCount = { startDate: day(), columnJoins: [{ columnName: 'id', joinedWith: [{ fullyQualifiedName: `${SCHEMA}.items.id` }] }] };
    expect((await api.put(`tables/${orders.id}/joins`, noCount)).body).toEqual({
      code: 400,
      message: '[columnJoins[0].joinedWith[0].joinCount must not be null]',
    });
    const ghost = randomUUID();
    expect((await api.put(`tables/${ghost}/joins`, joinsOn(day(), 1))).body).toEqual({ code: 404, message: `table instance for ${ghost} not found` });
    expect((await api.get(`tables/${orders.id}/joins`)).status).toBe(405);
    expect(om.tableJoins(`${SCHEMA}.orders`)).toMatchObject({ columnJoins: [], directTableJoins: [] });
    // Days from today back to 29 days ago are taken.
    expect((await api.put(`tables/${orders.id}/joins`, joinsOn(day(-29), 1))).status).toBe(200);
  });

  it.skipIf(!existsSync(specDir))("agrees with OpenMetadata 1.4's table.json#/definitions/tableJoins", async () => {
    const validate = loadUpstream()('entity/data/table.json#/definitions/tableJoins');
    const orders = await table('orders');
    await table('items');
    const bodies: Array<[Body, boolean]> = [
      [joinsOn(day(), 1, 1), true],
      [{ ...joinsOn(day(), 1), extra: true }, false],
      [{ ...joinsOn(day(), 1), startDate: 'yesterday' }, false],
      [{ startDate: day(), columnJoins: [{ columnName: 'id', joinedWith: [{ fullyQualifiedName: `${SCHEMA}.items.id`, joinCount: 'x' }] }] }, false],
    ];
    for (const [body, valid] of bodies) {
      expect(validate(structuredClone(body)), JSON.stringify(body)).toBe(valid);
      const answer = await api.put(`tables/${orders.id}/joins`, body);
      expect(answer.status === 200, JSON.stringify(answer.body)).toBe(valid);
    }
  });
});

describe('GET /v1/users/name/{name}', () => {
  it('answers the user, or 404 as the server words it', async () => {
    const alice = om.addUser('alice');
    expect(((await api.get('users/name/alice')).body as Body).id).toBe(alice.id);
    expect((await api.get('users/name/ghost')).body).toEqual({ code: 404, message: 'user instance for ghost not found' });
  });
});

describe('usage endpoints with a token', () => {
  let secured: OpenMetadataDouble;
  beforeAll(async () => {
    secured = await startOpenMetadataDouble({ token: 'bot-secret', version: '1.4.0' });
  });
  afterAll(() => secured.stop());

  it('answers 401 without the right token and stores nothing', async () => {
    const bot = apiClient(secured.baseUrl, 'bot-secret');
    await seedHierarchy(bot);
    const orders = (await bot.put('tables', tableRequest('orders', SCHEMA))).body as Body;
    const guess = apiClient(secured.baseUrl, 'guess');
    expect((await guess.put('queries', { query: 'select 1', service: 'svc' })).status).toBe(401);
    expect((await guess.post(`usage/table/${orders.id}`, { date: day(), count: 1 })).status).toBe(401);
    expect((await apiClient(secured.baseUrl).put(`tables/${orders.id}/joins`, { startDate: day() })).status).toBe(401);
    expect((await guess.post(`usage/compute.percentile/table/${day()}`, undefined)).status).toBe(401);
    expect(secured.queries()).toEqual([]);
    expect(secured.tableUsage(`${SCHEMA}.orders`)).toEqual([]);
    expect(secured.percentileRuns()).toEqual([]);
    expect((await bot.post(`usage/table/${orders.id}`, { date: day(), count: 1 })).status).toBe(201);
  });
});

describe('usage endpoints on a recent release', () => {
  let recent: OpenMetadataDouble;
  let client: ApiClient;
  beforeAll(async () => {
    recent = await startOpenMetadataDouble({ version: '1.7.0' });
    client = apiClient(recent.baseUrl);
    await seedHierarchy(client);
  });
  afterAll(() => recent.stop());

  it('takes owners lists on queries (not owner), stores the checksum of named queries, gives events an id', async () => {
    const alice = recent.addUser('alice');
    const orders = (await client.put('tables', tableRequest('orders', SCHEMA))).body as Body;
    const created = await client.put('queries', {
      name: 'daily',
      query: 'select 1',
      service: 'svc',
      dialect: 'postgres',
      owners: [{ id: alice.id, type: 'user' }],
    });
    expect(created.status).toBe(201);
    const query = created.body as Body;
    expect(query).toMatchObject({
      name: 'daily',
      fullyQualifiedName: 'svc.daily',
      checksum: md5('select 1'),
      owners: [{ id: alice.id, type: 'user' }],
    });
    expect(query).not.toHaveProperty('owner');
    expect(query).not.toHaveProperty('dialect');
    const single = await client.put('queries', { query: 'select 2', service: 'svc', owner: { id: alice.id, type: 'user' } });
    expect((single.body as Body).message).toMatch(/^Unrecognized field "owner"/);

    const usage = (await client.put(`queries/${query.id}/usage`, [{ id: orders.id, type: 'table' }])).body as Body;
    expect(usage).toMatchObject({ id: expect.any(String), entity: { id: query.id, queryUsedIn: [{ id: orders.id }] } });
    const owned = (await client.get(`queries/${query.id}?fields=owners`)).body as Body;
    expect(owned.owners).toEqual([{ ...ref(alice, 'user') }]);
    const reported = (await client.put(`usage/table/${orders.id}`, { date: day(), count: 2 })).body as Body;
    expect(reported).toMatchObject({
      id: expect.any(String),
      entityType: 'table',
      entity: { id: orders.id, usageSummary: { dailyStats: { count: 2 } } },
    });
  });

  it('takes the longer FQNs of nested columns in joins, which 1.4 refuses', async () => {
    const orders = (await client.put('tables', tableRequest('orders2', SCHEMA))).body as Body;
    await client.put(
      'tables',
      tableRequest('events', SCHEMA, { columns: [{ name: 'payload', dataType: 'STRUCT', children: [{ name: 'order_id', dataType: 'INT' }] }] }),
    );
    const nested = `${SCHEMA}.events.payload.order_id`;
    const body = { startDate: day(), columnJoins: [{ columnName: 'id', joinedWith: [{ fullyQualifiedName: nested, joinCount: 1 }] }] };
    expect((await client.put(`tables/${orders.id}/joins`, body)).status).toBe(200);
    expect((await api.put(`tables/${(await table('orders3')).id}/joins`, body)).body).toEqual({
      code: 400,
      message: `Invalid fully qualified column name ${nested}`,
    });
  });
});
