// One relation that cannot be read (a view locked ACCESS EXCLUSIVE past the worker's lock_timeout) becomes one
// failure record; every other relation is still sent, and the exit code follows OpenMetadata's 90 % rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureDatabase, serverMajor, type FixtureDatabase } from '../support/fixture-db.js';
import { lockRelation } from '../support/locks.js';
import { createTestDatabase, execSql, withClient, type TestDatabase } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

const LOW_LOCK_TIMEOUT = { connectionArguments: { options: '-c lock_timeout=300' } };

async function userRelationCount(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const r = await c.query(`
      select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and c.relkind in ('r', 'p', 'f', 'v', 'm')
        and not c.relispartition
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`);
    return r.rows[0].n;
  });
}

describe('a locked view on the catalog fixture', () => {
  let db: FixtureDatabase;
  let run: MetadataRun;
  let relationCount: number;

  beforeAll(async () => {
    db = await createFixtureDatabase('md_lock');
    relationCount = await userRelationCount(db.url);
    // LOCK on a view also locks, recursively, every relation it reads (Postgres 11+), and pg_get_viewdef locks what a
    // view reads: so the view locked here must share no base relation with another view. This one reads two tables
    // no other view reads.
    const lock = await lockRelation(db.url, '"Odd.Schema"."Mixed Case View"');
    try {
      run = await runMetadata({ url: db.url, connection: LOW_LOCK_TIMEOUT });
    } finally {
      await lock.release();
    }
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('fails exactly that view, by its FQN, with the lock timeout as the reason', () => {
    const failures = run.step('Postgres').failures;
    expect(failures).toHaveLength(1);
    expect(failures[0].name).toBe(`svc.${db.name}."Odd.Schema".Mixed Case View`);
    expect(failures[0].error).toMatch(/lock timeout/i);
    expect(failures[0].error).toContain('55P03');
  });

  it('sends every other relation, complete', () => {
    expect(run.tables.has('Odd.Schema.Mixed Case View')).toBe(false);
    expect(run.tables.size).toBe(relationCount - 1);
    // Its base tables (locked too) are still read: column and constraint reads take no lock.
    expect(run.tables.get('Odd.Schema.with space')?.columns).toHaveLength(4);
    expect(run.tables.get('Odd.Schema.quo__reserved__quote__te')?.columns.length).toBeGreaterThan(0);
    // The views batched with it still have their definitions and columns.
    const views = [
      'sales.customer_orders_v',
      'sales.customer_order_totals_v',
      'sales.top_customers_v',
      'reporting.order_fulfillment_v',
      'reporting.daily_revenue_mv',
    ];
    for (const name of views) {
      expect(run.tables.get(name)?.schemaDefinition, name).toMatch(/^CREATE (MATERIALIZED )?VIEW/);
      expect(run.tables.get(name)?.columns.length, name).toBeGreaterThan(0);
    }
    expect(run.of('createStoredProcedure').length).toBeGreaterThan(0);
  });

  it('still gives the locked base tables their DDL: defaults are printed without opening the table', () => {
    expect(run.step('Postgres').warningMessages).toEqual([]);
    expect(run.tables.get('Odd.Schema.with space')?.schemaDefinition).toMatch(/^CREATE TABLE "Odd\.Schema"\."with space" \(/);
    expect(run.tables.get('Odd.Schema.quo__reserved__quote__te')?.schemaDefinition).toMatch(/^CREATE TABLE "Odd\.Schema"\."quo""te" \([^]* DEFAULT /);
  });

  it('finishes as a partial success with exit code 0 (source success above 90 %)', () => {
    expect(run.result.fatal).toBeUndefined();
    expect(run.status.pipelineState).toBe('partialSuccess');
    expect(run.result.exitCode).toBe(0);
    expect(run.step('File').failures).toEqual([]);
  });
});

describe('a locked view in a small database', () => {
  let db: TestDatabase;
  let run: MetadataRun;

  beforeAll(async () => {
    db = await createTestDatabase('md_lock_small');
    await execSql(db.url, [`CREATE TABLE public.t (id int PRIMARY KEY)`, `CREATE VIEW public.v AS SELECT id FROM public.t`]);
    const lock = await lockRelation(db.url, 'public.v');
    try {
      run = await runMetadata({ url: db.url, connection: LOW_LOCK_TIMEOUT });
    } finally {
      await lock.release();
    }
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('fails the run (exit code 1) once the source succeeds on fewer than 90 % of its records', () => {
    // service, database, schema, table = 4 records; 1 failure → 80 %.
    expect(run.step('Postgres').records).toBe(4);
    expect(run.step('Postgres').failures.map((f: any) => f.name)).toEqual([`svc.${db.name}.public.v`]);
    expect(run.status.pipelineState).toBe('failed');
    expect(run.result.exitCode).toBe(1);
    expect(run.tables.has('public.t')).toBe(true);
  });

  it('succeeds again once the lock is gone', async () => {
    const again = await runMetadata({ url: db.url, connection: LOW_LOCK_TIMEOUT });
    expect(again.result.exitCode).toBe(0);
    expect([...again.tables.keys()].sort()).toEqual(['public.t', 'public.v']);
  });

  it('honours workflowConfig.successThreshold and raiseOnError: false', async () => {
    const lock = await lockRelation(db.url, 'public.v');
    try {
      const lenient = await runMetadata({ url: db.url, connection: LOW_LOCK_TIMEOUT, workflowConfig: { successThreshold: 75 } });
      expect(lenient.status.pipelineState).toBe('partialSuccess');
      expect(lenient.result.exitCode).toBe(0);
      const noRaise = await runMetadata({ url: db.url, connection: LOW_LOCK_TIMEOUT, workflowConfig: { raiseOnError: false } });
      expect(noRaise.status.pipelineState).toBe('failed');
      expect(noRaise.result.exitCode).toBe(0);
    } finally {
      await lock.release();
    }
  });
});

describe('a locked table with a generated column', () => {
  let db: TestDatabase;
  let major: number;
  let run: MetadataRun;

  beforeAll(async () => {
    db = await createTestDatabase('md_lock_generated');
    major = await serverMajor(db.url);
    await execSql(db.url, [
      `CREATE TABLE public.plain (id int PRIMARY KEY, created date DEFAULT current_date)`,
      major >= 12
        ? `CREATE TABLE public.computed (price numeric NOT NULL, tax numeric GENERATED ALWAYS AS (price * 0.2) STORED)`
        : `CREATE TABLE public.computed (price numeric NOT NULL, tax numeric)`,
    ]);
    const locks = [await lockRelation(db.url, 'public.plain'), await lockRelation(db.url, 'public.computed')];
    try {
      run = await runMetadata({ url: db.url, connection: LOW_LOCK_TIMEOUT });
    } finally {
      for (const lock of locks) await lock.release();
    }
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('sends both tables, columns complete, and fails nothing', () => {
    expect(run.step('Postgres').failures).toEqual([]);
    expect(run.result.exitCode).toBe(0);
    expect(run.tables.get('public.plain')?.columns.map((c: any) => c.name)).toEqual(['id', 'created']);
    expect(run.tables.get('public.computed')?.columns.map((c: any) => c.name)).toEqual(['price', 'tax']);
    expect(run.tables.get('public.plain')?.schemaDefinition).toContain('"created" date DEFAULT CURRENT_DATE');
  });

  it('leaves out only the DDL of the table whose generation expression needs the lock (Postgres 16+), with a warning', () => {
    const warnings = run.step('Postgres').warningMessages as Array<{ name: string; message: string }>;
    if (major < 16) {
      expect(warnings).toEqual([]);
      expect(run.tables.get('public.computed')?.schemaDefinition).toMatch(/^CREATE TABLE "public"\."computed"/);
      return;
    }
    expect(warnings.map((w) => w.name)).toEqual([`svc.${db.name}.public.computed`]);
    expect(warnings[0].message).toMatch(/^DDL left out: canceling statement due to lock timeout/);
    expect(run.tables.get('public.computed')?.schemaDefinition).toBeUndefined();
  });
});
