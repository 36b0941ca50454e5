/**
 * The metadata benchmark's database: by default 10,000 tables × 20 columns in 20 schemas, plus 500 views.
 *
 * Everything is built server-side (DO blocks looping over format()/EXECUTE), one statement per schema for the
 * tables and one for all the views, so the whole database takes seconds to create. One DO block per schema keeps
 * each transaction's locks (table, toast table and index, PK and unique indexes: ~5 per table) well inside the
 * default lock table; a single DO over 10,000 tables would fail with "out of shared memory".
 *
 * What one table looks like (schema s, table t, 0-based):
 *   - 20 columns of mixed types: bigint, int, numeric(p,s), varchar(n), text, timestamptz, date, boolean, jsonb,
 *     uuid, text[]; a few NOT NULL, a few with defaults;
 *   - a primary key on id;
 *   - a foreign key parent_id → table t/2 of the same schema, on every table but the first of its schema;
 *   - a foreign key other_ref → table t of the previous schema, when t % 10 = 5 and s > 0 (950 across schemas);
 *   - UNIQUE (code) when t % 4 = 0, UNIQUE (name, valid_from) when t % 20 = 10;
 *   - a comment on the table, and on three of its columns when t is even.
 * Views, 25 per schema: 20 filtered selects of one table, 3 joins of two tables, 2 views of views (one of them
 * reads a view of the previous schema), each with a comment.
 * Small extras so every catalog query has rows: 2 SQL functions and 1 row-level security policy per schema.
 *
 * Run on its own: `npx tsx bench/metadata/generate.ts <postgres admin url> [database]`.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export interface GenerateOptions {
  /** Superuser URL of the server (any database); the bench database is created beside it. */
  adminUrl: string;
  /** Dropped first if it exists. Default `omgen_bench_metadata`. */
  database?: string;
  schemas?: number;
  tablesPerSchema?: number;
  viewsPerSchema?: number;
  /** Connections building schemas at once (each schema is independent except for FKs into the previous one). */
  parallel?: number;
}

export interface GeneratedDatabase {
  url: string;
  database: string;
  seconds: number;
  /** Seconds per phase: tables (with comments, PKs, same-schema FKs, uniques), crossSchemaFks, views, vacuumCatalogs. */
  phases: Record<string, number>;
  counts: {
    /** The generated schemas; the database also has `public`, which the workflow reports too. */
    schemas: number;
    /** Every schema the workflow reads (the generated ones and public). */
    userSchemas: number;
    tables: number;
    views: number;
    columns: number;
    primaryKeys: number;
    foreignKeys: number;
    uniqueConstraints: number;
    tableComments: number;
    columnComments: number;
    routines: number;
    policies: number;
  };
}

export const SCHEMA_NAMES = [
  'sales',
  'finance',
  'hr',
  'marketing',
  'inventory',
  'logistics',
  'billing',
  'support',
  'analytics',
  'crm',
  'procurement',
  'payroll',
  'web',
  'mobile',
  'risk',
  'compliance',
  'catalog',
  'shipping',
  'audit',
  'research',
];

/** Table n of a schema is `<word>_<n / 25>`: e.g. customer_0, order_line_0, …, customer_1, … */
const TABLE_WORDS = [
  'customer',
  'order',
  'order_line',
  'invoice',
  'payment',
  'product',
  'supplier',
  'shipment',
  'account',
  'ledger_entry',
  'employee',
  'department',
  'campaign',
  'lead',
  'ticket',
  'contract',
  'warehouse',
  'stock_move',
  'price_list',
  'refund',
  'subscription',
  'session',
  'event',
  'address',
  'review',
];

function schemaName(s: number): string {
  const base = SCHEMA_NAMES[s % SCHEMA_NAMES.length];
  return s < SCHEMA_NAMES.length ? base : `${base}_${Math.floor(s / SCHEMA_NAMES.length)}`;
}

const sqlText = (value: string): string => `'${value.replaceAll("'", "''")}'`;
const sqlTextArray = (values: string[]): string => `array[${values.map(sqlText).join(', ')}]::text[]`;

/** One DO block creating all tables of schema `s` (and their comments). */
function tablesSql(s: number, tables: number): string {
  const schema = schemaName(s);
  return `
DO $gen$
DECLARE
  words text[] := ${sqlTextArray(TABLE_WORDS)};
  sch text := ${sqlText(schema)};
  tname text;
  parent text;
  uniques text;
BEGIN
  EXECUTE format('CREATE SCHEMA %I', sch);
  EXECUTE format('COMMENT ON SCHEMA %I IS %L', sch, 'Benchmark schema ' || sch);
  FOR t IN 0..${tables - 1} LOOP
    tname := format('%s_%s', words[t % ${TABLE_WORDS.length} + 1], t / ${TABLE_WORDS.length});
    parent := CASE WHEN t = 0 THEN ''
      ELSE format(' REFERENCES %I.%I (id)', sch, format('%s_%s', words[(t / 2) % ${TABLE_WORDS.length} + 1], (t / 2) / ${TABLE_WORDS.length})) END;
    uniques := CASE WHEN t % 4 = 0 THEN format(', CONSTRAINT %I UNIQUE (code)', tname || '_code_key') ELSE '' END
      || CASE WHEN t % 20 = 10 THEN format(', CONSTRAINT %I UNIQUE (name, valid_from)', tname || '_name_valid_key') ELSE '' END;
    EXECUTE format($t$CREATE TABLE %1$I.%2$I (
      id bigint PRIMARY KEY,
      parent_id bigint%3$s,
      code varchar(%4$s) NOT NULL,
      name varchar(200),
      description text,
      amount numeric(%5$s, 2),
      rate numeric(9, 4),
      quantity integer NOT NULL DEFAULT 0,
      total bigint,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz,
      valid_from date,
      valid_to date,
      attributes jsonb,
      external_id uuid,
      labels text[],
      other_ref bigint,
      score integer,
      payload jsonb%6$s
    )$t$, sch, tname, parent, 16 + t % 48, 10 + t % 9, uniques);
    EXECUTE format('COMMENT ON TABLE %I.%I IS %L', sch, tname,
      format('Benchmark table %s.%s: %s records of the %s domain, kept for %s years.', sch, tname, words[t % ${TABLE_WORDS.length} + 1], sch, 1 + t % 7));
    IF t % 2 = 0 THEN
      EXECUTE format('COMMENT ON COLUMN %I.%I.id IS %L', sch, tname, 'Surrogate key');
      EXECUTE format('COMMENT ON COLUMN %I.%I.amount IS %L', sch, tname, 'Amount in the account currency, two decimals');
      EXECUTE format('COMMENT ON COLUMN %I.%I.external_id IS %L', sch, tname, 'Identifier in the upstream system');
    END IF;
  END LOOP;
  -- Two routines and one row-level security policy per schema: the routines and policies queries return rows.
  EXECUTE format($f$CREATE FUNCTION %I.active_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM %I.customer_0 WHERE is_active'$f$, sch, sch);
  EXECUTE format($f$CREATE FUNCTION %I.touch(p_id bigint) RETURNS void LANGUAGE plpgsql AS $b$ BEGIN UPDATE %I.customer_0 SET updated_at = now() WHERE id = p_id; END $b$$f$, sch, sch);
  EXECUTE format('COMMENT ON FUNCTION %I.active_count() IS %L', sch, 'Active customers');
  EXECUTE format('CREATE POLICY %I ON %I.customer_0 USING (is_active)', sch || '_active_only', sch);
END
$gen$`;
}

/** other_ref → the same-named table of the previous schema, on every table with t % 10 = 5 outside schema 0. */
function crossSchemaForeignKeysSql(schemas: number, tables: number): string {
  return `
DO $gen$
DECLARE
  words text[] := ${sqlTextArray(TABLE_WORDS)};
  schs text[] := ${sqlTextArray(Array.from({ length: schemas }, (_, s) => schemaName(s)))};
  tname text;
BEGIN
  FOR s IN 2..${schemas} LOOP
    FOR t IN 5..${tables - 1} BY 10 LOOP
      tname := format('%s_%s', words[t % ${TABLE_WORDS.length} + 1], t / ${TABLE_WORDS.length});
      EXECUTE format('ALTER TABLE %I.%I ADD CONSTRAINT %I FOREIGN KEY (other_ref) REFERENCES %I.%I (id)',
        schs[s], tname, tname || '_other_ref_fkey', schs[s - 1], tname);
    END LOOP;
  END LOOP;
END
$gen$`;
}

/** One DO block creating every view; views of views come after the views they read. */
function viewsSql(schemas: number, tables: number, viewsPerSchema: number): string {
  const names = Array.from({ length: schemas }, (_, s) => schemaName(s));
  const simple = Math.max(0, viewsPerSchema - 5);
  const joins = Math.min(3, Math.max(0, viewsPerSchema - simple));
  const nested = viewsPerSchema - simple - joins;
  return `
DO $gen$
DECLARE
  words text[] := ${sqlTextArray(TABLE_WORDS)};
  schs text[] := ${sqlTextArray(names)};
  sch text;
  prev text;
  a text;
  b text;
  vname text;
  n int;
BEGIN
  FOR s IN 1..${schemas} LOOP
    sch := schs[s];
    prev := CASE WHEN s > 1 THEN schs[s - 1] ELSE '' END;
    FOR v IN 0..${simple - 1} LOOP
      n := (v * ${Math.max(1, Math.floor(tables / Math.max(1, simple)))} + v) % ${tables};
      a := format('%s_%s', words[n % ${TABLE_WORDS.length} + 1], n / ${TABLE_WORDS.length});
      vname := format('v_%s_%s', a, v);
      EXECUTE format('CREATE VIEW %I.%I AS SELECT id, code, name, amount, created_at FROM %I.%I WHERE is_active AND quantity > %s',
        sch, vname, sch, a, v);
      EXECUTE format('COMMENT ON VIEW %I.%I IS %L', sch, vname, 'Active rows of ' || sch || '.' || a);
    END LOOP;
    FOR v IN 0..${joins - 1} LOOP
      n := 2 * v + 1;
      a := format('%s_%s', words[n % ${TABLE_WORDS.length} + 1], n / ${TABLE_WORDS.length});
      b := format('%s_%s', words[(n / 2) % ${TABLE_WORDS.length} + 1], (n / 2) / ${TABLE_WORDS.length});
      vname := format('j_%s_with_parent', a);
      EXECUTE format($v$CREATE VIEW %1$I.%2$I AS
        SELECT c.id, c.code, c.amount, p.name AS parent_name, p.created_at AS parent_created_at
        FROM %1$I.%3$I c JOIN %1$I.%4$I p ON p.id = c.parent_id
        WHERE c.valid_to IS NULL OR c.valid_to > current_date$v$, sch, vname, a, b);
      EXECUTE format('COMMENT ON VIEW %I.%I IS %L', sch, vname, 'Rows of ' || a || ' with their parent');
    END LOOP;
    FOR v IN 0..${nested - 1} LOOP
      -- Views of views: the union of two simple views; the second one per schema also reads the previous schema.
      vname := format('vv_summary_%s', v);
      IF v % 2 = 1 AND prev <> '' THEN
        EXECUTE format($v$CREATE VIEW %1$I.%2$I AS
          SELECT x.id, x.code, x.amount FROM %1$I.%3$I x
          UNION ALL SELECT y.id, y.code, y.amount FROM %4$I.%5$I y$v$,
          sch, vname, (SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
                       WHERE ns.nspname = sch AND c.relkind = 'v' AND c.relname LIKE 'v\\_%' ORDER BY c.relname LIMIT 1 OFFSET v),
          prev, 'vv_summary_0');
      ELSE
        EXECUTE format($v$CREATE VIEW %1$I.%2$I AS
          SELECT x.id, x.code, sum(x.amount) OVER (PARTITION BY x.code) AS amount FROM %1$I.%3$I x
          UNION ALL SELECT y.id, y.code, y.amount FROM %1$I.%4$I y$v$,
          sch, vname,
          (SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
           WHERE ns.nspname = sch AND c.relkind = 'v' AND c.relname LIKE 'v\\_%' ORDER BY c.relname LIMIT 1 OFFSET v),
          (SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
           WHERE ns.nspname = sch AND c.relkind = 'v' AND c.relname LIKE 'j\\_%' ORDER BY c.relname LIMIT 1));
      END IF;
      EXECUTE format('COMMENT ON VIEW %I.%I IS %L', sch, vname, 'A view of views');
    END LOOP;
  END LOOP;
END
$gen$`;
}

/** The catalogs the metadata workflow reads. */
const CATALOGS = [
  'pg_namespace',
  'pg_class',
  'pg_attribute',
  'pg_type',
  'pg_description',
  'pg_constraint',
  'pg_depend',
  'pg_rewrite',
  'pg_proc',
  'pg_policy',
  'pg_partitioned_table',
  'pg_inherits',
  'pg_attrdef',
  'pg_index',
];

const COUNTS_SQL = `
select
  (select count(*) from pg_namespace n where n.nspname not like 'pg\\_%' and n.nspname not in ('information_schema', 'public'))::int as schemas,
  (select count(*) from pg_namespace n where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema')::int as user_schemas,
  (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'r' and n.nspname not like 'pg\\_%' and n.nspname not in ('information_schema'))::int as tables,
  (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'v' and n.nspname not like 'pg\\_%' and n.nspname not in ('information_schema'))::int as views,
  (select count(*) from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'v') and a.attnum > 0 and not a.attisdropped
       and n.nspname not like 'pg\\_%' and n.nspname not in ('information_schema'))::int as columns,
  (select count(*) from pg_constraint k join pg_namespace n on n.oid = k.connamespace
     where k.contype = 'p' and n.nspname not like 'pg\\_%')::int as primary_keys,
  (select count(*) from pg_constraint k join pg_namespace n on n.oid = k.connamespace
     where k.contype = 'f' and n.nspname not like 'pg\\_%')::int as foreign_keys,
  (select count(*) from pg_constraint k join pg_namespace n on n.oid = k.connamespace
     where k.contype = 'u' and n.nspname not like 'pg\\_%')::int as unique_constraints,
  (select count(*) from pg_description d join pg_class c on c.oid = d.objoid and d.classoid = 'pg_class'::regclass
     where d.objsubid = 0 and c.relkind = 'r')::int as table_comments,
  (select count(*) from pg_description d where d.classoid = 'pg_class'::regclass and d.objsubid > 0)::int as column_comments,
  (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname not like 'pg\\_%' and n.nspname not in ('information_schema'))::int as routines,
  (select count(*) from pg_policy)::int as policies`;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function generateMetadataDatabase(options: GenerateOptions): Promise<GeneratedDatabase> {
  const database = options.database ?? 'omgen_bench_metadata';
  const schemas = options.schemas ?? 20;
  const tables = options.tablesPerSchema ?? 500;
  const views = options.viewsPerSchema ?? 25;
  const parallel = Math.max(1, options.parallel ?? 2);
  if (tables < 25 || views < 6) throw new Error('the generator needs at least 25 tables and 6 views per schema');
  const started = performance.now();

  await withClient(options.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}"`);
    await c.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  });
  const url = withDatabase(options.adminUrl, database);

  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string): void => {
    const now = performance.now();
    phases[name] = Math.round(now - mark) / 1000;
    mark = now;
  };
  // Schemas are independent (cross-schema FKs are added afterwards), so `parallel` connections share a queue.
  const queue = Array.from({ length: schemas }, (_, s) => s);
  await Promise.all(
    Array.from({ length: Math.min(parallel, schemas) }, () =>
      withClient(url, async (c) => {
        for (let s = queue.shift(); s !== undefined; s = queue.shift()) await c.query(tablesSql(s, tables));
      }),
    ),
  );
  phase('tables');
  await withClient(url, async (c) => {
    await c.query(crossSchemaForeignKeysSql(schemas, tables));
    phase('crossSchemaFks');
    await c.query(viewsSql(schemas, tables, views));
    phase('views');
    // What autovacuum would have done on a database this size: catalog statistics, hint bits, visibility maps.
    // (The user tables are empty; analyzing them would only cost time.)
    await c.query(`VACUUM (ANALYZE) ${CATALOGS.map((t) => `pg_catalog.${t}`).join(', ')}`);
    phase('vacuumCatalogs');
  });
  const counts = await withClient(url, async (c) => (await c.query<Record<string, number>>(COUNTS_SQL)).rows[0]);
  return {
    url,
    database,
    seconds: (performance.now() - started) / 1000,
    phases,
    counts: {
      schemas: counts.schemas,
      userSchemas: counts.user_schemas,
      tables: counts.tables,
      views: counts.views,
      columns: counts.columns,
      primaryKeys: counts.primary_keys,
      foreignKeys: counts.foreign_keys,
      uniqueConstraints: counts.unique_constraints,
      tableComments: counts.table_comments,
      columnComments: counts.column_comments,
      routines: counts.routines,
      policies: counts.policies,
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [adminUrl, database] = process.argv.slice(2);
  if (!adminUrl) {
    process.stderr.write('usage: npx tsx bench/metadata/generate.ts <postgres admin url> [database]\n');
    process.exit(2);
  }
  generateMetadataDatabase({ adminUrl, database })
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
