// A database's owner may plant functions, operators and casts in public that are a closer match than pg_catalog's
// (CVE-2018-1058) and point the database's search_path at them. The worker's sessions resolve names in pg_catalog
// alone, so none of them runs, even when the worker connects as a superuser.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSTRAINTS_SQL } from '../../src/postgres/catalog-queries.js';
import { sqlIdent } from '../support/fixture-db.js';
import { adminUrl, createTestDatabase, execSql, withClient, type TestDatabase } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

const tenant = `tenant_${randomBytes(4).toString('hex')}`;
let db: TestDatabase;
let run: MetadataRun;

/** A function body that makes any call of it visible: the statement that called it fails with its name. */
const caught = (name: string) => `LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hijacked: ${name}'; END $$`;

const planted = [
  `CREATE FUNCTION public.unnest(smallint[]) RETURNS SETOF smallint ${caught('unnest')}`,
  `CREATE FUNCTION public.format_type(oid, integer) RETURNS text ${caught('format_type')}`,
  `CREATE FUNCTION public.array_position(anyarray, anyelement) RETURNS integer ${caught('array_position')}`,
  `CREATE FUNCTION public.oid_eq(oid, oid) RETURNS boolean ${caught('operator =')}`,
  'CREATE OPERATOR public.= (LEFTARG = oid, RIGHTARG = oid, FUNCTION = public.oid_eq)',
  `CREATE FUNCTION public.name_like(name, text) RETURNS boolean ${caught('operator ~~')}`,
  'CREATE OPERATOR public.~~ (LEFTARG = name, RIGHTARG = text, FUNCTION = public.name_like)',
  // Function-style casts: int8(oid) and text("char") would stand in for `::int8` and `::text` if resolved by name.
  `CREATE FUNCTION public.int8(oid) RETURNS bigint ${caught('cast int8(oid)')}`,
  `CREATE FUNCTION public.text("char") RETURNS text ${caught('cast text("char")')}`,
  `CREATE FUNCTION public.json_agg(anyelement) RETURNS json ${caught('json_agg')}`,
  // A cast from text to the tenant's own type, which a careless `'...'::mood` would call.
  `CREATE FUNCTION public.to_mood(text) RETURNS public.mood ${caught('cast to mood')}`,
  'CREATE CAST (text AS public.mood) WITH FUNCTION public.to_mood(text)',
];

beforeAll(async () => {
  db = await createTestDatabase('hijack');
  await execSql(adminUrl(), [`CREATE ROLE ${sqlIdent(tenant)}`, `ALTER DATABASE ${sqlIdent(db.name)} OWNER TO ${sqlIdent(tenant)}`]);
  await execSql(db.url, [
    `ALTER SCHEMA public OWNER TO ${sqlIdent(tenant)}`,
    `SET ROLE ${sqlIdent(tenant)}`,
    "CREATE TYPE public.mood AS ENUM ('happy', 'sad')",
    'CREATE TABLE public.customers (id integer PRIMARY KEY, mood public.mood, moods public.mood[])',
    'CREATE TABLE public.orders (id integer, line integer, customer_id integer REFERENCES public.customers (id), PRIMARY KEY (id, line))',
    'CREATE VIEW public.happy AS SELECT id FROM public.customers',
    ...planted,
    // What the tenant's planted objects need to win even against exact matches in pg_catalog.
    `ALTER DATABASE ${sqlIdent(db.name)} SET search_path = public, pg_catalog`,
    `ALTER ROLE ${sqlIdent(tenant)} SET search_path = public, pg_catalog`,
  ]);
  run = await runMetadata({ url: db.url });
});

afterAll(async () => {
  await db?.drop();
  await execSql(adminUrl(), `DROP ROLE IF EXISTS ${sqlIdent(tenant)}`);
});

describe('a database whose owner plants functions, operators and casts in public', () => {
  it('would hijack a session on its default search_path (the trap is armed)', async () => {
    const oids = await withClient(db.url, async (c) => {
      const r = await c.query<{ oid: string }>("select 'public.orders'::pg_catalog.regclass::oid::text as oid");
      return [r.rows[0].oid];
    });
    const error = await withClient(db.url, (c) =>
      c.query(CONSTRAINTS_SQL, [oids]).then(
        () => undefined,
        (e: Error) => e,
      ),
    );
    expect(error?.message).toMatch(/^hijacked: /);
  });

  it('runs none of them: the run succeeds with nothing failed or warned', () => {
    expect(run.result.exitCode).toBe(0);
    const source = run.step('Postgres');
    expect(JSON.stringify(source.failures)).not.toMatch(/hijacked/);
    expect(source.failures).toEqual([]);
    expect(source.warningMessages).toEqual([]);
    expect([...run.tables.keys()].sort()).toEqual(['public.customers', 'public.happy', 'public.orders']);
  });

  it('still reads every constraint, type and definition', () => {
    const customers = run.tables.get('public.customers') as Record<string, any>;
    expect(customers.columns.map((c: any) => [c.name, c.constraint, c.dataType, c.dataTypeDisplay])).toEqual([
      ['id', 'PRIMARY_KEY', 'INT', 'integer'],
      ['mood', 'NULL', 'ENUM', 'mood'],
      ['moods', 'NULL', 'ARRAY', 'mood[]'],
    ]);
    const orders = run.tables.get('public.orders') as Record<string, any>;
    expect(orders.tableConstraints.map((c: any) => c.constraintType).sort()).toEqual(['FOREIGN_KEY', 'PRIMARY_KEY']);
    expect(run.tables.get('public.happy')?.schemaDefinition).toMatch(/FROM public\.customers/);
  });
});
