// Bodies the OpenMetadata 1.4 server refuses are refused by the double too, with a 400 naming the field.
import { describe, expect, it } from 'vitest';
import type { OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { tableRequest } from '../support/openmetadata-double/seed.js';
import type { ApiClient } from '../support/openmetadata-double/test-client.js';
import { useSeededDouble } from './seeded-double.js';

type Body = Record<string, any>;

let om: OpenMetadataDouble;
let api: ApiClient;
useSeededDouble((d) => ({ om, api } = d));

const schema = 'svc.db.public';

async function refusedTable(request: Body): Promise<string> {
  const result = await api.put('tables', request);
  expect(result.status, JSON.stringify(result.body)).toBe(400);
  expect((result.body as Body).code).toBe(400);
  expect(om.entities('table')).toEqual([]);
  return (result.body as Body).message as string;
}

describe('schema checks', () => {
  it('refuses an unknown dataType enum value', async () => {
    const message = await refusedTable(tableRequest('t', schema, { columns: [{ name: 'id', dataType: 'INTEGER' }] }));
    expect(message).toContain('columns[0].dataType');
    expect(message).toContain('"INTEGER"');
  });

  it('refuses a missing required name, listing every violation', async () => {
    const request = tableRequest('t', schema);
    delete request.name;
    (request.columns as Body[]).push({ name: 'x' });
    expect(await refusedTable(request)).toBe('[name must not be null, columns[2].dataType must not be null]');
  });

  it('refuses an unknown property, at any depth', async () => {
    expect(await refusedTable(tableRequest('t', schema, { owners: [] }))).toContain('Unrecognized field "owners"');
    const nested = await refusedTable(tableRequest('t', schema, { columns: [{ name: 'id', dataType: 'INT', comment: 'x' }] }));
    expect(nested).toContain('Unrecognized field "comment" (class Column)');
    expect(nested).toContain('columns[0].comment');
  });

  it('refuses names with `::`, longer than 256 characters, or empty', async () => {
    expect(await refusedTable(tableRequest('a::b', schema))).toBe('[name must match "^((?!::).)*$"]');
    expect(await refusedTable(tableRequest('x'.repeat(257), schema))).toBe('[name size must be between 1 and 256]');
    expect(await refusedTable(tableRequest('', schema))).toContain('name size must be between 1 and 256');
    expect(await refusedTable(tableRequest('a"b', schema))).toBe('Invalid name a"b');
  });

  it('refuses wrong types and enum values elsewhere', async () => {
    expect(await refusedTable(tableRequest('t', schema, { tableType: 'Table' }))).toContain('tableType');
    expect(await refusedTable(tableRequest('t', schema, { tableConstraints: [{ constraintType: 'CHECK', columns: ['id'] }] }))).toContain(
      'tableConstraints[0].constraintType',
    );
    expect(await refusedTable(tableRequest('t', schema, { columns: [{ name: 'n', dataType: 'VARCHAR', dataLength: '20' }] }))).toContain(
      'columns[0].dataLength',
    );
    const badLabel = { tagFQN: 'A.b', source: 'Classification', labelType: 'Manual' };
    expect(await refusedTable(tableRequest('t', schema, { tags: [badLabel] }))).toBe('[tags[0].state must not be null]');
    expect(await refusedTable(tableRequest('t', schema, { owner: { type: 'user' } }))).toBe('[owner.id must not be null]');
    expect(await refusedTable(tableRequest('t', schema, { owner: { id: 'nope', type: 'user' } }))).toContain('owner.id');
    expect(await refusedTable(tableRequest('t', schema, { sourceHash: 'x'.repeat(33) }))).toBe('[sourceHash size must be between 1 and 32]');
  });

  it('checks the other create requests against their schemas', async () => {
    const service = await api.put('services/databaseServices', { name: 'x', serviceType: 'postgres' });
    expect(service.status).toBe(400);
    expect((service.body as Body).message).toContain('serviceType');
    expect((await api.put('databases', { name: 'x' })).body).toEqual({ code: 400, message: '[service must not be null]' });
    expect((await api.put('classifications', { name: 'C' })).body).toEqual({ code: 400, message: '[description must not be null]' });
    const procedure = await api.put('storedProcedures', { name: 'p', databaseSchema: schema, storedProcedureCode: { language: 'PLpgSQL' } });
    expect((procedure.body as Body).message).toContain('storedProcedureCode.language');
  });
});

describe('checks the server makes in code', () => {
  it('needs dataLength for CHAR, VARCHAR, BINARY and VARBINARY', async () => {
    for (const dataType of ['CHAR', 'VARCHAR', 'BINARY', 'VARBINARY']) {
      const message = await refusedTable(tableRequest('t', schema, { columns: [{ name: 'c', dataType }] }));
      expect(message).toContain('dataLength must not be null');
    }
    expect((await api.put('tables', tableRequest('t', schema, { columns: [{ name: 'c', dataType: 'TEXT' }] }))).status).toBe(201);
  });

  it('needs unique column names, arrayDataType for arrays, children for structs, precision with scale', async () => {
    const dup = [
      { name: 'a', dataType: 'INT' },
      { name: 'a', dataType: 'TEXT' },
    ];
    expect(await refusedTable(tableRequest('t', schema, { columns: dup }))).toBe('Column name a is repeated');
    expect(await refusedTable(tableRequest('t', schema, { columns: [{ name: 'a', dataType: 'ARRAY' }] }))).toContain('arrayDataType');
    expect(await refusedTable(tableRequest('t', schema, { columns: [{ name: 's', dataType: 'STRUCT' }] }))).toContain('children');
    expect(await refusedTable(tableRequest('t', schema, { columns: [{ name: 'n', dataType: 'NUMERIC', scale: 2 }] }))).toContain(
      'precision is not set',
    );
    expect(await refusedTable(tableRequest('t', schema, { columns: [{ name: 'n', dataType: 'NUMERIC', precision: 2, scale: 4 }] }))).toContain(
      "Scale can't be greater",
    );
  });

  it('needs constraint and partition columns to exist, and one primary key', async () => {
    expect(await refusedTable(tableRequest('t', schema, { tableConstraints: [{ constraintType: 'UNIQUE', columns: ['nope'] }] }))).toContain(
      'Invalid column name found in table constraint',
    );
    expect(await refusedTable(tableRequest('t', schema, { tableConstraints: [{ constraintType: 'PRIMARY_KEY', columns: ['id'] }] }))).toBe(
      'A column already tagged as a primary key and table constraint also includes primary key',
    );
    const twoKeys = [
      { name: 'a', dataType: 'INT', constraint: 'PRIMARY_KEY' },
      { name: 'b', dataType: 'INT', constraint: 'PRIMARY_KEY' },
    ];
    expect(await refusedTable(tableRequest('t', schema, { columns: twoKeys }))).toBe('Multiple columns tagged with primary key constraints');
    const partition = { columns: [{ columnName: 'day', intervalType: 'TIME-UNIT' }] };
    expect(await refusedTable(tableRequest('t', schema, { tablePartition: partition }))).toContain('table partition');
  });

  it('lower-cases dataTypeDisplay and drops arrayDataType on non-arrays, as the server stores them', async () => {
    const columns = [
      { name: 'a', dataType: 'INT', arrayDataType: 'INT' },
      { name: 'b', dataType: 'ARRAY', arrayDataType: 'INT', dataTypeDisplay: 'INTEGER[]' },
    ];
    const created = (await api.put('tables', tableRequest('t', schema, { columns }))).body as Body;
    expect(created.columns).toMatchObject([
      { name: 'a', dataTypeDisplay: 'int' },
      { name: 'b', dataTypeDisplay: 'integer[]', arrayDataType: 'INT' },
    ]);
    expect(created.columns[0].arrayDataType).toBeUndefined();
  });

  it('answers 404 for a domain or data product that does not exist', async () => {
    expect((await api.put('tables', tableRequest('t', schema, { domain: 'Sales' }))).body).toEqual({
      code: 404,
      message: 'domain instance for Sales not found',
    });
  });
});

describe('transport', () => {
  it('refuses invalid JSON, a missing body and a non-JSON content type', async () => {
    const url = `${om.baseUrl}/v1/tables`;
    const invalid = await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"name":' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ code: 400, message: 'Unable to process JSON' });
    const empty = await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' } });
    expect(empty.status).toBe(400);
    const text = await fetch(url, { method: 'PUT', body: JSON.stringify(tableRequest('t', schema)) });
    expect(text.status).toBe(415);
  });

  it('answers 404 for unknown paths and 405 for unsupported verbs', async () => {
    expect((await api.get('nothing/here')).body).toEqual({ code: 404, message: 'HTTP 404 Not Found' });
    expect((await api.delete('tables')).status).toBe(405);
    expect((await api.put('users', { name: 'x' })).status).toBe(405);
  });
});
