// mapColumnType: pg_type rows and typmods to OpenMetadata's dataType, arrayDataType, dataLength, precision and scale.
import { describe, expect, it } from 'vitest';
import type { PgType } from '../../src/postgres/pg-type.js';
import { mapColumnType } from '../../src/postgres/type-map.js';

let nextOid = 100_000;
function type(name: string, extra: Partial<PgType> = {}): PgType {
  return { oid: nextOid++, name, schema: 'pg_catalog', kind: 'b', category: 'U', element: 0, baseType: 0, baseTypmod: -1, attributes: [], ...extra };
}

const int4 = type('int4', { category: 'N' });
const varchar = type('varchar', { category: 'S' });
const numeric = type('numeric', { category: 'N' });
const timestamptz = type('timestamptz', { category: 'D' });
const bit = type('bit', { category: 'V' });
const jsonb = type('jsonb');
const varcharArray = type('_varchar', { category: 'A', element: varchar.oid });
const mood = type('mood', { schema: 'public', kind: 'e', category: 'E' });
const address = type('address', { schema: 'public', kind: 'c', category: 'C' });
const email = type('email', { schema: 'public', kind: 'd', category: 'S', baseType: varchar.oid, baseTypmod: 4 + 320 });
const workEmail = type('work_email', { schema: 'public', kind: 'd', category: 'S', baseType: email.oid, baseTypmod: -1 });
const citext = type('citext', { schema: 'ext', category: 'S' });
const custom = type('my_numberish', { schema: 'public', category: 'N' });
const odd = type('weird', { schema: 'public', category: 'X' });
const types = new Map(
  [int4, varchar, numeric, timestamptz, bit, jsonb, varcharArray, mood, address, email, workEmail, citext, custom, odd].map((t) => [t.oid, t]),
);

describe('mapColumnType', () => {
  it('maps built-in types by name', () => {
    expect(mapColumnType(int4.oid, -1, types)).toEqual({ dataType: 'INT' });
    expect(mapColumnType(timestamptz.oid, -1, types)).toEqual({ dataType: 'TIMESTAMPZ' });
    expect(mapColumnType(jsonb.oid, -1, types)).toEqual({ dataType: 'JSON' });
  });

  it('gives varchar its declared length, and 1 when unbounded', () => {
    expect(mapColumnType(varchar.oid, 4 + 80, types)).toEqual({ dataType: 'VARCHAR', dataLength: 80 });
    expect(mapColumnType(varchar.oid, -1, types)).toEqual({ dataType: 'VARCHAR', dataLength: 1 });
    expect(mapColumnType(bit.oid, 8, types)).toEqual({ dataType: 'BINARY', dataLength: 8 });
  });

  it('decodes numeric precision and scale, including a negative scale', () => {
    expect(mapColumnType(numeric.oid, ((10 << 16) | 2) + 4, types)).toEqual({ dataType: 'NUMERIC', precision: 10, scale: 2 });
    expect(mapColumnType(numeric.oid, ((5 << 16) | (-2 & 0x7ff)) + 4, types)).toEqual({ dataType: 'NUMERIC', precision: 5, scale: -2 });
    expect(mapColumnType(numeric.oid, -1, types)).toEqual({ dataType: 'NUMERIC' });
  });

  it('maps arrays to ARRAY with the element type', () => {
    expect(mapColumnType(varcharArray.oid, 4 + 20, types)).toEqual({ dataType: 'ARRAY', arrayDataType: 'VARCHAR', dataLength: 20 });
  });

  it('maps enums and composites', () => {
    expect(mapColumnType(mood.oid, -1, types).dataType).toBe('ENUM');
    expect(mapColumnType(address.oid, -1, types).dataType).toBe('STRUCT');
  });

  it('follows domains over domains to the base type and its length', () => {
    expect(mapColumnType(email.oid, -1, types)).toEqual({ dataType: 'VARCHAR', dataLength: 320 });
    expect(mapColumnType(workEmail.oid, -1, types)).toEqual({ dataType: 'VARCHAR', dataLength: 320 });
  });

  it('knows extension types by name and falls back by category', () => {
    expect(mapColumnType(citext.oid, -1, types).dataType).toBe('TEXT');
    expect(mapColumnType(custom.oid, -1, types).dataType).toBe('NUMBER');
    expect(mapColumnType(odd.oid, -1, types).dataType).toBe('UNKNOWN');
    expect(mapColumnType(999_999_999, -1, types).dataType).toBe('UNKNOWN');
  });
});
