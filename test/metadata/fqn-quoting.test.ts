// Odd names: dots (quoted in FQNs), double quotes, `::` and `>` (replaced by OpenMetadata's reserved words), mixed
// case, spaces, reserved words and unicode, from the database name down to FK targets and tags.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFixtureExpectations as fx, catalogFixtureSql } from '../support/catalog-fixture.js';
import { encodeName, serverMajor, sqlIdent, urlFor } from '../support/fixture-db.js';
import { adminUrl, execSql } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

/** A database whose own name has a dot, a space and mixed case. */
const DB = `Odd.DB ${randomBytes(3).toString('hex')}`;
const Q_DB = `"${DB}"`;
const ODD = 'Odd.Schema';

const EXTRAS = [
  `CREATE TABLE "Odd.Schema"."a::b>c" ("x::y" integer PRIMARY KEY, "p>q" text, "u.k" integer UNIQUE)`,
  `CREATE TABLE "Odd.Schema"."ref.er" (
     id integer PRIMARY KEY,
     to_x integer REFERENCES "Odd.Schema"."a::b>c" ("x::y"),
     to_u integer REFERENCES "Odd.Schema"."a::b>c" ("u.k"))`,
  `CREATE SCHEMA "quo""ted"`,
  `CREATE TABLE public.plain (id integer)`,
];

let run: MetadataRun;
let url: string;

beforeAll(async () => {
  await execSql(adminUrl(), `CREATE DATABASE ${sqlIdent(DB)}`);
  url = urlFor(adminUrl(), { database: DB });
  await execSql(url, [...catalogFixtureSql({ major: await serverMajor(url) }), ...EXTRAS]);
  run = await runMetadata({ url });
});

afterAll(async () => {
  await execSql(adminUrl(), [
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${DB}' AND pid <> pg_backend_pid()`,
    `DROP DATABASE IF EXISTS ${sqlIdent(DB)}`,
  ]);
});

const odd = (name: string) => run.tables.get(`${ODD}.${name}`) as Record<string, any>;

describe('FQN quoting and reserved names', () => {
  it('quotes a database name holding a dot in every FQN that contains it', () => {
    expect(run.of('createDatabase')).toEqual([{ name: DB, service: 'svc' }]);
    expect(run.of('createDatabaseSchema').find((s) => s.name === 'sales')?.database).toBe(`svc.${Q_DB}`);
    expect(run.tables.get('sales.orders')?.databaseSchema).toBe(`svc.${Q_DB}.sales`);
  });

  it('quotes a schema name holding a dot, and keeps the name itself unquoted', () => {
    expect(run.of('createDatabaseSchema').find((s) => s.name === ODD)).toEqual({
      name: ODD,
      database: `svc.${Q_DB}`,
      description: expect.any(String),
    });
    for (const name of ['my.table', 'Mixed Case', 'select', 'ünïcödé_表', 'with space', 'Mixed Case View']) {
      expect(odd(name)?.databaseSchema, name).toBe(`svc.${Q_DB}."Odd.Schema"`);
    }
  });

  it("reports a schema whose name has a double quote as a failure (OpenMetadata's FQN cannot hold one) and goes on", () => {
    const failures = run.step('Postgres').failures;
    expect(failures).toHaveLength(1);
    expect(failures[0].name).toContain('quo"ted');
    expect(failures[0].error).toMatch(/double quote/);
    expect(run.tables.get('public.plain')).toBeDefined();
  });

  it('stores `"`, `::` and `>` in table and column names as OpenMetadata\'s reserved words', () => {
    expect(odd('quo__reserved__quote__te')?.columns.map((c: any) => c.name)).toEqual(['id', 'say __reserved__quote__hi__reserved__quote__']);
    const arrows = odd('a__reserved__colon__b__reserved__arrow__c');
    expect(arrows?.name).toBe('a__reserved__colon__b__reserved__arrow__c');
    expect(arrows.columns.map((c: any) => c.name)).toEqual(['x__reserved__colon__y', 'p__reserved__arrow__q', 'u.k']);
    expect(arrows.columns.find((c: any) => c.name === 'x__reserved__colon__y').constraint).toBe('PRIMARY_KEY');
    for (const table of run.tables.values()) {
      expect(table.name).not.toMatch(/"|::|>/);
      for (const col of table.columns) expect(col.name).not.toMatch(/"|::|>/);
    }
  });

  it('keeps dots, spaces, case, reserved words and unicode in names as they are', () => {
    expect(odd('my.table')?.columns.map((c: any) => c.name)).toEqual(['id', 'Display.Name', 'tracking_url']);
    expect(odd('Mixed Case')?.columns.map((c: any) => c.name)).toEqual(['Id', 'CustomerRef', 'UPPER_NOTE']);
    expect(odd('select')?.columns.map((c: any) => c.name)).toEqual(['order', 'from', 'user']);
    expect(odd('ünïcödé_表')?.columns.map((c: any) => c.name)).toEqual(['id', '名前', 'größe_cm']);
    expect(odd('with space')?.columns.map((c: any) => c.name)).toEqual(['id', 'first name', 'last name', 'quo__reserved__quote__te.id']);
    expect(odd('Mixed Case View')?.tableType).toBe('View');
    for (const name of fx.oddNames.tables) expect(run.tables.has(`${ODD}.${encodeName(name)}`), name).toBe(true);
  });

  it('quotes every FK target part holding a dot, after replacing reserved characters', () => {
    const base = `svc.${Q_DB}."Odd.Schema"`;
    expect(run.tables.get('sales.shipments')?.tableConstraints).toContainEqual({
      constraintType: 'FOREIGN_KEY',
      columns: ['carrier_id'],
      referredColumns: [`${base}."my.table".id`],
    });
    expect(odd('with space').tableConstraints).toContainEqual({
      constraintType: 'FOREIGN_KEY',
      columns: ['quo__reserved__quote__te.id'],
      referredColumns: [`${base}.quo__reserved__quote__te.id`],
    });
    const referer = odd('ref.er').tableConstraints;
    expect(referer).toContainEqual({
      constraintType: 'FOREIGN_KEY',
      columns: ['to_x'],
      referredColumns: [`${base}.a__reserved__colon__b__reserved__arrow__c.x__reserved__colon__y`],
    });
    expect(referer).toContainEqual({
      constraintType: 'FOREIGN_KEY',
      columns: ['to_u'],
      referredColumns: [`${base}.a__reserved__colon__b__reserved__arrow__c."u.k"`],
    });
  });

  it('quotes tag FQNs of policies with dots and encodes quotes in tag names', () => {
    const tags = run.of('createTag').map((t) => t.name);
    expect(tags).toContain('payments.read-only audit');
    expect(tags).toContain('Orders: __reserved__quote__managers__reserved__quote__ see all');
    expect(run.tables.get('sales.payments')?.tags.map((t: any) => t.tagFQN)).toEqual(['PostgresPolicyTags."payments.read-only audit"']);
    expect(run.tables.get('sales.orders')?.tags.map((t: any) => t.tagFQN)).toContain(
      'PostgresPolicyTags.Orders: __reserved__quote__managers__reserved__quote__ see all',
    );
  });

  it('names a routine with a dot as it is, under its quoted schema', () => {
    const fn = run.of('createStoredProcedure').find((p) => p.name === fx.oddNames.function);
    expect(fn).toMatchObject({ name: 'calc.Total', databaseSchema: `svc.${Q_DB}."Odd.Schema"` });
    expect(fn?.storedProcedureCode.code).toContain('"Odd.Schema"."calc.Total"');
  });

  it('matches FQN filters against the quoted form (useFqnForFiltering)', async () => {
    const filtered = await runMetadata({
      url,
      sourceConfig: {
        useFqnForFiltering: true,
        schemaFilterPattern: { includes: [`svc\\."Odd\\.DB [0-9a-f]+"\\."Odd\\.Schema"$`] },
        tableFilterPattern: { includes: ['.*\\."my\\.table"$', '.*\\.a__reserved__colon__b'] },
      },
    });
    expect([...filtered.tables.keys()].sort()).toEqual([`${ODD}.a__reserved__colon__b__reserved__arrow__c`, `${ODD}.my.table`]);
    const names = filtered.step('Postgres').filteredNames.map((f: any) => f.name);
    expect(names).toContain(`svc.${Q_DB}.sales`);
    expect(names).toContain(`svc.${Q_DB}."Odd.Schema"."ref.er"`);
    expect(names).toContain(`svc.${Q_DB}."Odd.Schema".quo__reserved__quote__te`);
  });
});
