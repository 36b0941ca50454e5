// Postgres column types → OpenMetadata column fields, on Postgres 11 and 18. The table below is the spec (it follows
// src/postgres/type-map.ts); dataTypeDisplay must be exactly what format_type prints on that server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { urlFor } from '../support/fixture-db.js';
import { specEnum } from '../support/om-spec.js';
import { execSql, startMajor, withClient } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

interface TypeSpec {
  /** The type as written in CREATE TABLE. */
  sql: string;
  dataType: string;
  arrayDataType?: string;
  dataLength?: number;
  precision?: number;
  scale?: number;
  /** A STRUCT's fields, as child columns (OpenMetadata refuses a STRUCT without them). */
  children?: object[];
  /** Only on servers of at least this major. */
  minMajor?: number;
}

const ADDRESS_FIELDS = [
  { name: 'street', dataType: 'TEXT', dataTypeDisplay: 'text' },
  { name: 'zip', dataType: 'VARCHAR', dataTypeDisplay: 'character varying(10)', dataLength: 10 },
];

const SPEC: TypeSpec[] = [
  // numbers
  { sql: 'smallint', dataType: 'SMALLINT' },
  { sql: 'integer', dataType: 'INT' },
  { sql: 'bigint', dataType: 'BIGINT' },
  { sql: 'smallserial', dataType: 'SMALLINT' },
  { sql: 'serial', dataType: 'INT' },
  { sql: 'bigserial', dataType: 'BIGINT' },
  { sql: 'numeric', dataType: 'NUMERIC' },
  { sql: 'numeric(12,3)', dataType: 'NUMERIC', precision: 12, scale: 3 },
  { sql: 'numeric(7)', dataType: 'NUMERIC', precision: 7, scale: 0 },
  { sql: 'decimal(38,10)', dataType: 'NUMERIC', precision: 38, scale: 10 },
  { sql: 'numeric(5,-2)', dataType: 'NUMERIC', precision: 5, scale: -2, minMajor: 15 },
  { sql: 'real', dataType: 'FLOAT' },
  { sql: 'float(53)', dataType: 'DOUBLE' },
  { sql: 'double precision', dataType: 'DOUBLE' },
  { sql: 'money', dataType: 'NUMBER' },
  { sql: 'oid', dataType: 'NUMBER' },
  { sql: 'regclass', dataType: 'NUMBER' },
  { sql: 'regtype', dataType: 'NUMBER' },
  // characters
  { sql: 'varchar(50)', dataType: 'VARCHAR', dataLength: 50 },
  { sql: 'varchar', dataType: 'VARCHAR', dataLength: 1 },
  { sql: 'char(10)', dataType: 'CHAR', dataLength: 10 },
  { sql: 'char', dataType: 'CHAR', dataLength: 1 },
  { sql: 'bpchar', dataType: 'CHAR', dataLength: 1 },
  { sql: '"char"', dataType: 'STRING' },
  { sql: 'name', dataType: 'STRING' },
  { sql: 'xid', dataType: 'STRING' },
  { sql: 'xid8', dataType: 'STRING', minMajor: 13 },
  { sql: 'jsonpath', dataType: 'STRING', minMajor: 12 },
  { sql: 'text', dataType: 'TEXT' },
  // binary, boolean, bits
  { sql: 'bytea', dataType: 'BYTEA' },
  { sql: 'boolean', dataType: 'BOOLEAN' },
  { sql: 'bit(8)', dataType: 'BINARY', dataLength: 8 },
  { sql: 'bit', dataType: 'BINARY', dataLength: 1 },
  { sql: 'bit varying(16)', dataType: 'VARBINARY', dataLength: 16 },
  { sql: 'bit varying', dataType: 'VARBINARY', dataLength: 1 },
  // date and time
  { sql: 'date', dataType: 'DATE' },
  { sql: 'time', dataType: 'TIME' },
  { sql: 'time(3) with time zone', dataType: 'TIME' },
  { sql: 'timestamp', dataType: 'TIMESTAMP' },
  { sql: 'timestamp(0)', dataType: 'TIMESTAMP' },
  { sql: 'timestamptz', dataType: 'TIMESTAMPZ' },
  { sql: 'interval', dataType: 'INTERVAL' },
  { sql: 'interval year to month', dataType: 'INTERVAL' },
  // structured and network
  { sql: 'uuid', dataType: 'UUID' },
  { sql: 'json', dataType: 'JSON' },
  { sql: 'jsonb', dataType: 'JSON' },
  { sql: 'xml', dataType: 'XML' },
  { sql: 'inet', dataType: 'INET' },
  { sql: 'cidr', dataType: 'CIDR' },
  { sql: 'macaddr', dataType: 'MACADDR' },
  { sql: 'macaddr8', dataType: 'MACADDR' },
  { sql: 'tsvector', dataType: 'TSVECTOR' },
  { sql: 'tsquery', dataType: 'TSQUERY' },
  // geometry
  { sql: 'point', dataType: 'POINT' },
  { sql: 'polygon', dataType: 'POLYGON' },
  { sql: 'line', dataType: 'GEOMETRY' },
  { sql: 'lseg', dataType: 'GEOMETRY' },
  { sql: 'box', dataType: 'GEOMETRY' },
  { sql: 'path', dataType: 'GEOMETRY' },
  { sql: 'circle', dataType: 'GEOMETRY' },
  // ranges
  { sql: 'tsrange', dataType: 'DATETIMERANGE' },
  { sql: 'tstzrange', dataType: 'DATETIMERANGE' },
  { sql: 'daterange', dataType: 'DATETIMERANGE' },
  { sql: 'int4range', dataType: 'UNKNOWN' },
  { sql: 'int8range', dataType: 'UNKNOWN' },
  { sql: 'numrange', dataType: 'UNKNOWN' },
  { sql: 'int4multirange', dataType: 'UNKNOWN', minMajor: 14 },
  // system
  { sql: 'pg_lsn', dataType: 'PG_LSN' },
  { sql: 'txid_snapshot', dataType: 'TXID_SNAPSHOT' },
  { sql: 'pg_snapshot', dataType: 'PG_SNAPSHOT', minMajor: 13 },
  { sql: 'tid', dataType: 'UNKNOWN' },
  // arrays: the element's type and its length facts
  { sql: 'integer[]', dataType: 'ARRAY', arrayDataType: 'INT' },
  { sql: 'text[][]', dataType: 'ARRAY', arrayDataType: 'TEXT' },
  { sql: 'varchar(20)[]', dataType: 'ARRAY', arrayDataType: 'VARCHAR', dataLength: 20 },
  { sql: 'varchar[]', dataType: 'ARRAY', arrayDataType: 'VARCHAR', dataLength: 1 },
  { sql: 'char(2)[]', dataType: 'ARRAY', arrayDataType: 'CHAR', dataLength: 2 },
  { sql: 'bit(4)[]', dataType: 'ARRAY', arrayDataType: 'BINARY', dataLength: 4 },
  { sql: 'numeric(8,2)[]', dataType: 'ARRAY', arrayDataType: 'NUMERIC', precision: 8, scale: 2 },
  { sql: 'timestamptz[]', dataType: 'ARRAY', arrayDataType: 'TIMESTAMPZ' },
  { sql: 'jsonb[]', dataType: 'ARRAY', arrayDataType: 'JSON' },
  { sql: 'uuid[]', dataType: 'ARRAY', arrayDataType: 'UUID' },
  // user-defined: enum, composite, domains (over domains, arrays, numerics)
  { sql: 'types.mood', dataType: 'ENUM' },
  { sql: 'types.mood[]', dataType: 'ARRAY', arrayDataType: 'ENUM' },
  { sql: 'types.address', dataType: 'STRUCT', children: ADDRESS_FIELDS },
  {
    sql: 'types.located',
    dataType: 'STRUCT',
    children: [
      { name: 'label', dataType: 'ENUM', dataTypeDisplay: 'types.mood' },
      { name: 'at', dataType: 'STRUCT', dataTypeDisplay: 'types.address', children: ADDRESS_FIELDS },
      { name: 'tags', dataType: 'ARRAY', dataTypeDisplay: 'text[]', arrayDataType: 'TEXT' },
    ],
  },
  { sql: 'types.address[]', dataType: 'ARRAY', arrayDataType: 'STRUCT' },
  { sql: 'types.code', dataType: 'VARCHAR', dataLength: 5 },
  { sql: 'types.eu_code', dataType: 'VARCHAR', dataLength: 5 },
  { sql: 'types.code[]', dataType: 'ARRAY', arrayDataType: 'VARCHAR', dataLength: 5 },
  { sql: 'types.amount', dataType: 'NUMERIC', precision: 10, scale: 2 },
  { sql: 'types.int_list', dataType: 'ARRAY', arrayDataType: 'INT' },
  { sql: 'types.moment', dataType: 'TIMESTAMPZ' },
  // extensions
  { sql: 'types.hstore', dataType: 'MAP' },
  { sql: 'types.hstore[]', dataType: 'ARRAY', arrayDataType: 'MAP' },
  { sql: 'types.citext', dataType: 'TEXT' },
  { sql: 'types.ltree', dataType: 'UNKNOWN' },
  { sql: 'types.cube', dataType: 'UNKNOWN' },
];

const SETUP = [
  'CREATE SCHEMA types',
  'CREATE EXTENSION hstore SCHEMA types',
  'CREATE EXTENSION citext SCHEMA types',
  'CREATE EXTENSION ltree SCHEMA types',
  'CREATE EXTENSION cube SCHEMA types',
  "CREATE TYPE types.mood AS ENUM ('sad', 'ok', 'happy')",
  'CREATE TYPE types.address AS (street text, zip varchar(10))',
  'CREATE TYPE types.located AS (label types.mood, at types.address, tags text[])',
  "CREATE DOMAIN types.code AS varchar(5) CHECK (VALUE ~ '^[A-Z]+$')",
  "CREATE DOMAIN types.eu_code AS types.code CHECK (VALUE <> 'US')",
  'CREATE DOMAIN types.amount AS numeric(10,2)',
  'CREATE DOMAIN types.int_list AS integer[]',
  'CREATE DOMAIN types.moment AS timestamptz',
];

const column = (i: number) => `c${String(i).padStart(3, '0')}`;
const specFor = (major: number) => SPEC.filter((s) => s.minMajor === undefined || major >= s.minMajor);

interface Server {
  pg: EmbeddedPostgres;
  run: MetadataRun;
  display: Map<string, string>;
}

async function prepare(binaryPackage: 'pg11' | 'pg18'): Promise<Server> {
  const pg = await startMajor(binaryPackage);
  try {
    await execSql(pg.url, 'CREATE DATABASE typedb');
    const url = urlFor(pg.url, { database: 'typedb' });
    const spec = specFor(pg.major);
    await execSql(url, [...SETUP, `CREATE TABLE public.every_type (${spec.map((s, i) => `${column(i)} ${s.sql}`).join(', ')})`]);
    const display = await withClient(url, async (c) => {
      const r = await c.query(
        `select attname, format_type(atttypid, atttypmod) as display from pg_attribute where attrelid = 'public.every_type'::regclass and attnum > 0`,
      );
      return new Map<string, string>(r.rows.map((row) => [row.attname, row.display]));
    });
    const run = await runMetadata({ url, sourceConfig: { schemaFilterPattern: { includes: ['^public$'] } } });
    return { pg, run, display };
  } catch (error) {
    await pg.stop();
    throw error;
  }
}

const servers: Partial<Record<'pg11' | 'pg18', Server>> = {};

beforeAll(async () => {
  const [pg11, pg18] = await Promise.allSettled([prepare('pg11'), prepare('pg18')]);
  if (pg11.status === 'fulfilled') servers.pg11 = pg11.value;
  if (pg18.status === 'fulfilled') servers.pg18 = pg18.value;
  for (const result of [pg11, pg18]) if (result.status === 'rejected') throw result.reason;
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s?.pg.stop()));
});

describe.each(['pg11', 'pg18'] as const)('type mapping on %s', (name) => {
  const server = (): Server => servers[name] as Server;

  it('runs on the expected major', () => {
    expect(server().pg.major).toBe(name === 'pg11' ? 11 : 18);
    expect(server().run.result.exitCode).toBe(0);
    expect(server().run.step('Postgres').failures).toEqual([]);
  });

  it('maps every type as the spec says, with no other length facts', () => {
    const spec = specFor(server().pg.major);
    const columns = server().run.tables.get('public.every_type')?.columns as Array<Record<string, any>>;
    expect(columns.map((c) => c.name)).toEqual(spec.map((_, i) => column(i)));
    const mismatches: string[] = [];
    spec.forEach((s, i) => {
      const { name: _n, dataTypeDisplay: _d, constraint: _c, ordinalPosition: _o, ...facts } = columns[i];
      const { sql: _s, minMajor: _m, ...expected } = s;
      if (JSON.stringify(facts) !== JSON.stringify({ ...facts, ...expected }) || Object.keys(facts).length !== Object.keys(expected).length) {
        mismatches.push(`${s.sql}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(facts)}`);
      }
    });
    expect(mismatches).toEqual([]);
  });

  it('sends format_type of the server as dataTypeDisplay', () => {
    const columns = server().run.tables.get('public.every_type')?.columns as Array<Record<string, any>>;
    for (const col of columns) expect(col.dataTypeDisplay, col.name).toBe(server().display.get(col.name));
  });

  it("uses only values of OpenMetadata's dataType enum", () => {
    const allowed = new Set(specEnum('dataType'));
    for (const col of server().run.tables.get('public.every_type')?.columns ?? []) {
      expect(allowed.has(col.dataType), col.dataType).toBe(true);
      if (col.arrayDataType) expect(allowed.has(col.arrayDataType), col.arrayDataType).toBe(true);
    }
  });
});

it('maps each type the same way on 11 and 18', () => {
  const pg11 = servers.pg11 as Server;
  const pg18 = servers.pg18 as Server;
  for (const [i, s] of specFor(11).entries()) {
    const at18 = specFor(18).indexOf(s);
    const col11 = (pg11.run.tables.get('public.every_type')?.columns as any[])[i];
    const col18 = (pg18.run.tables.get('public.every_type')?.columns as any[])[at18];
    expect([col18.dataType, col18.arrayDataType], s.sql).toEqual([col11.dataType, col11.arrayDataType]);
  }
});
