// The double stores entities as OpenMetadata 1.4 does: create-or-update by FQN, versions, references, soft delete.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { seedHierarchy, tableRequest } from '../support/openmetadata-double/seed.js';
import { apiClient, encodeFqn, type ApiClient, type ApiResult } from '../support/openmetadata-double/test-client.js';

type Body = Record<string, any>;

let om: OpenMetadataDouble;
let api: ApiClient;

beforeAll(async () => {
  om = await startOpenMetadataDouble({ version: '1.4.0' }); // the 1.4 shapes these tests exercise
  api = apiClient(om.baseUrl);
});
afterAll(() => om.stop());
beforeEach(() => om.reset());

function body(result: ApiResult): Body {
  return result.body as Body;
}

async function putTable(name: string, extra: Body = {}, schema = 'svc.db.public'): Promise<ApiResult> {
  return api.put('tables', tableRequest(name, schema, extra));
}

describe('create and update', () => {
  it('creates with 201, version 0.1, a uuid, the FQN and parent references', async () => {
    await seedHierarchy(api);
    const created = await putTable('orders');
    expect(created.status).toBe(201);
    const table = body(created);
    expect(table.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(table).toMatchObject({
      name: 'orders',
      fullyQualifiedName: 'svc.db.public.orders',
      version: 0.1,
      deleted: false,
      updatedBy: 'ingestion-bot',
      serviceType: 'Postgres',
      tableType: 'Regular',
    });
    expect(typeof table.updatedAt).toBe('number');
    const schema = om.get('databaseSchema', 'svc.db.public')!;
    expect(table.databaseSchema).toEqual({
      id: schema.id,
      type: 'databaseSchema',
      name: 'public',
      fullyQualifiedName: 'svc.db.public',
      deleted: false,
    });
    expect(table.database).toMatchObject({ type: 'database', fullyQualifiedName: 'svc.db' });
    expect(table.service).toMatchObject({ type: 'databaseService', fullyQualifiedName: 'svc' });
    expect(table.columns.map((c: Body) => c.fullyQualifiedName)).toEqual(['svc.db.public.orders.id', 'svc.db.public.orders.label']);
    expect(om.get('table', 'svc.db.public.orders')?.id).toBe(table.id);
  });

  it('answers an identical PUT with 200 and leaves version and updatedAt alone', async () => {
    await seedHierarchy(api);
    const first = body(await putTable('orders'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await putTable('orders');
    expect(again.status).toBe(200);
    expect(body(again)).toMatchObject({ id: first.id, version: 0.1, updatedAt: first.updatedAt });
    expect(om.counters).toMatchObject({ created: 4, unchanged: 1, updated: 0 });
  });

  it('bumps the version by 0.1 on a change, and to the next whole number when a column goes away or shrinks', async () => {
    await seedHierarchy(api);
    const first = body(await putTable('orders'));
    const widened = tableRequest('orders', 'svc.db.public');
    (widened.columns as Body[])[1].dataLength = 40;
    const second = await api.put('tables', widened);
    expect(second.status).toBe(200);
    expect(body(second)).toMatchObject({ id: first.id, version: 0.2 });
    expect(body(second).changeDescription).toMatchObject({ previousVersion: 0.1, fieldsUpdated: [{ name: 'columns' }] });

    const third = body(await api.put('tables', { ...widened, description: 'all orders' }));
    expect(third.version).toBe(0.3);

    const shortened = body(await api.put('tables', tableRequest('orders', 'svc.db.public')));
    expect(shortened.version).toBe(1);

    const narrowed = tableRequest('orders', 'svc.db.public');
    narrowed.columns = [(narrowed.columns as Body[])[0]];
    const fifth = body(await api.put('tables', narrowed));
    expect(fifth.version).toBe(2);
    expect(fifth.changeDescription.fieldsUpdated.map((c: Body) => c.name)).toEqual(['columns']);
    expect(om.get('table', 'svc.db.public.orders')?.version).toBe(2);
  });

  it('quotes FQN parts that contain a dot, and finds them by percent-encoded FQN', async () => {
    const h = await seedHierarchy(api, { schema: 'sales.eu' });
    expect(h.schema).toBe('svc.db."sales.eu"');
    const created = body(await putTable('q1.totals', { columns: [{ name: 'a.b', dataType: 'INT' }] }, h.schema));
    expect(created.fullyQualifiedName).toBe('svc.db."sales.eu"."q1.totals"');
    expect(created.columns[0].fullyQualifiedName).toBe('svc.db."sales.eu"."q1.totals"."a.b"');
    const found = await api.get(`tables/name/${encodeFqn(created.fullyQualifiedName)}`);
    expect(found.status).toBe(200);
    expect(body(found).id).toBe(created.id);
  });

  it('answers 404 when the parent does not exist', async () => {
    expect(body(await api.put('databases', { name: 'db', service: 'nope' }))).toEqual({
      code: 404,
      message: 'databaseService instance for nope not found',
    });
    await seedHierarchy(api);
    const missingSchema = await putTable('t', {}, 'svc.db.missing');
    expect(missingSchema.status).toBe(404);
    expect(body(missingSchema)).toEqual({ code: 404, message: 'databaseSchema instance for svc.db.missing not found' });
    expect((await api.put('databaseSchemas', { name: 's', database: 'svc.nodb' })).status).toBe(404);
    const procedure = await api.put('storedProcedures', {
      name: 'p',
      databaseSchema: 'svc.db.nope',
      storedProcedureCode: { language: 'SQL', code: 'select 1' },
    });
    expect(procedure.status).toBe(404);
    expect((await api.put('tags', { name: 't', classification: 'Nope', description: 'x' })).status).toBe(404);
    expect(om.entities('table')).toEqual([]);
  });

  it('creates with POST once and answers 409 after', async () => {
    await seedHierarchy(api);
    expect((await api.post('tables', tableRequest('t', 'svc.db.public'))).status).toBe(201);
    expect(body(await api.post('tables', tableRequest('t', 'svc.db.public')))).toEqual({ code: 409, message: 'Entity already exists' });
  });

  it('stores stored procedures under their schema', async () => {
    await seedHierarchy(api);
    const created = await api.put('storedProcedures', {
      name: 'refresh',
      databaseSchema: 'svc.db.public',
      storedProcedureCode: { language: 'SQL', code: 'begin end' },
    });
    expect(created.status).toBe(201);
    expect(body(created)).toMatchObject({ fullyQualifiedName: 'svc.db.public.refresh', databaseSchema: { type: 'databaseSchema' } });
    const listed = body(await api.get('storedProcedures?databaseSchema=svc.db.public'));
    expect(listed.data.map((p: Body) => p.name)).toEqual(['refresh']);
  });
});

describe('reads', () => {
  it('gets by name and by id, honours ?fields= and rejects unknown field names', async () => {
    await seedHierarchy(api);
    const created = body(await putTable('orders', { tableConstraints: [{ constraintType: 'UNIQUE', columns: ['label'] }] }));
    const plain = body(await api.get('tables/name/svc.db.public.orders'));
    expect(plain.id).toBe(created.id);
    expect(plain.tableConstraints).toBeUndefined();
    expect(plain.tags).toBeUndefined();
    const full = body(await api.get('tables/name/svc.db.public.orders?fields=tableConstraints,tags,owner'));
    expect(full.tableConstraints).toEqual([{ constraintType: 'UNIQUE', columns: ['label'] }]);
    expect(full.tags).toEqual([]);
    expect(body(await api.get(`tables/${created.id}`)).fullyQualifiedName).toBe('svc.db.public.orders');
    expect(body(await api.get('tables/name/svc.db.public.orders?fields=bogus'))).toEqual({ code: 400, message: 'Invalid field name bogus' });
    const unknownId = randomUUID();
    expect(body(await api.get(`tables/${unknownId}`))).toEqual({ code: 404, message: `table instance for ${unknownId} not found` });
    expect(body(await api.get('tables/name/svc.db.public.nope'))).toEqual({ code: 404, message: 'table instance for svc.db.public.nope not found' });
    expect((await api.get('tables/not-a-uuid')).status).toBe(404);
  });

  it('lists children of a database with their references', async () => {
    await seedHierarchy(api);
    await api.put('databaseSchemas', { name: 'other', database: 'svc.db' });
    const db = body(await api.get('databases/name/svc.db?fields=databaseSchemas'));
    expect(db.databaseSchemas.map((s: Body) => s.fullyQualifiedName)).toEqual(['svc.db.other', 'svc.db.public']);
  });
});

describe('tags and owners', () => {
  async function seedTags(): Promise<void> {
    expect((await api.put('classifications', { name: 'PostgresPolicyTags', description: 'Postgres Tag Name' })).status).toBe(201);
    for (const name of ['rls_a', 'rls_b']) {
      const tag = await api.put('tags', { name, classification: 'PostgresPolicyTags', description: 'Postgres Tag Value' });
      expect(tag.status).toBe(201);
    }
  }

  const label = (tagFQN: string) => ({ tagFQN, source: 'Classification', labelType: 'Automated', state: 'Suggested' });

  it('accepts labels of existing tags, fills them in, and merges tags on PUT', async () => {
    await seedHierarchy(api);
    await seedTags();
    expect(om.get('tag', 'PostgresPolicyTags.rls_a')).toMatchObject({ classification: { name: 'PostgresPolicyTags' } });
    const columns = [{ name: 'id', dataType: 'INT', tags: [label('PostgresPolicyTags.rls_b')] }];
    expect((await putTable('t', { tags: [label('PostgresPolicyTags.rls_a')], columns })).status).toBe(201);

    const withTags = body(await api.get('tables/name/svc.db.public.t?fields=tags'));
    expect(withTags.tags).toEqual([{ ...label('PostgresPolicyTags.rls_a'), name: 'rls_a', description: 'Postgres Tag Value' }]);
    expect(withTags.columns[0].tags[0]).toMatchObject({ tagFQN: 'PostgresPolicyTags.rls_b', name: 'rls_b' });
    expect(body(await api.get('tables/name/svc.db.public.t')).columns[0].tags).toBeUndefined();

    const again = await putTable('t', { columns: [{ name: 'id', dataType: 'INT' }] });
    expect(again.status).toBe(200);
    expect(body(again).version).toBe(0.1);
    expect(om.get('table', 'svc.db.public.t')?.tags).toHaveLength(1);

    const more = body(await putTable('t', { tags: [label('PostgresPolicyTags.rls_b')], columns: [{ name: 'id', dataType: 'INT' }] }));
    expect(more.tags.map((t: Body) => t.tagFQN)).toEqual(['PostgresPolicyTags.rls_a', 'PostgresPolicyTags.rls_b']);
    expect(more.version).toBe(0.2);
  });

  it('answers 404 for a label of an unknown tag or glossary term', async () => {
    await seedHierarchy(api);
    await seedTags();
    expect(body(await putTable('t', { tags: [label('PostgresPolicyTags.nope')] }))).toEqual({
      code: 404,
      message: 'tag instance for PostgresPolicyTags.nope not found',
    });
    const columns = [{ name: 'id', dataType: 'INT', tags: [{ ...label('Glossary.term'), source: 'Glossary' }] }];
    expect((await putTable('t', { columns })).status).toBe(404);
    expect(om.entities('table')).toEqual([]);
  });

  it('stores glossaries and nested terms; a Glossary label names a term and is filled in from it', async () => {
    await seedHierarchy(api);
    expect((await api.put('glossaries', { name: 'Business', description: 'Business terms' })).status).toBe(201);
    const revenue = await api.put('glossaryTerms', { glossary: 'Business', name: 'Revenue', description: 'Money in' });
    expect(revenue.status).toBe(201);
    expect(body(revenue)).toMatchObject({ fullyQualifiedName: 'Business.Revenue', glossary: { name: 'Business', type: 'glossary' } });
    const net = await api.put('glossaryTerms', { glossary: 'Business', parent: 'Business.Revenue', name: 'Net.Revenue', description: 'After costs' });
    expect(body(net)).toMatchObject({ fullyQualifiedName: 'Business.Revenue."Net.Revenue"', parent: { name: 'Revenue' } });
    expect((await api.get(`glossaryTerms/name/${encodeFqn('Business.Revenue."Net.Revenue"')}`)).status).toBe(200);
    expect(body(await api.put('glossaryTerms', { glossary: 'Nope', name: 'x', description: 'x' }))).toEqual({
      code: 404,
      message: 'glossary instance for Nope not found',
    });
    const term = (tagFQN: string) => ({ tagFQN, source: 'Glossary', labelType: 'Automated', state: 'Suggested' });
    const columns = [{ name: 'id', dataType: 'INT', tags: [term('Business.Revenue."Net.Revenue"')] }];
    expect((await putTable('t', { tags: [term('Business.Revenue')], columns })).status).toBe(201);
    const stored = body(await api.get('tables/name/svc.db.public.t?fields=tags'));
    expect(stored.tags).toEqual([{ ...term('Business.Revenue'), name: 'Revenue', description: 'Money in' }]);
    expect(stored.columns[0].tags[0]).toMatchObject({ tagFQN: 'Business.Revenue."Net.Revenue"', name: 'Net.Revenue', source: 'Glossary' });
  });

  it('refuses two labels of a mutually exclusive classification', async () => {
    await seedHierarchy(api);
    await api.put('classifications', { name: 'Tier', description: 'tiers', mutuallyExclusive: true });
    await api.put('tags', { name: 'Tier1', classification: 'Tier', description: 'one' });
    await api.put('tags', { name: 'Tier2', classification: 'Tier', description: 'two' });
    const refused = await putTable('t', { tags: [label('Tier.Tier1'), label('Tier.Tier2')] });
    expect(refused.status).toBe(400);
    expect(body(refused).message).toContain('mutually exclusive');
  });

  it('needs owners to exist and to be a user or a Group team; a PUT without owner keeps it', async () => {
    await seedHierarchy(api);
    const alice = om.addUser('alice');
    const department = om.addTeam('finance', 'Department');
    const owned = await putTable('t', { owner: { id: alice.id, type: 'user' } });
    expect(owned.status).toBe(201);
    expect(body(owned).owner).toMatchObject({ id: alice.id, type: 'user', name: 'alice', fullyQualifiedName: 'alice' });
    expect(body(await api.get('users/name/alice')).id).toBe(alice.id);
    expect(body(await api.get('teams/name/finance')).teamType).toBe('Department');

    const kept = await putTable('t');
    expect(kept.status).toBe(200);
    expect(body(await api.get('tables/name/svc.db.public.t?fields=owner')).owner.name).toBe('alice');

    const ghost = randomUUID();
    expect(body(await putTable('u', { owner: { id: ghost, type: 'user' } }))).toEqual({ code: 404, message: `user instance for ${ghost} not found` });
    expect((await putTable('u', { owner: { id: department.id, type: 'team' } })).status).toBe(400);
    expect((await putTable('u', { owner: { id: alice.id, type: 'database' } })).status).toBe(400);
    expect(om.get('table', 'svc.db.public.u')).toBeUndefined();
  });

  it('keeps a stored description against a bot PUT, column descriptions too', async () => {
    await seedHierarchy(api);
    const columns = [{ name: 'id', dataType: 'INT', description: 'key' }];
    await putTable('t', { description: 'curated', columns });
    const put = await putTable('t', { description: 'from the source', columns: [{ name: 'id', dataType: 'INT', description: 'other' }] });
    expect(put.status).toBe(200);
    expect(body(put)).toMatchObject({ description: 'curated', version: 0.1 });
    expect(body(put).columns[0].description).toBe('key');
  });
});

describe('delete and restore', () => {
  it('soft-deletes, hides the entity unless include says otherwise, and restores it on PUT', async () => {
    await seedHierarchy(api);
    const created = body(await putTable('orders'));
    const deleted = await api.delete(`tables/${created.id}?hardDelete=false&recursive=true`);
    expect(deleted.status).toBe(200);
    expect(body(deleted)).toMatchObject({ id: created.id, deleted: true, version: 0.2 });

    expect((await api.get('tables/name/svc.db.public.orders')).status).toBe(404);
    expect(body(await api.get('tables/name/svc.db.public.orders?include=deleted')).deleted).toBe(true);
    expect((await api.get('tables/name/svc.db.public.orders?include=all')).status).toBe(200);
    expect((await api.get('tables/name/svc.db.public.orders?include=bogus')).status).toBe(404);
    expect(body(await api.get('tables?databaseSchema=svc.db.public')).data).toEqual([]);
    expect(body(await api.get('tables?databaseSchema=svc.db.public&include=deleted')).paging.total).toBe(1);

    const restored = await putTable('orders');
    expect(restored.status).toBe(200);
    expect(body(restored)).toMatchObject({ id: created.id, deleted: false, version: 0.3 });
    expect(om.counters).toMatchObject({ softDeleted: 1, restored: 1 });
  });

  it('refuses to delete a schema with live tables unless recursive, and restores the children with the schema', async () => {
    await seedHierarchy(api);
    await putTable('a');
    await putTable('b');
    const schema = om.get('databaseSchema', 'svc.db.public')!;
    expect(body(await api.delete(`databaseSchemas/${schema.id}`))).toEqual({ code: 400, message: 'databaseSchema is not empty' });
    expect((await api.delete(`databaseSchemas/${schema.id}?recursive=true`)).status).toBe(200);
    expect(om.entities('table').map((t) => t.deleted)).toEqual([true, true]);
    // OpenMetadata 1.4 looks a table's schema up including soft-deleted ones (TableRepository.prepare uses ALL).
    expect((await putTable('c')).status).toBe(201);
    // ... but not a database's service.
    const service = om.get('databaseService', 'svc')!;
    expect((await api.delete(`services/databaseServices/${service.id}?recursive=true`)).status).toBe(200);
    expect((await api.put('databases', { name: 'db2', service: 'svc' })).status).toBe(404);
    expect((await api.put('services/databaseServices', { name: 'svc', serviceType: 'Postgres' })).status).toBe(200);

    expect(om.entities('table').map((t) => [t.name, t.deleted])).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
    ]);
    expect(om.get('table', 'svc.db.public.a')?.version).toBe(0.3);
  });

  it('counts soft-deleted children as children', async () => {
    await seedHierarchy(api);
    const table = (await putTable('a')).body as Body;
    expect((await api.delete(`tables/${table.id}`)).status).toBe(200);
    const schema = om.get('databaseSchema', 'svc.db.public')!;
    expect((await api.delete(`databaseSchemas/${schema.id}`)).status).toBe(400);
    expect((await api.delete(`databaseSchemas/${schema.id}?hardDelete=true&recursive=true`)).status).toBe(200);
    expect(om.entities('table')).toEqual([]);
  });

  it('hard-deletes an entity and its children', async () => {
    await seedHierarchy(api);
    await putTable('a');
    const db = om.get('database', 'svc.db')!;
    const gone = await api.delete(`databases/${db.id}?hardDelete=true&recursive=true`);
    expect(gone.status).toBe(200);
    expect(om.entities('table')).toEqual([]);
    expect(om.entities('databaseSchema')).toEqual([]);
    expect((await api.get('databases/name/svc.db?include=all')).status).toBe(404);
    expect((await api.delete(`databases/${db.id}`)).status).toBe(404);
    expect(om.counters.hardDeleted).toBe(1);
  });

  it('restores through PUT /restore', async () => {
    await seedHierarchy(api);
    const created = body(await putTable('a'));
    await api.delete(`tables/${created.id}`);
    const restored = await api.put('tables/restore', { id: created.id });
    expect(restored.status).toBe(200);
    expect(body(restored)).toMatchObject({ deleted: false, version: 0.3 });
  });
});
