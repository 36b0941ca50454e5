// Stored procedures and functions, row-level security policies as tags, and owners, against pg_catalog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFixtureExpectationsFor } from '../support/catalog-fixture.js';
import { createFixtureDatabase, encodeName, fqn, USER_SCHEMAS_SQL, type FixtureDatabase } from '../support/fixture-db.js';
import { withClient } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

interface CatalogRoutine {
  schema: string;
  name: string;
  args: string;
  language: string;
  definition: string;
  description: string | null;
  owner: string;
}

/** Overloads whose identity arguments hold a double quote (a mixed-case type name). */
const EXTRAS = (): string[] => [
  `CREATE TYPE sales."OrderKind" AS ENUM ('retail', 'wholesale')`,
  `CREATE FUNCTION sales.kind_rank(k sales."OrderKind") RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$`,
  `CREATE FUNCTION sales.kind_rank(k text) RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$`,
];

let db: FixtureDatabase;
let run: MetadataRun;
let routines: CatalogRoutine[];
let policies: Array<{ schema: string; table: string; policy: string }>;
let owners: Map<string, string>;

const LANGUAGE: Record<string, string> = { sql: 'SQL', plpgsql: 'SQL' };

beforeAll(async () => {
  db = await createFixtureDatabase('md_routines', EXTRAS);
  run = await runMetadata({ url: db.url, sourceConfig: { includeOwners: true } });
  await withClient(db.url, async (c) => {
    routines = (
      await c.query(`
        select n.nspname as schema, p.proname as name, pg_get_function_identity_arguments(p.oid) as args, l.lanname as language,
          pg_get_functiondef(p.oid) as definition, obj_description(p.oid, 'pg_proc') as description, pg_get_userbyid(p.proowner) as owner
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
        where ${USER_SCHEMAS_SQL} and p.prokind in ('f', 'p')
          and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`)
    ).rows;
    policies = (
      await c.query(`
        select n.nspname as schema, c.relname as table, p.polname as policy
        from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace`)
    ).rows;
    const rows = (
      await c.query(`
        select n.nspname as schema, c.relname as name, pg_get_userbyid(c.relowner) as owner
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where ${USER_SCHEMAS_SQL} and c.relkind in ('r', 'p', 'f', 'v', 'm') and not c.relispartition`)
    ).rows;
    owners = new Map(rows.map((r) => [`${r.schema}.${encodeName(r.name)}`, r.owner]));
  });
});

afterAll(async () => {
  await db?.drop();
});

describe('stored procedures and functions', () => {
  it('emits every function and procedure of the user schemas, none an extension owns', () => {
    const sent = run.of('createStoredProcedure');
    expect(sent).toHaveLength(routines.length);
    expect(routines.length).toBe(catalogFixtureExpectationsFor({ major: db.major }).routines.length + 2);
    expect(run.step('Postgres').failures).toEqual([]);
    expect(sent.filter((p) => p.databaseSchema.endsWith('.extensions'))).toEqual([]);
  });

  it('names an overload `name(identity arguments)` and a single routine by its bare name', () => {
    const counts = new Map<string, number>();
    for (const r of routines) counts.set(`${r.schema}.${r.name}`, (counts.get(`${r.schema}.${r.name}`) ?? 0) + 1);
    const sent = run.of('createStoredProcedure');
    for (const r of routines) {
      const name = encodeName((counts.get(`${r.schema}.${r.name}`) ?? 0) > 1 ? `${r.name}(${r.args})` : r.name);
      const found = sent.filter((p) => p.name === name && p.databaseSchema === fqn('svc', db.name, r.schema));
      expect(found, `${r.schema}.${name}`).toHaveLength(1);
      expect(found[0], `${r.schema}.${name}`).toEqual({
        name,
        storedProcedureCode: { language: LANGUAGE[r.language], code: r.definition },
        databaseSchema: fqn('svc', db.name, r.schema),
        ...(r.description ? { description: r.description } : {}),
        owner: { type: 'user', fullyQualifiedName: r.owner },
      });
    }
    const names = sent.map((p) => p.name);
    for (const expected of [
      'order_total(p_order_id bigint)',
      'order_total(p_order_id bigint, p_include_tax boolean)',
      'customer_tier',
      'calc.Total',
    ]) {
      expect(names).toContain(expected);
    }
    expect(names.filter((n) => n.startsWith('restock('))).toHaveLength(2);
    // A double quote in the arguments is stored as OpenMetadata's reserved word, as in table names.
    expect(names).toContain('kind_rank(k sales.__reserved__quote__OrderKind__reserved__quote__)');
    expect(names).toContain('kind_rank(k text)');
  });

  it("follows the fixture's list of routines, descriptions included", () => {
    const sent = run.of('createStoredProcedure');
    for (const r of catalogFixtureExpectationsFor({ major: db.major }).routines) {
      const match = sent.find(
        (p) => p.databaseSchema === fqn('svc', db.name, r.schema) && (p.name === r.name || p.name === `${r.name}(${r.identityArguments})`),
      );
      expect(match?.description, `${r.schema}.${r.name}(${r.identityArguments})`).toBe(r.description);
    }
  });

  it('sends none with includeStoredProcedures: false', async () => {
    const without = await runMetadata({ url: db.url, sourceConfig: { includeStoredProcedures: false } });
    expect(without.of('createStoredProcedure')).toEqual([]);
    expect(without.tables.size).toBe(run.tables.size);
  });
});

describe('row-level security policies as tags', () => {
  it('creates the classification once, before any tag, and one tag per policy', () => {
    const types = run.records.map((r) => r.type);
    expect(run.of('createClassification')).toEqual([{ name: 'PostgresPolicyTags', description: expect.any(String) }]);
    expect(types.indexOf('createClassification')).toBeLessThan(types.indexOf('createTag'));
    const tags = run.of('createTag');
    expect(tags.map((t) => t.name).sort()).toEqual(policies.map((p) => encodeName(p.policy)).sort());
    for (const tag of tags) expect(tag).toEqual({ name: tag.name, classification: 'PostgresPolicyTags', description: expect.any(String) });
    expect(tags.map((t) => t.name)).toContain('Orders: __reserved__quote__managers__reserved__quote__ see all');
  });

  it('labels each table with its policies, each tag created before the first table that uses it', () => {
    expect(policies.length).toBe(3);
    const created = new Set<string>();
    for (const r of run.records) {
      if (r.type === 'createTag') created.add(fqn('PostgresPolicyTags', r.data.name));
      if (r.type !== 'createTable') continue;
      for (const tag of r.data.tags ?? []) expect(created.has(tag.tagFQN), tag.tagFQN).toBe(true);
    }
    for (const [key, table] of run.tables) {
      const expected = policies
        .filter((p) => `${p.schema}.${encodeName(p.table)}` === key)
        .map((p) => fqn('PostgresPolicyTags', encodeName(p.policy)));
      expect((table.tags ?? []).map((t: any) => t.tagFQN).sort(), key).toEqual(expected.sort());
      for (const tag of table.tags ?? []) expect(tag).toMatchObject({ source: 'Classification', labelType: 'Automated' });
    }
    expect(run.tables.get('sales.payments')?.tags.map((t: any) => t.tagFQN)).toEqual(['PostgresPolicyTags."payments.read-only audit"']);
  });

  it('uses classificationName from the connection', async () => {
    const custom = await runMetadata({ url: db.url, connection: { classificationName: 'RlsPolicies' } });
    expect(custom.of('createClassification').map((c) => c.name)).toEqual(['RlsPolicies']);
    expect(custom.of('createTag').every((t) => t.classification === 'RlsPolicies')).toBe(true);
    expect(
      custom.tables
        .get('sales.orders')
        ?.tags.map((t: any) => t.tagFQN)
        .sort(),
    ).toEqual(['RlsPolicies.Orders: __reserved__quote__managers__reserved__quote__ see all', 'RlsPolicies.orders_sales_rep_isolation']);
  });

  it('sends no classification, tag or label with includeTags: false', async () => {
    const without = await runMetadata({ url: db.url, sourceConfig: { includeTags: false } });
    expect(without.of('createClassification')).toEqual([]);
    expect(without.of('createTag')).toEqual([]);
    for (const table of without.tables.values()) expect(table.tags).toBeUndefined();
  });
});

describe('owners (includeOwners: true)', () => {
  it("gives every table, view and routine its Postgres owner's name", () => {
    expect(owners.size).toBe(run.tables.size);
    for (const [key, table] of run.tables) {
      expect(table.owner, key).toEqual({ type: 'user', fullyQualifiedName: owners.get(key) });
    }
    expect(run.tables.get('billing.invoices')?.owner.fullyQualifiedName).toBe('omgen_owner');
    expect(run.tables.get('billing.invoice_lines')?.owner.fullyQualifiedName).toBe('omgen_owner');
    expect(run.tables.get('sales.orders')?.owner.fullyQualifiedName).toBe('postgres');
  });
});
