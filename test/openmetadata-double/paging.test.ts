// Listings page with opaque cursors as OpenMetadata's do: 2,500 tables read back 100 at a time, forwards and back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { seedHierarchy, tableRequest } from '../support/openmetadata-double/seed.js';
import { apiClient, type ApiClient } from '../support/openmetadata-double/test-client.js';

type Body = Record<string, any>;

const TABLES = 2_500;
let om: OpenMetadataDouble;
let api: ApiClient;

function tableName(i: number): string {
  return `t${String(i).padStart(5, '0')}`;
}

beforeAll(async () => {
  om = await startOpenMetadataDouble({ version: '1.4.0' }); // the 1.4 shapes these tests exercise
  api = apiClient(om.baseUrl);
  await seedHierarchy(api);
  await api.put('databaseSchemas', { name: 'other', database: 'svc.db' });
  // Shuffled order, a few requests in flight at once: the listing order must not depend on creation order.
  const order = Array.from({ length: TABLES }, (_, i) => (i * 7919) % TABLES);
  for (let start = 0; start < order.length; start += 25) {
    const batch = order.slice(start, start + 25).map((i) => api.put('tables', tableRequest(tableName(i), 'svc.db.public')));
    const statuses = (await Promise.all(batch)).map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set([201]));
  }
  for (const name of ['x1', 'x2', 'x3']) await api.put('tables', tableRequest(name, 'svc.db.other'));
}, 120_000);
afterAll(() => om.stop());

async function list(query: string): Promise<Body> {
  const result = await api.get(`tables?${query}`);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body as Body;
}

describe('paging', () => {
  it('walks 2,500 tables with limit 100 and after cursors, each exactly once, in name order', async () => {
    const names: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await list(`databaseSchema=svc.db.public&limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(page.paging.total).toBe(TABLES);
      expect(page.data.length).toBeLessThanOrEqual(100);
      names.push(...page.data.map((t: Body) => t.name));
      after = page.paging.after;
      if (pages > 0) expect(page.paging.before).toBeTypeOf('string');
      pages += 1;
    } while (after);
    expect(pages).toBe(25);
    expect(names).toEqual(Array.from({ length: TABLES }, (_, i) => tableName(i)));
  });

  it('steps back with the before cursor', async () => {
    const first = await list('databaseSchema=svc.db.public&limit=100');
    expect(first.paging.before).toBeUndefined();
    const second = await list(`databaseSchema=svc.db.public&limit=100&after=${encodeURIComponent(first.paging.after)}`);
    expect(second.data[0].name).toBe(tableName(100));
    const back = await list(`databaseSchema=svc.db.public&limit=100&before=${encodeURIComponent(second.paging.before)}`);
    expect(back.data.map((t: Body) => t.name)).toEqual(first.data.map((t: Body) => t.name));
    expect(back.paging.before).toBeUndefined();
    expect(back.paging.after).toBe(first.paging.after);
  });

  it('filters by schema FQN given as databaseSchema or as database (as the 1.4 Python client sends it)', async () => {
    expect((await list('databaseSchema=svc.db.other')).data.map((t: Body) => t.name)).toEqual(['x1', 'x2', 'x3']);
    expect((await list('database=svc.db.other')).data.map((t: Body) => t.name)).toEqual(['x1', 'x2', 'x3']);
    expect((await list('database=svc.db&limit=0')).paging).toEqual({ total: TABLES + 3 });
    expect((await list('databaseSchema=svc.db.nothing')).paging).toEqual({ total: 0 });
    expect((await list('limit=5')).data).toHaveLength(5);
  });

  it('defaults to 10 and enforces the limit bounds', async () => {
    expect((await list('databaseSchema=svc.db.public')).data).toHaveLength(10);
    expect((await list('databaseSchema=svc.db.public&limit=1000000')).data).toHaveLength(TABLES);
    expect((await api.get('tables?limit=1000001')).body).toEqual({
      code: 400,
      message: '[query param limit must be less than or equal to 1000000]',
    });
    expect((await api.get('tables?limit=-1')).status).toBe(400);
    expect((await api.get('tables?limit=ten')).status).toBe(404);
    expect((await api.get('tables?after=a&before=b')).body).toEqual({
      code: 400,
      message: 'Only one of before or after query parameter allowed',
    });
  });

  it('lists only what include asks for', async () => {
    const victim = om.get('table', 'svc.db.other.x2')!;
    expect((await api.delete(`tables/${victim.id}`)).status).toBe(200);
    expect((await list('databaseSchema=svc.db.other')).data.map((t: Body) => t.name)).toEqual(['x1', 'x3']);
    expect((await list('databaseSchema=svc.db.other&include=deleted')).data.map((t: Body) => t.name)).toEqual(['x2']);
    expect((await list('databaseSchema=svc.db.other&include=all')).paging.total).toBe(3);
    expect((await list('databaseSchema=svc.db.other&fields=tableConstraints,tags')).data[0].tags).toEqual([]);
  });

  it('lists databases by service and schemas by database', async () => {
    const dbs = (await api.get('databases?service=svc')).body as Body;
    expect(dbs.data.map((d: Body) => d.fullyQualifiedName)).toEqual(['svc.db']);
    const schemas = (await api.get('databaseSchemas?database=svc.db')).body as Body;
    expect(schemas.data.map((d: Body) => d.name)).toEqual(['other', 'public']);
  });
});
