// The metadata workflow against the catalog fixture: the database, its schemas and every relation, checked against
// what pg_catalog holds (queried here), the fixture's own expectations and OpenMetadata's 1.4 request schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFixtureExpectations as fx } from '../support/catalog-fixture.js';
import { createFixtureDatabase, encodeName, fqn, sqlIdent, USER_SCHEMAS_SQL, type FixtureDatabase } from '../support/fixture-db.js';
import { requestErrors } from '../support/om-spec.js';
import { withClient } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const DB_COMMENT = 'Fixture database: "awkward" on purpose; it\'s for omgen.';

/** Partitioned tables beyond the fixture's: RANGE on a date, on an integer, on two columns, on an expression. */
const EXTRAS = (name: string): string[] => [
  `COMMENT ON DATABASE ${sqlIdent(name)} IS '${DB_COMMENT.replaceAll("'", "''")}'`,
  `CREATE TABLE analytics.daily_totals (day date NOT NULL, total numeric(12,2)) PARTITION BY RANGE (day)`,
  `CREATE TABLE analytics.daily_totals_2024 PARTITION OF analytics.daily_totals FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
  `CREATE TABLE analytics.id_buckets (id integer NOT NULL, payload text) PARTITION BY RANGE (id)`,
  `CREATE TABLE analytics.id_buckets_low PARTITION OF analytics.id_buckets FOR VALUES FROM (0) TO (1000)`,
  `CREATE TABLE analytics.multi_key (d date NOT NULL, n bigint NOT NULL, v text) PARTITION BY RANGE (d, n)`,
  `CREATE TABLE analytics.multi_key_p PARTITION OF analytics.multi_key FOR VALUES FROM ('2024-01-01', 0) TO ('2025-01-01', 0)`,
  `CREATE TABLE analytics.expr_key (name text NOT NULL) PARTITION BY RANGE (lower(name))`,
  `CREATE TABLE analytics.expr_key_a PARTITION OF analytics.expr_key FOR VALUES FROM ('a') TO ('n')`,
];

/** The spec of tablePartition, per partitioned parent (children never appear as tables). */
const PARTITIONS: Record<string, Array<{ columnName: string; intervalType: string }> | undefined> = {
  'analytics.page_events': [{ columnName: 'occurred_at', intervalType: 'TIME-UNIT' }],
  'analytics.customer_regions': [{ columnName: 'region', intervalType: 'COLUMN-VALUE' }],
  'analytics.sessions': [
    { columnName: 'tenant_id', intervalType: 'COLUMN-VALUE' },
    { columnName: 'session_id', intervalType: 'COLUMN-VALUE' },
  ],
  'analytics.daily_totals': [{ columnName: 'day', intervalType: 'TIME-UNIT' }],
  'analytics.id_buckets': [{ columnName: 'id', intervalType: 'INTEGER-RANGE' }],
  'analytics.multi_key': [
    { columnName: 'd', intervalType: 'TIME-UNIT' },
    { columnName: 'n', intervalType: 'INTEGER-RANGE' },
  ],
  'analytics.expr_key': undefined, // an expression key names no column
};

const KIND_TO_TYPE: Record<string, string> = { r: 'Regular', p: 'Partitioned', f: 'Foreign', v: 'View', m: 'MaterializedView' };
const FIXTURE_KIND: Record<string, string> = {
  regular: 'Regular',
  partitioned: 'Partitioned',
  foreign: 'Foreign',
  view: 'View',
  materializedView: 'MaterializedView',
};

interface CatalogRelation {
  oid: number;
  schema: string;
  name: string;
  kind: string;
  description: string | null;
  viewdef: string | null;
}

/** run.tables is keyed by schema and table name as sent. */
const key = (schema: string, name: string): string => `${schema}.${encodeName(name)}`;

let db: FixtureDatabase;
let run: MetadataRun;
let relations: CatalogRelation[];
let schemas: Array<{ name: string; description: string | null }>;
let dbDescription: string | null;

beforeAll(async () => {
  db = await createFixtureDatabase('md_entities', EXTRAS);
  run = await runMetadata({ url: db.url });
  await withClient(db.url, async (c) => {
    dbDescription = (await c.query(`select shobj_description(oid, 'pg_database') as d from pg_database where datname = current_database()`)).rows[0]
      .d;
    schemas = (
      await c.query(`select nspname as name, obj_description(n.oid, 'pg_namespace') as description from pg_namespace n where ${USER_SCHEMAS_SQL}`)
    ).rows;
    relations = (
      await c.query(`
        select c.oid::int as oid, n.nspname as schema, c.relname as name, c.relkind::text as kind,
          obj_description(c.oid, 'pg_class') as description,
          case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as viewdef
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where ${USER_SCHEMAS_SQL} and c.relkind in ('r', 'p', 'f', 'v', 'm') and not c.relispartition
          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`)
    ).rows;
  });
});

afterAll(async () => {
  await db?.drop();
});

describe('metadata workflow on the catalog fixture', () => {
  it('finishes with every record written and no failure', () => {
    expect(run.result.fatal).toBeUndefined();
    expect(run.step('Postgres').failures).toEqual([]);
    expect(run.result.exitCode).toBe(0);
    expect(run.status.pipelineState).toBe('success');
    expect(run.step('File').records).toBe(run.records.length);
  });

  it('sends bodies OpenMetadata 1.4 accepts', () => {
    const problems = run.records.flatMap((r) => requestErrors(r.type, r.data).map((e) => `${r.type} ${r.data.name}: ${e}`));
    expect(problems).toEqual([]);
  });

  it('emits the service, then the database with its COMMENT as description', () => {
    expect(run.records[0]).toEqual({
      type: 'createDatabaseService',
      data: { name: 'svc', serviceType: 'Postgres', connection: { config: expect.objectContaining({ type: 'Postgres', database: db.name }) } },
    });
    expect(JSON.stringify(run.records[0])).not.toContain('"password"');
    expect(dbDescription).toBe(DB_COMMENT);
    expect(run.of('createDatabase')).toEqual([{ name: db.name, service: 'svc', description: DB_COMMENT }]);
  });

  it('emits every user schema once (system schemas skipped) with its description', () => {
    const expected = schemas.map((s) => ({ name: s.name, database: fqn('svc', db.name), ...(s.description ? { description: s.description } : {}) }));
    const sent = run.of('createDatabaseSchema');
    expect(sent).toHaveLength(expected.length);
    expect(sent).toEqual(expect.arrayContaining(expected));
    expect(sent.map((s) => s.name).sort()).toEqual([...fx.allSchemas].sort());
    for (const system of ['pg_catalog', 'information_schema', 'pg_toast']) expect(sent.map((s) => s.name)).not.toContain(system);
  });

  it('emits each schema before its tables and procedures', () => {
    const seen = new Set<string>();
    for (const r of run.records) {
      if (r.type === 'createDatabaseSchema') seen.add(fqn('svc', db.name, r.data.name));
      if (r.type === 'createTable' || r.type === 'createStoredProcedure') expect(seen.has(r.data.databaseSchema)).toBe(true);
    }
  });

  it('emits every table, view, materialized view and foreign table once, with its tableType', () => {
    const expected = new Map(relations.map((r) => [key(r.schema, r.name), KIND_TO_TYPE[r.kind]]));
    const sent = new Map([...run.tables].map(([key, t]) => [key, t.tableType]));
    expect(run.of('createTable')).toHaveLength(run.tables.size);
    expect(Object.fromEntries(sent)).toEqual(Object.fromEntries(expected));
    // ...which is what the fixture says it created.
    for (const schema of fx.schemas) {
      for (const rel of schema.relations) {
        expect(run.tables.get(key(schema.name, rel.name))?.tableType, `${schema.name}.${rel.name}`).toBe(FIXTURE_KIND[rel.kind]);
      }
    }
  });

  it('never emits a partition (leaf or intermediate) as a table', () => {
    const children = [...Object.entries(fx.partitionChildren).flatMap(([s, names]) => names.map((n) => `${s}.${n}`))];
    children.push('analytics.daily_totals_2024', 'analytics.id_buckets_low', 'analytics.multi_key_p', 'analytics.expr_key_a');
    expect(children.length).toBeGreaterThan(10);
    for (const child of children) expect(run.tables.has(child), child).toBe(false);
  });

  it('describes partitioned tables with their key columns and interval types', () => {
    const partitioned = relations.filter((r) => r.kind === 'p').map((r) => `${r.schema}.${r.name}`);
    expect(partitioned.sort()).toEqual(Object.keys(PARTITIONS).sort());
    for (const [key, partition] of Object.entries(PARTITIONS)) {
      const table = run.tables.get(key) as Record<string, any>;
      expect(table.tableType, key).toBe('Partitioned');
      expect(table.tablePartition, key).toEqual(partition === undefined ? undefined : { columns: partition });
    }
    for (const fixture of fx.partitionedTables.filter((p) => run.tables.has(`${p.schema}.${p.table}`))) {
      expect(run.tables.get(`${fixture.schema}.${fixture.table}`)?.tablePartition.columns.map((c: any) => c.columnName)).toEqual(fixture.columns);
    }
    for (const [key, table] of run.tables) if (!(key in PARTITIONS)) expect(table.tablePartition, key).toBeUndefined();
  });

  it('uses each COMMENT ON TABLE / VIEW / MATERIALIZED VIEW / FOREIGN TABLE as the description', () => {
    let described = 0;
    for (const r of relations) {
      const table = run.tables.get(key(r.schema, r.name)) as Record<string, any>;
      expect(table.description, `${r.schema}.${r.name}`).toBe(r.description ?? undefined);
      if (r.description) described++;
    }
    expect(described).toBeGreaterThanOrEqual(15);
    for (const schema of fx.schemas) {
      for (const rel of schema.relations.filter((x) => x.description)) {
        expect(run.tables.get(key(schema.name, rel.name))?.description).toBe(rel.description);
      }
    }
  });

  it('gives views and materialized views their definition (pg_get_viewdef) as schemaDefinition, tables their CREATE TABLE', () => {
    for (const r of relations) {
      const table = run.tables.get(key(r.schema, r.name)) as Record<string, any>;
      if (r.kind === 'v' || r.kind === 'm') {
        const kind = r.kind === 'm' ? 'MATERIALIZED VIEW' : 'VIEW';
        expect(table.schemaDefinition).toBe(`CREATE ${kind} ${sqlIdent(r.schema)}.${sqlIdent(r.name)} AS\n${String(r.viewdef).trim()}`);
      } else {
        // Exact text and a round trip through Postgres: test/metadata/table-ddl.test.ts.
        const kind = r.kind === 'f' ? 'FOREIGN TABLE' : 'TABLE';
        expect(table.schemaDefinition, `${r.schema}.${r.name}`).toMatch(
          new RegExp(`^CREATE ${kind} ${escapeRegExp(`${sqlIdent(r.schema)}.${sqlIdent(r.name)}`)} \\(\n`),
        );
      }
    }
    expect(run.tables.get('sales.top_customers_v')?.schemaDefinition).toMatch(
      /^CREATE VIEW "sales"\."top_customers_v" AS\nSELECT [\s\S]*customer_order_totals_v/,
    );
  });

  it('points every table at its schema by FQN', () => {
    for (const r of relations) {
      const table = run.tables.get(key(r.schema, r.name)) as Record<string, any>;
      expect(table.databaseSchema).toBe(fqn('svc', db.name, r.schema));
    }
  });

  it('leaves owners out unless includeOwners is set', () => {
    for (const r of run.records) expect(r.data.owner, `${r.type} ${r.data.name}`).toBeUndefined();
  });
});

describe('includeDDL: false', () => {
  it('sends no schemaDefinition at all', async () => {
    const noDdl = await runMetadata({ url: db.url, sourceConfig: { includeDDL: false } });
    expect(noDdl.tables.size).toBe(run.tables.size);
    for (const table of noDdl.tables.values()) expect(table.schemaDefinition).toBeUndefined();
  });
});
