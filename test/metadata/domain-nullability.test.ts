// A column whose domain is declared NOT NULL holds no nulls: OpenMetadata says NOT_NULL for it, and so do we, also
// through a domain built on such a domain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

let db: TestDatabase;
let run: MetadataRun;

beforeAll(async () => {
  db = await createTestDatabase('domain_nullability');
  await execSql(db.url, [
    'CREATE DOMAIN public.required_code AS varchar(8) NOT NULL',
    'CREATE DOMAIN public.upper_code AS public.required_code CHECK (VALUE = upper(VALUE))',
    'CREATE DOMAIN public.optional_code AS varchar(8)',
    'CREATE TABLE public.codes (a public.required_code, b public.upper_code, c public.optional_code, d varchar(8) NOT NULL, e varchar(8))',
  ]);
  run = await runMetadata({ url: db.url });
});

afterAll(async () => {
  await db?.drop();
});

describe('nullability from a domain', () => {
  it('NOT_NULL for a NOT NULL domain and a domain over it; NULL otherwise', () => {
    const columns = run.tables.get('public.codes')?.columns as Array<{ name: string; constraint: string; dataTypeDisplay: string }>;
    expect(columns.map((c) => [c.name, c.constraint, c.dataTypeDisplay])).toEqual([
      ['a', 'NOT_NULL', 'required_code'],
      ['b', 'NOT_NULL', 'upper_code'],
      ['c', 'NULL', 'optional_code'],
      ['d', 'NOT_NULL', 'character varying(8)'],
      ['e', 'NULL', 'character varying(8)'],
    ]);
  });
});
