// The double's routes for what dbt ingestion sends, in both releases it speaks: PUT /v1/tables/{id}/dataModel (as
// TableRepository.addDataModel takes it) and the test definitions (PUT, GET by name or id, shipped ones included) the
// test cases name; a test case's entity link may name a column its table lacks, as neither 1.4 nor 1.7 checks it.
import { existsSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type JsonObject, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { validateRequest } from '../support/openmetadata-double/schema-validator.js';
import { seedHierarchy, tableRequest } from '../support/openmetadata-double/seed.js';
import { apiClient, encodeFqn, type ApiClient } from '../support/openmetadata-double/test-client.js';
import { loadUpstream, specDir } from '../openmetadata-double/upstream-schemas/upstream-validators.js';

const TOKEN = 'secret';
const MISSING_ID = '0b0e5c3e-4d1f-4c1a-9d6b-2f7a1e9c0d11';
const label = (tagFQN: string): JsonObject => ({ tagFQN, source: 'Classification', labelType: 'Automated', state: 'Confirmed' });
const model = (extra: JsonObject = {}): JsonObject => ({ modelType: 'DBT', sql: 'select 1 as id', rawSql: 'select {{ 1 }} as id', ...extra });
const definition = (name: string, extra: JsonObject = {}): JsonObject => ({
  name,
  description: name,
  entityType: 'COLUMN',
  testPlatforms: ['DBT'],
  ...extra,
});

describe.each(['1.4.0', '1.7.0'])('the double speaking %s', (version) => {
  const recent = version !== '1.4.0';
  const ownerField = recent ? 'owners' : 'owner';
  /** An owner reference in the shape this release's requests carry. */
  const owned = (ref: JsonObject): JsonObject => (recent ? { owners: [ref] } : { owner: ref });
  /** The owner a table or definition answers with, whatever the release's shape. */
  const ownerOf = (body: JsonObject): unknown => (recent ? (body.owners as JsonObject[] | undefined)?.[0] : body.owner);

  let om: OpenMetadataDouble;
  let api: ApiClient;
  let schema: string;
  let alice: JsonObject;
  let bob: JsonObject;

  beforeAll(async () => {
    om = await startOpenMetadataDouble({ version, token: TOKEN });
    api = apiClient(om.baseUrl, TOKEN);
    ({ schema } = await seedHierarchy(api));
    const alicesUser = om.addUser('alice');
    const bobsUser = om.addUser('bob');
    alice = { id: String(alicesUser.id), type: 'user' };
    bob = { id: String(bobsUser.id), type: 'user' };
    expect((await api.put('classifications', { name: 'dbtTags', description: 'dbt tags' })).status).toBe(201);
    for (const name of ['pii', 'finance']) {
      expect((await api.put('tags', { name, description: name, classification: 'dbtTags' })).status).toBe(201);
    }
  });
  afterAll(() => om.stop());

  async function createTable(name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; fqn: string }> {
    const answer = await api.put('tables', tableRequest(name, schema, extra));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const body = answer.body as JsonObject;
    return { id: String(body.id), fqn: String(body.fullyQualifiedName) };
  }

  const getTable = async (fqn: string, fields: string) => (await api.get(`tables/name/${encodeFqn(fqn)}?fields=${fields}`)).body as JsonObject;
  const putModel = (id: string, body: unknown) => api.put(`tables/${id}/dataModel`, body);
  /** The message of a PUT that must be answered 400. */
  async function refused(path: string, body: unknown): Promise<string> {
    const answer = await api.put(path, body);
    expect(answer.status).toBe(400);
    return String((answer.body as JsonObject).message);
  }

  describe('PUT /v1/tables/{id}/dataModel', () => {
    it('stores the model on the table and answers 200 with the table', async () => {
      const table = await createTable('dm_stored');
      const sent = model({ resourceType: 'model', path: 'models/m.sql', upstream: ['svc.db.public.src'], generatedAt: '2024-05-01T10:00:00Z' });
      const answer = await putModel(table.id, sent);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: table.id, fullyQualifiedName: table.fqn });
      expect((await getTable(table.fqn, 'dataModel')).dataModel).toEqual(sent);
      expect(om.dataModel(table.fqn)).toEqual(sent);
      expect(om.dataModel('svc.db.public.nothing_here')).toBeUndefined();
    });

    it('refuses what the DataModel schema refuses, and the other release’s owner shape', async () => {
      const table = await createTable('dm_schema');
      const refusal = (body: unknown) => refused(`tables/${table.id}/dataModel`, body);
      expect(await refusal({ modelType: 'DBT' })).toBe('[sql must not be null]');
      expect(await refusal({ sql: 'select 1' })).toBe('[modelType must not be null]');
      expect(await refusal(model({ modelType: 'LookML' }))).toMatch(/ModelType.*LookML/);
      expect(await refusal(model({ materialized: 'table' }))).toMatch(/Unrecognized field "materialized"/);
      expect(await refusal(model({ columns: [{ name: 'id' }] }))).toBe('[columns[0].dataType must not be null]');
      expect(await refusal(model({ tags: [{ tagFQN: 'dbtTags.pii' }] }))).toMatch(/tags\[0\]\.source must not be null/);
      const otherShape: JsonObject = recent ? { owner: alice } : { owners: [alice] };
      expect(await refusal(model(otherShape))).toMatch(recent ? /Unrecognized field "owner"/ : /Unrecognized field "owners"/);
      expect(om.dataModel(table.fqn)).toBeUndefined();
      // Both model types 1.4 already defines are taken.
      expect((await putModel(table.id, model({ modelType: 'DDL' }))).status).toBe(200);
    });

    it('needs a live table by id and a JSON body', async () => {
      const missing = await putModel(MISSING_ID, model());
      expect(missing).toMatchObject({ status: 404, body: { message: `table instance for ${MISSING_ID} not found` } });
      expect((await putModel('not-a-uuid', model())).status).toBe(404);
      const table = await createTable('dm_deleted');
      expect((await api.delete(`tables/${table.id}`)).status).toBe(200);
      expect(await putModel(table.id, model())).toMatchObject({ status: 404, body: { message: `table instance for ${table.id} not found` } });
      const live = await createTable('dm_media');
      const text = await fetch(`${om.baseUrl}/v1/tables/${live.id}/dataModel`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/plain' },
        body: JSON.stringify(model()),
      });
      expect(text.status).toBe(415);
      expect((await api.get(`tables/${live.id}/dataModel`)).status).toBe(405);
      expect(om.dataModel(live.fqn)).toBeUndefined();
    });

    it('keeps the stored rawSql and sql when the new ones are blank', async () => {
      const table = await createTable('dm_sql');
      await putModel(table.id, model({ sql: 'select 1', rawSql: 'select {{ one }}' }));
      expect((await putModel(table.id, model({ sql: '   ', rawSql: '', path: 'models/again.sql' }))).status).toBe(200);
      expect(om.dataModel(table.fqn)).toMatchObject({ sql: 'select 1', rawSql: 'select {{ one }}', path: 'models/again.sql' });
      const { rawSql: _dropped, ...withoutRaw } = model({ sql: 'select 2' });
      await putModel(table.id, withoutRaw);
      expect(om.dataModel(table.fqn)).toMatchObject({ sql: 'select 2', rawSql: 'select {{ one }}' });
    });

    it("gives an ownerless table the model's owner and leaves an owned one alone", async () => {
      const ownerless = await createTable('dm_ownerless');
      expect((await putModel(ownerless.id, model(owned(alice)))).status).toBe(200);
      expect(ownerOf(await getTable(ownerless.fqn, ownerField))).toMatchObject({ id: alice.id, type: 'user', name: 'alice' });
      const ownedTable = await createTable('dm_owned', owned(bob));
      expect((await putModel(ownedTable.id, model(owned(alice)))).status).toBe(200);
      expect(ownerOf(await getTable(ownedTable.fqn, ownerField))).toMatchObject({ id: bob.id, name: 'bob' });
      expect(om.dataModel(ownedTable.fqn)?.[ownerField]).toEqual(recent ? [alice] : alice);
    });

    it('refuses an unknown owner for an ownerless table, writing nothing', async () => {
      const table = await createTable('dm_stranger');
      const answer = await putModel(table.id, model(owned({ id: MISSING_ID, type: 'user' })));
      expect(answer).toMatchObject({ status: 404, body: { message: `user instance for ${MISSING_ID} not found` } });
      expect(om.dataModel(table.fqn)).toBeUndefined();
      expect(ownerOf(await getTable(table.fqn, ownerField))).toBeUndefined();
    });

    it("adds the model's tags to the table's and refuses an unknown tag as a create request does", async () => {
      const table = await createTable('dm_tags', { tags: [label('dbtTags.finance')] });
      expect((await putModel(table.id, model({ tags: [label('dbtTags.pii')] }))).status).toBe(200);
      const tags = (await getTable(table.fqn, 'tags')).tags as JsonObject[];
      expect(tags.map((t) => t.tagFQN)).toEqual(['dbtTags.finance', 'dbtTags.pii']);
      const onCreate = await api.put('tables', tableRequest('dm_tags_create', schema, { tags: [label('dbtTags.nope')] }));
      const onModel = await putModel(table.id, model({ tags: [label('dbtTags.nope')] }));
      expect(onModel.status).toBe(404);
      expect(onModel).toMatchObject({ status: onCreate.status, body: onCreate.body as JsonObject });
      expect(onModel.body).toMatchObject({ message: 'tag instance for dbtTags.nope not found' });
    });

    it("adds each model column's tags to the table column of that name, ignores the rest, copies no description", async () => {
      const table = await createTable('dm_columns');
      const columns: JsonObject[] = [
        { name: 'ID', dataType: 'INT', description: 'dbt says id', tags: [label('dbtTags.pii')] },
        { name: 'ghost', dataType: 'INT', tags: [label('dbtTags.nope')] },
      ];
      const answer = await putModel(table.id, model({ description: 'dbt says table', columns }));
      expect(answer.status).toBe(200);
      const stored = await getTable(table.fqn, 'tags,dataModel');
      const byName = Object.fromEntries((stored.columns as JsonObject[]).map((c) => [c.name, c]));
      expect((byName.id?.tags as JsonObject[]).map((t) => t.tagFQN)).toEqual(['dbtTags.pii']);
      expect(byName.label?.tags).toEqual([]);
      expect(byName.ghost).toBeUndefined();
      expect(stored.description).toBeUndefined();
      expect(byName.id?.description).toBeUndefined();
      expect((stored.dataModel as JsonObject).description).toBe('dbt says table');
    });

    it('survives an unchanged PUT of its table', async () => {
      const table = await createTable('dm_reput');
      await putModel(table.id, model());
      const before = await getTable(table.fqn, 'dataModel');
      const again = await api.put('tables', tableRequest('dm_reput', schema));
      expect(again.status).toBe(200);
      expect((again.body as JsonObject).version).toBe(before.version);
      expect(om.dataModel(table.fqn)).toEqual(model());
    });
  });

  describe('test definitions', () => {
    it('creates or updates by name: 201, then 200 (a change adds 0.1)', async () => {
      const created = await api.put('dataQuality/testDefinitions', definition('dbt_unique'));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ fullyQualifiedName: 'dbt_unique', testPlatforms: ['DBT'], provider: 'user', version: 0.1 });
      const same = await api.put('dataQuality/testDefinitions', definition('dbt_unique'));
      expect(same).toMatchObject({ status: 200, body: { id: (created.body as JsonObject).id, version: 0.1 } });
      const changed = await api.put('dataQuality/testDefinitions', definition('dbt_unique', { testPlatforms: ['DBT', 'Other'] }));
      expect(changed).toMatchObject({ status: 200, body: { testPlatforms: ['DBT', 'Other'], version: 0.2 } });
      const read = await api.get('dataQuality/testDefinitions/name/dbt_unique');
      expect(read).toMatchObject({ status: 200, body: { id: (created.body as JsonObject).id, testPlatforms: ['DBT', 'Other'] } });
      expect(om.testDefinition('dbt_unique')).toMatchObject({ name: 'dbt_unique', entityType: 'COLUMN', version: 0.2 });
      const byId = await api.get(`dataQuality/testDefinitions/${String((created.body as JsonObject).id)}`);
      expect(byId).toMatchObject({ status: 200, body: { name: 'dbt_unique' } });
    });

    it('answers 404 for an unknown one and serves the shipped ones the same way', async () => {
      const unknown = await api.get('dataQuality/testDefinitions/name/dbt_nope');
      expect(unknown).toMatchObject({ status: 404, body: { message: 'testDefinition instance for dbt_nope not found' } });
      expect(om.testDefinition('dbt_nope')).toBeUndefined();
      const shipped = await api.get('dataQuality/testDefinitions/name/columnValuesToBeNotNull');
      expect(shipped).toMatchObject({ status: 200, body: { name: 'columnValuesToBeNotNull', entityType: 'COLUMN', provider: 'system' } });
      expect((shipped.body as JsonObject).testPlatforms).toContain('OpenMetadata');
      expect(om.testDefinition('tableRowCountToEqual')).toMatchObject({ entityType: 'TABLE', testPlatforms: ['OpenMetadata'] });
    });

    it('refuses what CreateTestDefinition refuses, and the other release’s owner shape', async () => {
      const refusal = (body: unknown) => refused('dataQuality/testDefinitions', body);
      const { description: _d, ...undescribed } = definition('dbt_bad');
      expect(await refusal(undescribed)).toBe('[description must not be null]');
      expect(await refusal({ name: 'dbt_bad', description: 'd' })).toBe('[entityType must not be null, testPlatforms must not be null]');
      expect(await refusal(definition('dbt_bad', { entityType: 'SCHEMA' }))).toMatch(/SCHEMA/);
      expect(await refusal(definition('dbt_bad', { testPlatforms: ['dbt'] }))).toMatch(/TestPlatform/);
      expect(await refusal(definition('dbt_bad', { parameterDefinition: [{ name: 'x', dataType: 'UUID' }] }))).toMatch(/UUID/);
      expect(await refusal(definition('dbt_bad', { supportedDataTypes: ['WHATEVER'] }))).toMatch(/WHATEVER/);
      // These describe the TestDefinition entity in 1.7; its create request has neither.
      expect(await refusal(definition('dbt_bad', { dataQualityDimension: 'Uniqueness' }))).toMatch(/Unrecognized field "dataQualityDimension"/);
      const otherShape: JsonObject = recent ? { owner: alice } : { owners: [alice] };
      expect(await refusal(definition('dbt_bad', otherShape))).toMatch(/Unrecognized field/);
      expect(om.testDefinition('dbt_bad')).toBeUndefined();
      const parameters = [{ name: 'values', dataType: 'ARRAY', required: true }];
      const withParameters = await api.put('dataQuality/testDefinitions', definition('dbt_accepted_values', { parameterDefinition: parameters }));
      expect(withParameters.status).toBe(201);
      expect(om.testDefinition('dbt_accepted_values')?.parameterDefinition).toEqual([{ ...parameters[0], optionValues: [] }]);
    });

    it('takes an owner (shown on request) and refuses an unknown one', async () => {
      const answer = await api.put('dataQuality/testDefinitions', definition('dbt_owned', owned(alice)));
      expect(answer.status).toBe(201);
      const withOwner = (await api.get(`dataQuality/testDefinitions/name/dbt_owned?fields=${ownerField}`)).body as JsonObject;
      expect(ownerOf(withOwner)).toMatchObject({ id: alice.id, name: 'alice' });
      const plain = (await api.get('dataQuality/testDefinitions/name/dbt_owned')).body as JsonObject;
      expect(ownerOf(plain)).toBeUndefined();
      const stranger = await api.put('dataQuality/testDefinitions', definition('dbt_stranger', owned({ id: MISSING_ID, type: 'user' })));
      expect(stranger).toMatchObject({ status: 404, body: { message: `user instance for ${MISSING_ID} not found` } });
      expect(om.testDefinition('dbt_stranger')).toBeUndefined();
    });
  });

  describe('test cases naming definitions and columns', () => {
    async function suiteFor(fqn: string): Promise<string> {
      const name = `${fqn}.testSuite`;
      const path = recent ? 'dataQuality/testSuites/basic' : 'dataQuality/testSuites/executable';
      const body = recent ? { name, basicEntityReference: fqn } : { name, executableEntityReference: fqn };
      expect((await api.put(path, body)).status).toBe(201);
      return name;
    }
    const testCase = (name: string, tableFqn: string, column: string, testDefinition: string, testSuite: string) => ({
      name,
      testDefinition,
      entityLink: `<#E::table::${tableFqn}::columns::${column}>`,
      testSuite,
    });

    it('accepts a definition created over the API and still 404s an unknown one', async () => {
      const table = await createTable('tc_definitions');
      const suite = await suiteFor(table.fqn);
      const early = await api.put('dataQuality/testCases', testCase('unique_id', table.fqn, 'id', 'dbt_unique_tc', suite));
      expect(early).toMatchObject({ status: 404, body: { message: 'testDefinition instance for dbt_unique_tc not found' } });
      expect((await api.put('dataQuality/testDefinitions', definition('dbt_unique_tc'))).status).toBe(201);
      const later = await api.put('dataQuality/testCases', testCase('unique_id', table.fqn, 'id', 'dbt_unique_tc', suite));
      expect(later.status).toBe(201);
      expect(om.testCase(`${table.fqn}.id.unique_id`)?.body).toMatchObject({ testDefinition: 'dbt_unique_tc' });
      const shipped = await api.put('dataQuality/testCases', testCase('not_null_id', table.fqn, 'id', 'columnValuesToBeNotNull', suite));
      expect(shipped.status).toBe(201);
    });

    it('creates a case whose entity link names a column the table lacks (neither 1.4 nor 1.7 checks it)', async () => {
      const table = await createTable('tc_ghost');
      const suite = await suiteFor(table.fqn);
      const answer = await api.put('dataQuality/testCases', testCase('ghost_not_null', table.fqn, 'ghost', 'columnValuesToBeNotNull', suite));
      expect(answer).toMatchObject({ status: 201, body: { fullyQualifiedName: `${table.fqn}.ghost.ghost_not_null` } });
      expect(om.testCase(`${table.fqn}.ghost.ghost_not_null`)).toBeDefined();
      const noTable = await api.put('dataQuality/testCases', testCase('t', `${schema}.no_table`, 'id', 'columnValuesToBeNotNull', suite));
      expect(noTable).toMatchObject({ status: 404, body: { message: `table instance for ${schema}.no_table not found` } });
    });
  });
});

describe.skipIf(!existsSync(specDir))("the double's DataModel against OpenMetadata 1.4's", () => {
  const bodies: Record<string, unknown> = {
    'a dbt model': model({ path: 'models/m.sql', upstream: ['a.b.c.d'], columns: [{ name: 'id', dataType: 'INT' }] }),
    'a DDL model': model({ modelType: 'DDL' }),
    'an owner and tags': model({ owner: { id: MISSING_ID, type: 'user' }, tags: [label('dbtTags.pii')] }),
    'no sql': { modelType: 'DBT' },
    'an unknown key': model({ materialized: 'view' }),
    'an unknown model type': model({ modelType: 'LookML' }),
    'a column without its data type': model({ columns: [{ name: 'id' }] }),
    'an owner without its type': model({ owner: { id: MISSING_ID } }),
    'owners (a recent release)': model({ owners: [{ id: MISSING_ID, type: 'user' }] }),
    'a bad generatedAt': model({ generatedAt: 'yesterday' }),
  };
  let upstream: ValidateFunction;
  beforeAll(() => {
    upstream = loadUpstream()('entity/data/table.json#/definitions/dataModel');
  });

  it.each(Object.entries(bodies))('agrees on %s', (_label, body) => {
    let accepted = true;
    try {
      validateRequest('dataModel', body, '1.4');
    } catch {
      accepted = false;
    }
    expect(accepted, JSON.stringify(upstream.errors ?? null)).toBe(upstream(structuredClone(body)));
  });
});
