// schemaFilterPattern / tableFilterPattern (Python re.match: anchored at the start only, case-insensitive; includes
// win over excludes), useFqnForFiltering, includeTables / includeViews, and the filtered names in the status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

let db: TestDatabase;

const ALL = [
  'public.keep_me',
  'sales.customers',
  'sales.orders',
  'sales.order_items',
  'sales.v_orders',
  'sales.mv_revenue',
  'Sales_Archive.orders_2019',
  'x_sales.ledger',
  'staging.tmp_load',
  'staging.customers_backup',
  'staging.Customers',
  'dot.schema.t.one',
];

beforeAll(async () => {
  db = await createTestDatabase('md_filters');
  await execSql(db.url, [
    `CREATE TABLE public.keep_me (id int)`,
    `CREATE SCHEMA sales`,
    `CREATE TABLE sales.customers (id int PRIMARY KEY)`,
    `CREATE TABLE sales.orders (id int PRIMARY KEY, customer_id int REFERENCES sales.customers)`,
    `CREATE TABLE sales.order_items (order_id int REFERENCES sales.orders, line int)`,
    `CREATE VIEW sales.v_orders AS SELECT * FROM sales.orders`,
    `CREATE MATERIALIZED VIEW sales.mv_revenue AS SELECT count(*) AS n FROM sales.orders`,
    `CREATE SCHEMA "Sales_Archive"`,
    `CREATE TABLE "Sales_Archive".orders_2019 (id int)`,
    `CREATE SCHEMA x_sales`,
    `CREATE TABLE x_sales.ledger (id int)`,
    `CREATE SCHEMA staging`,
    `CREATE TABLE staging.tmp_load (id int)`,
    `CREATE TABLE staging.customers_backup (id int)`,
    `CREATE TABLE staging."Customers" (id int)`,
    `CREATE SCHEMA "dot.schema"`,
    `CREATE TABLE "dot.schema"."t.one" (id int)`,
  ]);
});

afterAll(async () => {
  await db?.drop();
});

const tablesOf = (run: MetadataRun) => [...run.tables.keys()].sort();
const schemasOf = (run: MetadataRun) =>
  run
    .of('createDatabaseSchema')
    .map((s) => s.name)
    .sort();
const filteredOf = (run: MetadataRun) =>
  (run.step('Postgres').filteredNames as Array<{ name: string; reason: string }>).map((f) => `${f.reason}: ${f.name}`).sort();
const fq = (...parts: string[]) => [`svc`, db.name, ...parts].map((p) => (p.includes('.') ? `"${p}"` : p)).join('.');
const without = (...gone: string[]) => ALL.filter((t) => !gone.includes(t)).sort();

function expectClean(run: MetadataRun): void {
  expect(run.result.exitCode).toBe(0);
  expect(run.step('Postgres').failures).toEqual([]);
}

describe('no filter', () => {
  it('reads every user schema and relation, filters nothing', async () => {
    const run = await runMetadata({ url: db.url });
    expectClean(run);
    expect(tablesOf(run)).toEqual([...ALL].sort());
    expect(run.step('Postgres').filtered).toBe(0);
  });
});

describe('schemaFilterPattern', () => {
  it('drops schemas matching an exclude (whole name, case-insensitive) and counts each in the status', async () => {
    const run = await runMetadata({ url: db.url, sourceConfig: { schemaFilterPattern: { excludes: ['^STAGING$', 'dot\\.'] } } });
    expectClean(run);
    expect(schemasOf(run)).toEqual(['Sales_Archive', 'public', 'sales', 'x_sales']);
    expect(tablesOf(run)).toEqual(without('staging.tmp_load', 'staging.customers_backup', 'staging.Customers', 'dot.schema.t.one'));
    expect(filteredOf(run)).toEqual([`Schema Filtered Out: ${fq('dot.schema')}`, `Schema Filtered Out: ${fq('staging')}`]);
    expect(run.step('Postgres').filtered).toBe(2);
  });

  it('matches at the start only (re.match), not the end, and ignores case', async () => {
    const run = await runMetadata({ url: db.url, sourceConfig: { schemaFilterPattern: { includes: ['SALES'] } } });
    expectClean(run);
    expect(schemasOf(run)).toEqual(['Sales_Archive', 'sales']); // not x_sales: the match is anchored at the start
    expect(run.step('Postgres').filtered).toBe(4); // public, x_sales, staging, dot.schema
  });

  it('ignores excludes entirely when includes are given', async () => {
    const run = await runMetadata({ url: db.url, sourceConfig: { schemaFilterPattern: { includes: ['^sales$'], excludes: ['^sales$', '.*'] } } });
    expectClean(run);
    expect(schemasOf(run)).toEqual(['sales']);
    expect(tablesOf(run)).toEqual(['sales.customers', 'sales.mv_revenue', 'sales.order_items', 'sales.orders', 'sales.v_orders']);
  });
});

describe('tableFilterPattern', () => {
  it('keeps only tables matching an include, views included, and lists the rest as filtered', async () => {
    const run = await runMetadata({ url: db.url, sourceConfig: { tableFilterPattern: { includes: ['ORDER', 'keep'] } } });
    expectClean(run);
    expect(tablesOf(run)).toEqual(['Sales_Archive.orders_2019', 'public.keep_me', 'sales.order_items', 'sales.orders']);
    const filtered = filteredOf(run);
    expect(filtered).toHaveLength(ALL.length - 4);
    expect(filtered).toContain(`Table Filtered Out: ${fq('sales', 'v_orders')}`);
    expect(filtered).toContain(`Table Filtered Out: ${fq('dot.schema', 't.one')}`);
    // Schemas are still sent, even those left with no table.
    expect(schemasOf(run)).toContain('staging');
  });

  it('drops tables matching an exclude; a regex may match anywhere with a leading .*', async () => {
    const run = await runMetadata({ url: db.url, sourceConfig: { tableFilterPattern: { excludes: ['.*_backup$', '^tmp_', 'customers'] } } });
    expectClean(run);
    expect(tablesOf(run)).toEqual(without('staging.customers_backup', 'staging.tmp_load', 'sales.customers', 'staging.Customers'));
    expect(run.step('Postgres').filtered).toBe(4);
  });

  it('ignores excludes when includes are given', async () => {
    const run = await runMetadata({ url: db.url, sourceConfig: { tableFilterPattern: { includes: ['customers$'], excludes: ['customers'] } } });
    expect(tablesOf(run)).toEqual(['sales.customers', 'staging.Customers']);
  });
});

describe('useFqnForFiltering', () => {
  it('matches schema and table patterns against FQNs (svc.db.schema[.table]), dots quoted', async () => {
    const dbRe = db.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const run = await runMetadata({
      url: db.url,
      sourceConfig: {
        useFqnForFiltering: true,
        schemaFilterPattern: { includes: [`svc\\.${dbRe}\\.sales$`, `svc\\.${dbRe}\\."dot\\.schema"$`] },
        tableFilterPattern: { excludes: [`svc\\.${dbRe}\\.sales\\.order`, '.*\\."t\\.one"$'] },
      },
    });
    expectClean(run);
    expect(schemasOf(run)).toEqual(['dot.schema', 'sales']);
    expect(tablesOf(run)).toEqual(['sales.customers', 'sales.mv_revenue', 'sales.v_orders']);
    expect(filteredOf(run)).toEqual(
      [
        `Schema Filtered Out: ${fq('Sales_Archive')}`,
        `Schema Filtered Out: ${fq('public')}`,
        `Schema Filtered Out: ${fq('staging')}`,
        `Schema Filtered Out: ${fq('x_sales')}`,
        `Table Filtered Out: ${fq('dot.schema', 't.one')}`,
        `Table Filtered Out: ${fq('sales', 'order_items')}`,
        `Table Filtered Out: ${fq('sales', 'orders')}`,
      ].sort(),
    );
  });

  it('without it, an FQN-shaped pattern matches nothing', async () => {
    const run = await runMetadata({ url: db.url, sourceConfig: { schemaFilterPattern: { includes: [`svc\\.`] } } });
    expect(schemasOf(run)).toEqual([]);
    expect(run.of('createTable')).toEqual([]);
  });
});

describe('includeTables / includeViews', () => {
  it('includeTables: false keeps views and materialized views only', async () => {
    const run = await runMetadata({ url: db.url, sourceConfig: { includeTables: false } });
    expectClean(run);
    expect(tablesOf(run)).toEqual(['sales.mv_revenue', 'sales.v_orders']);
    const filtered = run.step('Postgres').filteredNames as Array<{ name: string; reason: string }>;
    expect(filtered).toHaveLength(ALL.length - 2);
    expect(filtered.every((f) => /includeTables/.test(f.reason))).toBe(true);
  });

  it('includeViews: false drops views and materialized views', async () => {
    const run = await runMetadata({ url: db.url, sourceConfig: { includeViews: false } });
    expectClean(run);
    expect(tablesOf(run)).toEqual(without('sales.v_orders', 'sales.mv_revenue'));
    expect(filteredOf(run)).toEqual([
      `View Filtered Out (includeViews: false): ${fq('sales', 'mv_revenue')}`,
      `View Filtered Out (includeViews: false): ${fq('sales', 'v_orders')}`,
    ]);
  });
});

describe('invalid patterns', () => {
  it('reject the config before anything runs', async () => {
    await expect(runMetadata({ url: db.url, sourceConfig: { tableFilterPattern: { includes: ['(unclosed'] } } })).rejects.toThrow(
      /tableFilterPattern/,
    );
  });
});
