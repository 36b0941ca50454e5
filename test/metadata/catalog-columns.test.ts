// Columns and table constraints of every relation of the catalog fixture, against pg_catalog and
// information_schema (queried here): order, names, types as Postgres prints them, lengths, nullability, keys, FKs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFixtureExpectations as fx } from '../support/catalog-fixture.js';
import { createFixtureDatabase, encodeName, fqn, USER_SCHEMAS_SQL, type FixtureDatabase } from '../support/fixture-db.js';
import { specEnum } from '../support/om-spec.js';
import { withClient } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

/** An FK that points at a partitioned table: Postgres adds a hidden copy of it per partition of the target. */
const EXTRAS = (): string[] => [
  `CREATE TABLE analytics.region_notes (
     customer_id bigint, region text, note text,
     CONSTRAINT region_notes_fkey FOREIGN KEY (customer_id, region) REFERENCES analytics.customer_regions (customer_id, region))`,
];

interface CatalogColumn {
  schema: string;
  table: string;
  attnum: number;
  name: string;
  display: string;
  not_null: boolean;
  description: string | null;
  data_type: string | null;
  char_length: number | null;
  num_precision: number | null;
  num_scale: number | null;
}

interface CatalogConstraint {
  schema: string;
  table: string;
  kind: 'p' | 'u' | 'f';
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[] | null;
}

let db: FixtureDatabase;
let run: MetadataRun;
let columns: CatalogColumn[];
let constraints: CatalogConstraint[];

const key = (schema: string, table: string): string => `${schema}.${encodeName(table)}`;
const tableOf = (schema: string, table: string): Record<string, any> => {
  const found = run.tables.get(key(schema, table));
  if (!found) throw new Error(`no createTable for ${schema}.${table}`);
  return found;
};

beforeAll(async () => {
  db = await createFixtureDatabase('md_columns', EXTRAS);
  run = await runMetadata({ url: db.url });
  await withClient(db.url, async (c) => {
    const relations = `
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where ${USER_SCHEMAS_SQL} and c.relkind in ('r', 'p', 'f', 'v', 'm') and not c.relispartition
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`;
    columns = (
      await c.query(`
        select n.nspname as schema, c.relname as table, a.attnum, a.attname as name,
          format_type(a.atttypid, a.atttypmod) as display, a.attnotnull as not_null, col_description(c.oid, a.attnum) as description,
          ic.data_type, ic.character_maximum_length::int as char_length, ic.numeric_precision::int as num_precision,
          ic.numeric_scale::int as num_scale
        ${relations.replace(
          'where',
          `join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        left join information_schema.columns ic
          on ic.table_schema = n.nspname and ic.table_name = c.relname and ic.column_name = a.attname
        where`,
        )}
        order by n.nspname, c.relname, a.attnum`)
    ).rows;
    constraints = (
      await c.query(`
        select n.nspname as schema, c.relname as table, k.contype::text as kind,
          array(select a.attname::text from unnest(k.conkey) with ordinality u(n, o)
                join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o) as columns,
          rn.nspname as ref_schema, rc.relname as ref_table,
          array(select a.attname::text from unnest(k.confkey) with ordinality u(n, o)
                join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o) as ref_columns
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_namespace n on n.oid = c.relnamespace
        left join pg_class rc on rc.oid = k.confrelid
        left join pg_namespace rn on rn.oid = rc.relnamespace
        where k.contype in ('p', 'u', 'f') and k.conparentid = 0 and not c.relispartition and ${USER_SCHEMAS_SQL}`)
    ).rows;
  });
});

afterAll(async () => {
  await db?.drop();
});

function expectedConstraint(column: CatalogColumn): string {
  const single = (kind: 'p' | 'u') =>
    constraints.some(
      (k) => k.schema === column.schema && k.table === column.table && k.kind === kind && k.columns.length === 1 && k.columns[0] === column.name,
    );
  if (single('p')) return 'PRIMARY_KEY';
  if (single('u')) return 'UNIQUE';
  return column.not_null ? 'NOT_NULL' : 'NULL';
}

describe('columns', () => {
  it('lists every column of every relation in ordinal order, named as stored, with format_type as dataTypeDisplay', () => {
    const byTable = new Map<string, CatalogColumn[]>();
    for (const col of columns) byTable.set(key(col.schema, col.table), [...(byTable.get(key(col.schema, col.table)) ?? []), col]);
    expect(byTable.size).toBe(run.tables.size);
    for (const [name, expected] of byTable) {
      const sent = (run.tables.get(name) as Record<string, any>).columns as Array<Record<string, any>>;
      expect(
        sent.map((c) => c.name),
        name,
      ).toEqual(expected.map((c) => encodeName(c.name)));
      expect(
        sent.map((c) => c.ordinalPosition),
        name,
      ).toEqual(expected.map((_, i) => i + 1));
      expect(
        sent.map((c) => c.dataTypeDisplay),
        name,
      ).toEqual(expected.map((c) => c.display));
    }
  });

  it('sets constraint PRIMARY_KEY / UNIQUE for single-column keys, else NOT_NULL / NULL', () => {
    for (const col of columns) {
      const sent = tableOf(col.schema, col.table).columns.find((c: any) => c.name === encodeName(col.name));
      expect(sent.constraint, `${col.schema}.${col.table}.${col.name}`).toBe(expectedConstraint(col));
    }
    // Spot checks that the loop above is not vacuous.
    const customers = tableOf('sales', 'customers').columns;
    expect(customers.find((c: any) => c.name === 'customer_id').constraint).toBe('PRIMARY_KEY');
    expect(customers.find((c: any) => c.name === 'email').constraint).toBe('UNIQUE');
    expect(customers.find((c: any) => c.name === 'full_name').constraint).toBe('NOT_NULL');
    expect(customers.find((c: any) => c.name === 'updated_at').constraint).toBe('NULL');
    // A composite key marks no single column.
    expect(
      tableOf('sales', 'order_items')
        .columns.map((c: any) => c.constraint)
        .slice(0, 2),
    ).toEqual(['NOT_NULL', 'NOT_NULL']);
  });

  it('takes each column COMMENT as its description', () => {
    const described = columns.filter((c) => c.description);
    expect(described.length).toBeGreaterThanOrEqual(fx.columnComments.length);
    for (const col of columns) {
      const sent = tableOf(col.schema, col.table).columns.find((c: any) => c.name === encodeName(col.name));
      expect(sent.description, `${col.schema}.${col.table}.${col.name}`).toBe(col.description ?? undefined);
    }
    for (const comment of fx.columnComments) {
      expect(tableOf(comment.schema, comment.table).columns.find((c: any) => c.name === comment.column)?.description).toBe(comment.description);
    }
  });

  it('sends dataLength, precision and scale as information_schema states them', () => {
    const lengthTypes = new Set(['character varying', 'character', 'bit', 'bit varying']);
    let checked = 0;
    for (const col of columns.filter((c) => c.data_type !== null && c.data_type !== 'ARRAY')) {
      const sent = tableOf(col.schema, col.table).columns.find((c: any) => c.name === encodeName(col.name));
      const label = `${col.schema}.${col.table}.${col.name} (${col.display})`;
      if (lengthTypes.has(String(col.data_type))) {
        expect(sent.dataLength, label).toBe(col.char_length ?? 1);
        checked++;
      } else if (col.data_type === 'numeric' && col.num_precision !== null) {
        expect([sent.precision, sent.scale], label).toEqual([col.num_precision, col.num_scale]);
        checked++;
      } else if (col.data_type === 'numeric') {
        expect([sent.precision, sent.scale], label).toEqual([undefined, undefined]);
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('uses only dataType values of OpenMetadata, and ARRAY with an arrayDataType exactly for arrays', () => {
    const allowed = new Set(specEnum('dataType'));
    for (const table of run.tables.values()) {
      for (const col of table.columns) {
        expect(allowed.has(col.dataType), `${table.name}.${col.name}: ${col.dataType}`).toBe(true);
        expect(col.dataType === 'ARRAY', `${table.name}.${col.name}`).toBe(col.arrayDataType !== undefined);
        if (col.arrayDataType) expect(allowed.has(col.arrayDataType)).toBe(true);
      }
    }
  });

  it('types view and materialized view columns like table columns', () => {
    const view = tableOf('sales', 'customer_orders_v').columns;
    expect(view.map((c: any) => [c.name, c.dataType])).toEqual([
      ['customer_id', 'BIGINT'],
      ['full_name', 'TEXT'],
      ['country', 'VARCHAR'],
      ['order_id', 'BIGINT'],
      ['status', 'ENUM'],
      ['ordered_at', 'TIMESTAMPZ'],
    ]);
    const mv = tableOf('reporting', 'daily_revenue_mv').columns;
    expect(mv.map((c: any) => [c.name, c.dataTypeDisplay, c.dataType])).toEqual([
      ['revenue_day', 'timestamp with time zone', 'TIMESTAMPZ'],
      ['currency', 'character(3)', 'CHAR'],
      ['revenue', 'numeric', 'NUMERIC'],
      ['payment_count', 'bigint', 'BIGINT'],
    ]);
  });
});

describe('table constraints', () => {
  function expectedFor(schema: string, table: string): Array<Record<string, unknown>> {
    return (
      constraints
        .filter((k) => k.schema === schema && k.table === table)
        // A single-column key is its column's `constraint` only (OpenMetadata refuses it stated twice), unless a
        // unique key sits on the primary key's own column.
        .filter(
          (k) =>
            k.kind === 'f' ||
            k.columns.length > 1 ||
            (k.kind === 'u' &&
              constraints.some(
                (p) => p.schema === schema && p.table === table && p.kind === 'p' && p.columns.length === 1 && p.columns[0] === k.columns[0],
              )),
        )
        .map((k) => {
          const cols = k.columns.map(encodeName);
          if (k.kind === 'p') return { constraintType: 'PRIMARY_KEY', columns: cols };
          if (k.kind === 'u') return { constraintType: 'UNIQUE', columns: cols };
          const referred = (k.ref_columns ?? []).map((c) =>
            fqn('svc', db.name, String(k.ref_schema), encodeName(String(k.ref_table)), encodeName(c)),
          );
          return { constraintType: 'FOREIGN_KEY', columns: cols, referredColumns: referred };
        })
    );
  }

  it('sends every multi-column PRIMARY KEY and UNIQUE and every FOREIGN KEY of every table, nothing else', () => {
    const sortKey = (k: Record<string, unknown>) => JSON.stringify(k);
    const relations = new Map(columns.map((c) => [key(c.schema, c.table), c]));
    expect(relations.size).toBe(run.tables.size);
    for (const { schema, table } of relations.values()) {
      const expected = expectedFor(schema, table).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      const sent = [...(tableOf(schema, table).tableConstraints ?? [])].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      expect(sent, `${schema}.${table}`).toEqual(expected);
    }
    expect(constraints.length).toBeGreaterThan(40);
  });

  it("covers the fixture's keys and foreign keys: composite, self-referencing, across schemas", () => {
    for (const k of fx.primaryAndUniqueKeys.filter((key) => key.columns.length > 1)) {
      expect(tableOf(k.schema, k.table).tableConstraints, k.name).toContainEqual({
        constraintType: k.type === 'PRIMARY KEY' ? 'PRIMARY_KEY' : 'UNIQUE',
        columns: k.columns.map(encodeName),
      });
    }
    for (const k of fx.foreignKeys) {
      expect(tableOf(k.from.schema, k.from.table).tableConstraints, k.name).toContainEqual({
        constraintType: 'FOREIGN_KEY',
        columns: k.from.columns.map(encodeName),
        referredColumns: k.to.columns.map((c) => fqn('svc', db.name, k.to.schema, encodeName(k.to.table), encodeName(c))),
      });
    }
    expect(tableOf('sales', 'order_items').tableConstraints).toContainEqual({
      constraintType: 'FOREIGN_KEY',
      columns: ['product_id'],
      referredColumns: [`svc.${db.name}.inventory.products.product_id`],
    });
    expect(tableOf('sales', 'shipments').tableConstraints).toContainEqual({
      constraintType: 'FOREIGN_KEY',
      columns: ['carrier_id'],
      referredColumns: [`svc.${db.name}."Odd.Schema"."my.table".id`],
    });
  });

  it('sends an FK to a partitioned table once, not once per partition, and none for views', () => {
    const fks = tableOf('analytics', 'region_notes').tableConstraints.filter((k: any) => k.constraintType === 'FOREIGN_KEY');
    expect(fks).toEqual([
      {
        constraintType: 'FOREIGN_KEY',
        columns: ['customer_id', 'region'],
        referredColumns: [`svc.${db.name}.analytics.customer_regions.customer_id`, `svc.${db.name}.analytics.customer_regions.region`],
      },
    ]);
    for (const table of run.tables.values()) if (table.tableType === 'View') expect(table.tableConstraints).toBeUndefined();
  });
});
