/**
 * Catalog fixture: a deliberately awkward Postgres database used by the
 * metadata-ingestion tests.
 *
 * `catalogFixtureSql({ major })` returns SQL statements (one per array element,
 * no trailing semicolons) to run in order, by a superuser, in an empty
 * database. It works on Postgres 11 through 18; a few objects only exist on
 * newer servers (see `minMajor` in the expectations).
 *
 * `catalogFixtureExpectations` lists what the fixture creates so tests can
 * assert names and counts without re-deriving them from the SQL. Use
 * `catalogFixtureExpectationsFor({ major })` to get the list filtered for a
 * given server major version.
 *
 * Pure module: no database access here.
 */

export interface ServerMajor {
  /** Server major version: 11, 12, ..., 18 (see `majorFromServerVersionNum`). */
  readonly major: number;
}

/** `server_version_num` (e.g. 110022, 180004) to a major version (11, 18). */
export function majorFromServerVersionNum(serverVersionNum: number): number {
  // 9.6 and older (90624) report as 9: below anything the fixture supports.
  return Math.floor(serverVersionNum / 10000);
}

export type FixtureRelationKind = 'regular' | 'partitioned' | 'foreign' | 'view' | 'materializedView';

export interface FixtureRelation {
  readonly name: string;
  readonly kind: FixtureRelationKind;
  /** Owner role when it is not the superuser that ran the fixture. */
  readonly owner?: string;
  /** Exact COMMENT ON text, when the fixture sets one. */
  readonly description?: string;
  /** For views and materialized views: the relations they read, as "schema.name". */
  readonly upstream?: readonly string[];
}

export interface FixtureSchema {
  readonly name: string;
  readonly description?: string;
  readonly owner?: string;
  /** Relations that ingestion must report as tables (partitions excluded). */
  readonly relations: readonly FixtureRelation[];
}

export type PartitionStrategy = 'RANGE' | 'LIST' | 'HASH';

export interface FixturePartitionedTable {
  readonly schema: string;
  readonly table: string;
  readonly strategy: PartitionStrategy;
  /** Partition key columns, in key order. */
  readonly columns: readonly string[];
  /** Direct partitions. */
  readonly partitions: readonly string[];
}

export interface FixtureColumnRef {
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly string[];
}

export interface FixtureForeignKey {
  readonly name: string;
  readonly from: FixtureColumnRef;
  readonly to: FixtureColumnRef;
}

export interface FixtureKeyConstraint {
  readonly name: string;
  readonly schema: string;
  readonly table: string;
  readonly type: 'PRIMARY KEY' | 'UNIQUE';
  readonly columns: readonly string[];
}

export type FixtureRoutineKind = 'function' | 'procedure';

export interface FixtureRoutine {
  readonly schema: string;
  readonly name: string;
  readonly kind: FixtureRoutineKind;
  readonly language: 'sql' | 'plpgsql';
  /**
   * `pg_get_function_identity_arguments(oid)` output (tells overloads apart), as printed by
   * Postgres 11-13. From 14 on, procedure arguments are printed with their mode
   * ("IN p_before date"); `catalogFixtureExpectationsFor` applies that.
   */
  readonly identityArguments: string;
  readonly description?: string;
}

export interface FixturePolicySet {
  readonly schema: string;
  readonly table: string;
  readonly policies: readonly string[];
}

export interface FixtureTypeColumn {
  /** Column name in `public.type_showcase`. */
  readonly name: string;
  /** Type as written in CREATE TABLE. */
  readonly sqlType: string;
  /** `format_type(atttypid, atttypmod)` with the default search_path ("$user", public). */
  readonly formatType: string;
  /** Only created when the server major is >= minMajor. */
  readonly minMajor?: number;
}

export interface FixtureSpecialColumn {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly minMajor?: number;
}

export interface FixtureColumnComment {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly description: string;
}

export interface CatalogFixtureExpectations {
  /** Non-superuser role that owns the `billing` schema and its tables (cluster-wide, created if missing). */
  readonly ownerRole: string;
  /** Schema holding the hstore / ltree / file_fdw extension objects (types and many functions, no tables). */
  readonly extensionSchema: string;
  readonly extensions: readonly string[];
  /** Every non-system schema present after the fixture ran (public, extension schema and empty schemas included). */
  readonly allSchemas: readonly string[];
  /** Schemas that hold relations, with the relations ingestion must report (views included). `public` is included. */
  readonly schemas: readonly FixtureSchema[];
  /** Schemas with no objects at all. */
  readonly emptySchemas: readonly string[];
  readonly partitionedTables: readonly FixturePartitionedTable[];
  /** Every partition (leaf or intermediate), per schema: these must NOT be ingested as tables. */
  readonly partitionChildren: Readonly<Record<string, readonly string[]>>;
  readonly primaryAndUniqueKeys: readonly FixtureKeyConstraint[];
  readonly foreignKeys: readonly FixtureForeignKey[];
  readonly routines: readonly FixtureRoutine[];
  /** Tables with ROW LEVEL SECURITY enabled, with their policy names. */
  readonly policies: readonly FixturePolicySet[];
  readonly typeShowcase: { readonly schema: string; readonly table: string; readonly columns: readonly FixtureTypeColumn[] };
  readonly identityColumns: readonly FixtureSpecialColumn[];
  /** STORED generated columns (Postgres >= 12) and VIRTUAL ones (>= 18). */
  readonly generatedColumns: readonly (FixtureSpecialColumn & { readonly storage: 'stored' | 'virtual' })[];
  readonly columnComments: readonly FixtureColumnComment[];
  /** The foreign server used by the foreign table. */
  readonly foreignServer: string;
  /** Names with dots, mixed case, reserved words, quotes, unicode and spaces. */
  readonly oddNames: {
    readonly schema: string;
    readonly tables: readonly string[];
    readonly columns: readonly string[];
    readonly view: string;
    readonly function: string;
    readonly policies: readonly string[];
  };
}

// ---------------------------------------------------------------------------
// Quoting helpers

function qi(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function qn(schema: string, name: string): string {
  return `${qi(schema)}.${qi(name)}`;
}

function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------
// Names

const OWNER_ROLE = 'omgen_owner';
const EXT_SCHEMA = 'extensions';
const FOREIGN_SERVER = 'supplier_files';

const ODD_SCHEMA = 'Odd.Schema';
const ODD = {
  myTable: 'my.table',
  mixedCase: 'Mixed Case',
  select: 'select',
  quote: 'quo"te',
  unicode: 'ünïcödé_表',
  withSpace: 'with space',
} as const;
const ODD_COL = {
  displayName: 'Display.Name',
  camel: 'CustomerRef',
  from: 'from',
  order: 'order',
  user: 'user',
  quoted: 'say "hi"',
  unicodeName: '名前',
  unicodeSize: 'größe_cm',
  firstName: 'first name',
  lastName: 'last name',
  quoteRef: 'quo"te.id',
} as const;
const ODD_VIEW = 'Mixed Case View';
const ODD_FUNCTION = 'calc.Total';

const POLICY = {
  ordersRep: 'orders_sales_rep_isolation',
  ordersManagers: 'Orders: "managers" see all',
  paymentsAudit: 'payments.read-only audit',
} as const;

// Comments (exact strings; some exercise escaping).
const C = {
  schemaSales: 'Order-to-cash: customers, orders, payments and shipments.',
  schemaInventory: 'Products, categories, warehouses and stock levels.',
  schemaAnalytics: 'Clickstream and session data (partitioned).',
  schemaReporting: 'Derived views and materialized views for BI.',
  schemaIntegrations: 'External feeds exposed as foreign tables.',
  schemaBilling: 'Invoicing, owned by the non-superuser role omgen_owner.',
  schemaOdd: 'Schema whose name contains a dot and mixed case.',
  schemaArchive: 'Intentionally empty schema.',
  customers: 'Customer master data: one row per person or company.\nPII — handle with care; it\'s "sensitive".',
  orders: 'Customer orders (row level security enabled).',
  orderItems: 'Order lines; composite primary key (order_id, line_no).',
  payments: 'Payments captured against orders (row level security enabled).',
  products: 'Sellable products; (supplier_code, supplier_sku) is unique.',
  pageEvents: 'Clickstream events, RANGE partitioned by occurred_at; 2024 is sub-partitioned by channel.',
  customerRegions: 'Customer to sales region mapping, LIST partitioned by region.',
  sessions: 'Web sessions, HASH partitioned by (tenant_id, session_id).',
  customerOrdersV: 'Customers joined with their orders.',
  customerOrderTotalsV: 'Per-customer order totals (a view of a view).',
  topCustomersV: 'Top customers by spend (a view of a view of a view).',
  orderFulfillmentV: 'Orders joined with inventory products (cross-schema view).',
  dailyRevenueMv: 'Daily captured revenue (materialized).',
  supplierFeed: 'Supplier price feed read from a CSV file via file_fdw.',
  invoices: 'Invoices issued to customers; owned by omgen_owner.',
  typeShowcase: 'One column per Postgres type category.',
  oddMyTable: 'Table whose name contains a dot.',
  oddUnicode: 'Table with a non-ASCII name: ünïcödé 表.',
  colEmail: 'Primary contact e-mail; unique.',
  colStatus: 'Order lifecycle status (enum sales.order_status).',
  colAmount: 'Amount in the order currency; can\'t be negative.',
  colDisplayName: 'Column whose name contains a dot.',
  colUnicode: 'Name in local script.',
  fnOrderTotal: 'Sum of order lines for one order.',
  fnOrderTotalTax: 'Sum of order lines for one order, optionally with 20% tax.',
  fnCustomerTier: 'Bronze / silver / gold tier from lifetime spend.',
  fnTouch: 'Trigger function maintaining updated_at.',
  procArchive: 'Moves cancelled orders older than a cutoff to archived state.',
  procResetEmail: 'Sets a customer e-mail (SQL-language procedure).',
  procRestock: 'Adds stock for a product in the default warehouse.',
  procRestockWh: 'Adds stock for a product in a given warehouse.',
  fnOddTotal: 'Function with a dot and mixed case in its name.',
} as const;

// ---------------------------------------------------------------------------
// Type showcase

const TYPE_COLUMNS: readonly FixtureTypeColumn[] = [
  { name: 'col_smallint', sqlType: 'smallint', formatType: 'smallint' },
  { name: 'col_integer', sqlType: 'integer', formatType: 'integer' },
  { name: 'col_bigint', sqlType: 'bigint', formatType: 'bigint' },
  { name: 'col_serial', sqlType: 'serial', formatType: 'integer' },
  { name: 'col_bigserial', sqlType: 'bigserial', formatType: 'bigint' },
  { name: 'col_numeric', sqlType: 'numeric', formatType: 'numeric' },
  { name: 'col_numeric_12_3', sqlType: 'numeric(12,3)', formatType: 'numeric(12,3)' },
  { name: 'col_real', sqlType: 'real', formatType: 'real' },
  { name: 'col_double', sqlType: 'double precision', formatType: 'double precision' },
  { name: 'col_money', sqlType: 'money', formatType: 'money' },
  { name: 'col_varchar_50', sqlType: 'varchar(50)', formatType: 'character varying(50)' },
  { name: 'col_varchar', sqlType: 'varchar', formatType: 'character varying' },
  { name: 'col_char_10', sqlType: 'char(10)', formatType: 'character(10)' },
  { name: 'col_internal_char', sqlType: '"char"', formatType: '"char"' },
  { name: 'col_name', sqlType: 'name', formatType: 'name' },
  { name: 'col_text', sqlType: 'text', formatType: 'text' },
  { name: 'col_bytea', sqlType: 'bytea', formatType: 'bytea' },
  { name: 'col_boolean', sqlType: 'boolean', formatType: 'boolean' },
  { name: 'col_date', sqlType: 'date', formatType: 'date' },
  { name: 'col_time', sqlType: 'time', formatType: 'time without time zone' },
  { name: 'col_timetz', sqlType: 'time with time zone', formatType: 'time with time zone' },
  { name: 'col_timestamp', sqlType: 'timestamp', formatType: 'timestamp without time zone' },
  { name: 'col_timestamptz', sqlType: 'timestamptz', formatType: 'timestamp with time zone' },
  { name: 'col_timestamp_3', sqlType: 'timestamp(3)', formatType: 'timestamp(3) without time zone' },
  { name: 'col_interval', sqlType: 'interval', formatType: 'interval' },
  { name: 'col_interval_day_second', sqlType: 'interval day to second', formatType: 'interval day to second' },
  { name: 'col_uuid', sqlType: 'uuid', formatType: 'uuid' },
  { name: 'col_json', sqlType: 'json', formatType: 'json' },
  { name: 'col_jsonb', sqlType: 'jsonb', formatType: 'jsonb' },
  { name: 'col_xml', sqlType: 'xml', formatType: 'xml' },
  { name: 'col_inet', sqlType: 'inet', formatType: 'inet' },
  { name: 'col_cidr', sqlType: 'cidr', formatType: 'cidr' },
  { name: 'col_macaddr', sqlType: 'macaddr', formatType: 'macaddr' },
  { name: 'col_macaddr8', sqlType: 'macaddr8', formatType: 'macaddr8' },
  { name: 'col_bit_8', sqlType: 'bit(8)', formatType: 'bit(8)' },
  { name: 'col_varbit_16', sqlType: 'bit varying(16)', formatType: 'bit varying(16)' },
  { name: 'col_tsvector', sqlType: 'tsvector', formatType: 'tsvector' },
  { name: 'col_tsquery', sqlType: 'tsquery', formatType: 'tsquery' },
  { name: 'col_point', sqlType: 'point', formatType: 'point' },
  { name: 'col_line', sqlType: 'line', formatType: 'line' },
  { name: 'col_lseg', sqlType: 'lseg', formatType: 'lseg' },
  { name: 'col_box', sqlType: 'box', formatType: 'box' },
  { name: 'col_path', sqlType: 'path', formatType: 'path' },
  { name: 'col_polygon', sqlType: 'polygon', formatType: 'polygon' },
  { name: 'col_circle', sqlType: 'circle', formatType: 'circle' },
  { name: 'col_int4range', sqlType: 'int4range', formatType: 'int4range' },
  { name: 'col_int8range', sqlType: 'int8range', formatType: 'int8range' },
  { name: 'col_numrange', sqlType: 'numrange', formatType: 'numrange' },
  { name: 'col_tsrange', sqlType: 'tsrange', formatType: 'tsrange' },
  { name: 'col_tstzrange', sqlType: 'tstzrange', formatType: 'tstzrange' },
  { name: 'col_daterange', sqlType: 'daterange', formatType: 'daterange' },
  { name: 'col_int4multirange', sqlType: 'int4multirange', formatType: 'int4multirange', minMajor: 14 },
  { name: 'col_oid', sqlType: 'oid', formatType: 'oid' },
  { name: 'col_regclass', sqlType: 'regclass', formatType: 'regclass' },
  { name: 'col_pg_lsn', sqlType: 'pg_lsn', formatType: 'pg_lsn' },
  { name: 'col_txid_snapshot', sqlType: 'txid_snapshot', formatType: 'txid_snapshot' },
  { name: 'col_pg_snapshot', sqlType: 'pg_snapshot', formatType: 'pg_snapshot', minMajor: 13 },
  { name: 'col_int_array', sqlType: 'integer[]', formatType: 'integer[]' },
  { name: 'col_text_2d_array', sqlType: 'text[][]', formatType: 'text[]' },
  { name: 'col_varchar_20_array', sqlType: 'varchar(20)[]', formatType: 'character varying(20)[]' },
  { name: 'col_enum', sqlType: 'sales.order_status', formatType: 'sales.order_status' },
  { name: 'col_enum_array', sqlType: 'sales.order_status[]', formatType: 'sales.order_status[]' },
  { name: 'col_domain', sqlType: 'sales.country_code', formatType: 'sales.country_code' },
  { name: 'col_domain_of_domain', sqlType: 'sales.eu_country_code', formatType: 'sales.eu_country_code' },
  { name: 'col_domain_array', sqlType: 'sales.country_code[]', formatType: 'sales.country_code[]' },
  { name: 'col_composite', sqlType: 'sales.postal_address', formatType: 'sales.postal_address' },
  { name: 'col_hstore', sqlType: `${EXT_SCHEMA}.hstore`, formatType: `${EXT_SCHEMA}.hstore` },
  { name: 'col_ltree', sqlType: `${EXT_SCHEMA}.ltree`, formatType: `${EXT_SCHEMA}.ltree` },
];

/** A literal for every showcase column (row 1); row 2 leaves them all NULL. */
const TYPE_VALUES: Readonly<Record<string, string>> = {
  col_smallint: '32767',
  col_integer: '-2147483648',
  col_bigint: '9223372036854775807',
  col_serial: 'DEFAULT',
  col_bigserial: 'DEFAULT',
  col_numeric: '12345678901234567890.123456789',
  col_numeric_12_3: '123456789.123',
  col_real: '3.14',
  col_double: '2.718281828459045',
  col_money: "'1234.56'",
  col_varchar_50: "'varchar fifty'",
  col_varchar: "'unbounded varchar'",
  col_char_10: "'abc'",
  col_internal_char: "'x'",
  col_name: "'pg_name_value'",
  col_text: "'Ünicode text ✓ with ''quotes'''",
  col_bytea: "decode('deadbeef', 'hex')",
  col_boolean: 'true',
  col_date: "'2024-02-29'",
  col_time: "'13:45:30.123456'",
  col_timetz: "'13:45:30+02'",
  col_timestamp: "'2024-02-29 13:45:30.123456'",
  col_timestamptz: "'2024-02-29 13:45:30+00'",
  col_timestamp_3: "'2024-02-29 13:45:30.123'",
  col_interval: "'1 year 2 months 3 days 04:05:06'",
  col_interval_day_second: "'3 days 04:05:06.5'",
  col_uuid: "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
  col_json: `'{"items": [1, 2, {"sku": null}]}'`,
  col_jsonb: `'{"items": [1, 2, {"sku": null}], "currency": "EUR"}'`,
  col_xml: "'<note><to>ops</to><body>restock</body></note>'",
  col_inet: "'192.168.0.1/24'",
  col_cidr: "'10.0.0.0/8'",
  col_macaddr: "'08:00:2b:01:02:03'",
  col_macaddr8: "'08:00:2b:01:02:03:04:05'",
  col_bit_8: "B'10101010'",
  col_varbit_16: "B'1011'",
  col_tsvector: "to_tsvector('english', 'The quick brown fox jumps')",
  col_tsquery: "to_tsquery('english', 'quick & fox')",
  col_point: "'(1.5,2.5)'",
  col_line: "'{1,-1,0}'",
  col_lseg: "'[(0,0),(1,1)]'",
  col_box: "'((0,0),(2,2))'",
  col_path: "'[(0,0),(1,1),(2,0)]'",
  col_polygon: "'((0,0),(1,1),(1,0))'",
  col_circle: "'<(0,0),5>'",
  col_int4range: "'[1,10)'",
  col_int8range: "'[1,10000000000)'",
  col_numrange: "'(0.5,2.5]'",
  col_tsrange: "'[2024-01-01 00:00,2024-02-01 00:00)'",
  col_tstzrange: "'[2024-01-01 00:00+00,2024-02-01 00:00+00)'",
  col_daterange: "'[2024-01-01,2024-12-31]'",
  col_int4multirange: "'{[1,3),[5,8)}'",
  col_oid: '1259',
  col_regclass: "'sales.customers'",
  col_pg_lsn: "'16/B374D848'",
  col_txid_snapshot: "'10:20:10,14,15'",
  col_pg_snapshot: "'10:20:10,14,15'",
  col_int_array: "'{1,2,3}'",
  col_text_2d_array: "'{{a,b},{c,d}}'",
  col_varchar_20_array: "'{north,south}'",
  col_enum: "'paid'",
  col_enum_array: "'{pending,paid}'",
  col_domain: "'DE'",
  col_domain_of_domain: "'FR'",
  col_domain_array: "'{DE,US}'",
  col_composite: "ROW('1 Main St', 'Springfield', '12345', 'US')",
  col_hstore: `'color=>blue, size=>"XL"'`,
  col_ltree: "'Top.Science.Astronomy'",
};

// ---------------------------------------------------------------------------
// Expectations

const S = {
  public: 'public',
  sales: 'sales',
  inventory: 'inventory',
  analytics: 'analytics',
  reporting: 'reporting',
  integrations: 'integrations',
  billing: 'billing',
  odd: ODD_SCHEMA,
  archive: 'archive',
} as const;

const PARTITIONED: readonly FixturePartitionedTable[] = [
  {
    schema: S.analytics,
    table: 'page_events',
    strategy: 'RANGE',
    columns: ['occurred_at'],
    partitions: ['page_events_2023', 'page_events_2024', 'page_events_2025'],
  },
  {
    schema: S.analytics,
    table: 'page_events_2024',
    strategy: 'LIST',
    columns: ['channel'],
    partitions: ['page_events_2024_web', 'page_events_2024_mobile', 'page_events_2024_other'],
  },
  {
    schema: S.analytics,
    table: 'customer_regions',
    strategy: 'LIST',
    columns: ['region'],
    partitions: ['customer_regions_emea', 'customer_regions_amer', 'customer_regions_apac'],
  },
  {
    schema: S.analytics,
    table: 'sessions',
    strategy: 'HASH',
    columns: ['tenant_id', 'session_id'],
    partitions: ['sessions_p0', 'sessions_p1', 'sessions_p2', 'sessions_p3'],
  },
];

export const catalogFixtureExpectations: CatalogFixtureExpectations = {
  ownerRole: OWNER_ROLE,
  extensionSchema: EXT_SCHEMA,
  extensions: ['hstore', 'ltree', 'file_fdw'],
  allSchemas: [S.public, EXT_SCHEMA, S.sales, S.inventory, S.analytics, S.reporting, S.integrations, S.billing, S.odd, S.archive],
  foreignServer: FOREIGN_SERVER,
  schemas: [
    {
      name: S.public,
      relations: [{ name: 'type_showcase', kind: 'regular', description: C.typeShowcase }],
    },
    {
      name: S.sales,
      description: C.schemaSales,
      relations: [
        { name: 'customers', kind: 'regular', description: C.customers },
        { name: 'orders', kind: 'regular', description: C.orders },
        { name: 'order_items', kind: 'regular', description: C.orderItems },
        { name: 'payments', kind: 'regular', description: C.payments },
        { name: 'shipments', kind: 'regular' },
        { name: 'shipment_items', kind: 'regular' },
        {
          name: 'customer_orders_v',
          kind: 'view',
          description: C.customerOrdersV,
          upstream: ['sales.customers', 'sales.orders'],
        },
        {
          name: 'customer_order_totals_v',
          kind: 'view',
          description: C.customerOrderTotalsV,
          upstream: ['sales.customer_orders_v'],
        },
        {
          name: 'top_customers_v',
          kind: 'view',
          description: C.topCustomersV,
          upstream: ['sales.customer_order_totals_v'],
        },
      ],
    },
    {
      name: S.inventory,
      description: C.schemaInventory,
      relations: [
        { name: 'warehouses', kind: 'regular' },
        { name: 'product_categories', kind: 'regular' },
        { name: 'products', kind: 'regular', description: C.products },
        { name: 'stock_levels', kind: 'regular' },
      ],
    },
    {
      name: S.analytics,
      description: C.schemaAnalytics,
      relations: [
        { name: 'page_events', kind: 'partitioned', description: C.pageEvents },
        { name: 'customer_regions', kind: 'partitioned', description: C.customerRegions },
        { name: 'sessions', kind: 'partitioned', description: C.sessions },
      ],
    },
    {
      name: S.reporting,
      description: C.schemaReporting,
      relations: [
        {
          name: 'order_fulfillment_v',
          kind: 'view',
          description: C.orderFulfillmentV,
          upstream: ['sales.orders', 'sales.order_items', 'inventory.products'],
        },
        {
          name: 'daily_revenue_mv',
          kind: 'materializedView',
          description: C.dailyRevenueMv,
          upstream: ['sales.orders', 'sales.payments'],
        },
      ],
    },
    {
      name: S.integrations,
      description: C.schemaIntegrations,
      relations: [{ name: 'supplier_price_feed', kind: 'foreign', description: C.supplierFeed }],
    },
    {
      name: S.billing,
      description: C.schemaBilling,
      owner: OWNER_ROLE,
      relations: [
        { name: 'invoices', kind: 'regular', owner: OWNER_ROLE, description: C.invoices },
        { name: 'invoice_lines', kind: 'regular', owner: OWNER_ROLE },
      ],
    },
    {
      name: S.odd,
      description: C.schemaOdd,
      relations: [
        { name: ODD.myTable, kind: 'regular', description: C.oddMyTable },
        { name: ODD.mixedCase, kind: 'regular' },
        { name: ODD.select, kind: 'regular' },
        { name: ODD.quote, kind: 'regular' },
        { name: ODD.unicode, kind: 'regular', description: C.oddUnicode },
        { name: ODD.withSpace, kind: 'regular' },
        { name: ODD_VIEW, kind: 'view', upstream: [`${ODD_SCHEMA}.${ODD.withSpace}`, `${ODD_SCHEMA}.${ODD.quote}`] },
      ],
    },
  ],
  emptySchemas: [S.archive],
  partitionedTables: PARTITIONED,
  partitionChildren: {
    [S.analytics]: PARTITIONED.flatMap((p) => p.partitions),
  },
  primaryAndUniqueKeys: [
    { name: 'type_showcase_pkey', schema: S.public, table: 'type_showcase', type: 'PRIMARY KEY', columns: ['showcase_id'] },
    { name: 'customers_pkey', schema: S.sales, table: 'customers', type: 'PRIMARY KEY', columns: ['customer_id'] },
    { name: 'customers_email_key', schema: S.sales, table: 'customers', type: 'UNIQUE', columns: ['email'] },
    { name: 'orders_pkey', schema: S.sales, table: 'orders', type: 'PRIMARY KEY', columns: ['order_id'] },
    { name: 'order_items_pkey', schema: S.sales, table: 'order_items', type: 'PRIMARY KEY', columns: ['order_id', 'line_no'] },
    { name: 'payments_pkey', schema: S.sales, table: 'payments', type: 'PRIMARY KEY', columns: ['payment_id'] },
    { name: 'shipments_pkey', schema: S.sales, table: 'shipments', type: 'PRIMARY KEY', columns: ['shipment_id'] },
    {
      name: 'shipment_items_pkey',
      schema: S.sales,
      table: 'shipment_items',
      type: 'PRIMARY KEY',
      columns: ['shipment_id', 'order_id', 'line_no'],
    },
    { name: 'warehouses_pkey', schema: S.inventory, table: 'warehouses', type: 'PRIMARY KEY', columns: ['warehouse_id'] },
    { name: 'warehouses_code_key', schema: S.inventory, table: 'warehouses', type: 'UNIQUE', columns: ['code'] },
    { name: 'product_categories_pkey', schema: S.inventory, table: 'product_categories', type: 'PRIMARY KEY', columns: ['category_id'] },
    { name: 'products_pkey', schema: S.inventory, table: 'products', type: 'PRIMARY KEY', columns: ['product_id'] },
    {
      name: 'products_supplier_sku_key',
      schema: S.inventory,
      table: 'products',
      type: 'UNIQUE',
      columns: ['supplier_code', 'supplier_sku'],
    },
    {
      name: 'stock_levels_pkey',
      schema: S.inventory,
      table: 'stock_levels',
      type: 'PRIMARY KEY',
      columns: ['warehouse_id', 'product_id'],
    },
    {
      name: 'customer_regions_pkey',
      schema: S.analytics,
      table: 'customer_regions',
      type: 'PRIMARY KEY',
      columns: ['customer_id', 'region'],
    },
    { name: 'sessions_pkey', schema: S.analytics, table: 'sessions', type: 'PRIMARY KEY', columns: ['tenant_id', 'session_id'] },
    { name: 'invoices_pkey', schema: S.billing, table: 'invoices', type: 'PRIMARY KEY', columns: ['invoice_id'] },
    { name: 'invoices_number_key', schema: S.billing, table: 'invoices', type: 'UNIQUE', columns: ['invoice_number'] },
    { name: 'invoice_lines_pkey', schema: S.billing, table: 'invoice_lines', type: 'PRIMARY KEY', columns: ['invoice_id', 'line_no'] },
    { name: 'my.table_pkey', schema: S.odd, table: ODD.myTable, type: 'PRIMARY KEY', columns: ['id'] },
    { name: 'Mixed Case_pkey', schema: S.odd, table: ODD.mixedCase, type: 'PRIMARY KEY', columns: ['Id'] },
    { name: 'select_pkey', schema: S.odd, table: ODD.select, type: 'PRIMARY KEY', columns: [ODD_COL.order] },
    { name: 'select_from_user_key', schema: S.odd, table: ODD.select, type: 'UNIQUE', columns: [ODD_COL.from, ODD_COL.user] },
    { name: 'quo"te_pkey', schema: S.odd, table: ODD.quote, type: 'PRIMARY KEY', columns: ['id'] },
    { name: 'ünïcödé_表_pkey', schema: S.odd, table: ODD.unicode, type: 'PRIMARY KEY', columns: ['id'] },
    { name: 'with space_pkey', schema: S.odd, table: ODD.withSpace, type: 'PRIMARY KEY', columns: ['id'] },
  ],
  foreignKeys: [
    {
      name: 'customers_referred_by_fkey',
      from: { schema: S.sales, table: 'customers', columns: ['referred_by_customer_id'] },
      to: { schema: S.sales, table: 'customers', columns: ['customer_id'] },
    },
    {
      name: 'orders_customer_fkey',
      from: { schema: S.sales, table: 'orders', columns: ['customer_id'] },
      to: { schema: S.sales, table: 'customers', columns: ['customer_id'] },
    },
    {
      name: 'order_items_order_fkey',
      from: { schema: S.sales, table: 'order_items', columns: ['order_id'] },
      to: { schema: S.sales, table: 'orders', columns: ['order_id'] },
    },
    {
      name: 'order_items_product_fkey',
      from: { schema: S.sales, table: 'order_items', columns: ['product_id'] },
      to: { schema: S.inventory, table: 'products', columns: ['product_id'] },
    },
    {
      name: 'payments_order_fkey',
      from: { schema: S.sales, table: 'payments', columns: ['order_id'] },
      to: { schema: S.sales, table: 'orders', columns: ['order_id'] },
    },
    {
      name: 'shipments_carrier_fkey',
      from: { schema: S.sales, table: 'shipments', columns: ['carrier_id'] },
      to: { schema: S.odd, table: ODD.myTable, columns: ['id'] },
    },
    {
      name: 'shipment_items_shipment_fkey',
      from: { schema: S.sales, table: 'shipment_items', columns: ['shipment_id'] },
      to: { schema: S.sales, table: 'shipments', columns: ['shipment_id'] },
    },
    {
      name: 'shipment_items_order_item_fkey',
      from: { schema: S.sales, table: 'shipment_items', columns: ['order_id', 'line_no'] },
      to: { schema: S.sales, table: 'order_items', columns: ['order_id', 'line_no'] },
    },
    {
      name: 'product_categories_parent_fkey',
      from: { schema: S.inventory, table: 'product_categories', columns: ['parent_category_id'] },
      to: { schema: S.inventory, table: 'product_categories', columns: ['category_id'] },
    },
    {
      name: 'products_category_fkey',
      from: { schema: S.inventory, table: 'products', columns: ['category_id'] },
      to: { schema: S.inventory, table: 'product_categories', columns: ['category_id'] },
    },
    {
      name: 'stock_levels_warehouse_fkey',
      from: { schema: S.inventory, table: 'stock_levels', columns: ['warehouse_id'] },
      to: { schema: S.inventory, table: 'warehouses', columns: ['warehouse_id'] },
    },
    {
      name: 'stock_levels_product_fkey',
      from: { schema: S.inventory, table: 'stock_levels', columns: ['product_id'] },
      to: { schema: S.inventory, table: 'products', columns: ['product_id'] },
    },
    {
      name: 'page_events_customer_fkey',
      from: { schema: S.analytics, table: 'page_events', columns: ['customer_id'] },
      to: { schema: S.sales, table: 'customers', columns: ['customer_id'] },
    },
    {
      name: 'invoices_customer_fkey',
      from: { schema: S.billing, table: 'invoices', columns: ['customer_id'] },
      to: { schema: S.sales, table: 'customers', columns: ['customer_id'] },
    },
    {
      name: 'invoice_lines_invoice_fkey',
      from: { schema: S.billing, table: 'invoice_lines', columns: ['invoice_id'] },
      to: { schema: S.billing, table: 'invoices', columns: ['invoice_id'] },
    },
    {
      name: 'Mixed Case_CustomerRef_fkey',
      from: { schema: S.odd, table: ODD.mixedCase, columns: [ODD_COL.camel] },
      to: { schema: S.sales, table: 'customers', columns: ['customer_id'] },
    },
    {
      name: 'with space_quo"te.id_fkey',
      from: { schema: S.odd, table: ODD.withSpace, columns: [ODD_COL.quoteRef] },
      to: { schema: S.odd, table: ODD.quote, columns: ['id'] },
    },
  ],
  routines: [
    {
      schema: S.sales,
      name: 'order_total',
      kind: 'function',
      language: 'sql',
      identityArguments: 'p_order_id bigint',
      description: C.fnOrderTotal,
    },
    {
      schema: S.sales,
      name: 'order_total',
      kind: 'function',
      language: 'sql',
      identityArguments: 'p_order_id bigint, p_include_tax boolean',
      description: C.fnOrderTotalTax,
    },
    {
      schema: S.sales,
      name: 'customer_tier',
      kind: 'function',
      language: 'plpgsql',
      identityArguments: 'p_customer_id bigint',
      description: C.fnCustomerTier,
    },
    { schema: S.sales, name: 'touch_updated_at', kind: 'function', language: 'plpgsql', identityArguments: '', description: C.fnTouch },
    {
      schema: S.sales,
      name: 'archive_cancelled_orders',
      kind: 'procedure',
      language: 'plpgsql',
      identityArguments: 'p_before date',
      description: C.procArchive,
    },
    {
      schema: S.sales,
      name: 'reset_customer_email',
      kind: 'procedure',
      language: 'sql',
      identityArguments: 'p_customer_id bigint, p_email text',
      description: C.procResetEmail,
    },
    {
      schema: S.inventory,
      name: 'restock',
      kind: 'procedure',
      language: 'plpgsql',
      identityArguments: 'p_product_id bigint, p_quantity integer',
      description: C.procRestock,
    },
    {
      schema: S.inventory,
      name: 'restock',
      kind: 'procedure',
      language: 'plpgsql',
      identityArguments: 'p_product_id bigint, p_quantity integer, p_warehouse_id integer',
      description: C.procRestockWh,
    },
    {
      schema: S.odd,
      name: ODD_FUNCTION,
      kind: 'function',
      language: 'sql',
      identityArguments: 'net numeric, tax_rate numeric',
      description: C.fnOddTotal,
    },
  ],
  policies: [
    { schema: S.sales, table: 'orders', policies: [POLICY.ordersRep, POLICY.ordersManagers] },
    { schema: S.sales, table: 'payments', policies: [POLICY.paymentsAudit] },
  ],
  typeShowcase: { schema: S.public, table: 'type_showcase', columns: TYPE_COLUMNS },
  identityColumns: [
    { schema: S.public, table: 'type_showcase', column: 'showcase_id' },
    { schema: S.sales, table: 'customers', column: 'customer_id' },
    { schema: S.sales, table: 'orders', column: 'order_id' },
    { schema: S.sales, table: 'payments', column: 'payment_id' },
  ],
  generatedColumns: [
    { schema: S.sales, table: 'order_items', column: 'line_total', storage: 'stored', minMajor: 12 },
    { schema: S.sales, table: 'customers', column: 'email_domain', storage: 'virtual', minMajor: 18 },
  ],
  columnComments: [
    { schema: S.sales, table: 'customers', column: 'email', description: C.colEmail },
    { schema: S.sales, table: 'orders', column: 'status', description: C.colStatus },
    { schema: S.sales, table: 'payments', column: 'amount', description: C.colAmount },
    { schema: S.odd, table: ODD.myTable, column: ODD_COL.displayName, description: C.colDisplayName },
    { schema: S.odd, table: ODD.unicode, column: ODD_COL.unicodeName, description: C.colUnicode },
  ],
  oddNames: {
    schema: ODD_SCHEMA,
    tables: Object.values(ODD),
    columns: Object.values(ODD_COL),
    view: ODD_VIEW,
    function: ODD_FUNCTION,
    policies: [POLICY.ordersManagers, POLICY.paymentsAudit],
  },
};

/** The expectations with objects that need a newer server removed. */
export function catalogFixtureExpectationsFor(server: ServerMajor): CatalogFixtureExpectations {
  const e = catalogFixtureExpectations;
  const keep = (minMajor: number | undefined): boolean => minMajor === undefined || server.major >= minMajor;
  return {
    ...e,
    typeShowcase: { ...e.typeShowcase, columns: e.typeShowcase.columns.filter((c) => keep(c.minMajor)) },
    identityColumns: e.identityColumns.filter((c) => keep(c.minMajor)),
    generatedColumns: e.generatedColumns.filter((c) => keep(c.minMajor)),
    routines: e.routines.map((r) =>
      r.kind === 'procedure' && server.major >= 14 && r.identityArguments !== ''
        ? { ...r, identityArguments: r.identityArguments.split(', ').map((a) => `IN ${a}`).join(', ') }
        : r,
    ),
  };
}

// ---------------------------------------------------------------------------
// SQL

export function catalogFixtureSql(server: ServerMajor): string[] {
  const { major } = server;
  if (!Number.isInteger(major) || major < 11) {
    throw new Error(`catalogFixtureSql: unsupported Postgres major version ${String(major)} (need 11 or newer)`);
  }
  const odd = (table: string): string => qn(ODD_SCHEMA, table);
  const oc = (column: string): string => qi(column);
  const typeColumns = TYPE_COLUMNS.filter((c) => c.minMajor === undefined || major >= c.minMajor);

  const sql: string[] = [];
  const add = (...statements: string[]): void => {
    sql.push(...statements);
  };

  // Roles are cluster-wide; tolerate reruns and concurrent runs in other databases.
  add(`DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${lit(OWNER_ROLE)}) THEN
    CREATE ROLE ${qi(OWNER_ROLE)} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$`);

  // Schemas and extensions.
  add(
    `CREATE SCHEMA ${qi(EXT_SCHEMA)}`,
    `CREATE EXTENSION IF NOT EXISTS hstore SCHEMA ${qi(EXT_SCHEMA)}`,
    `CREATE EXTENSION IF NOT EXISTS ltree SCHEMA ${qi(EXT_SCHEMA)}`,
    `CREATE EXTENSION IF NOT EXISTS file_fdw SCHEMA ${qi(EXT_SCHEMA)}`,
    `CREATE SCHEMA sales`,
    `CREATE SCHEMA inventory`,
    `CREATE SCHEMA analytics`,
    `CREATE SCHEMA reporting`,
    `CREATE SCHEMA integrations`,
    `CREATE SCHEMA billing AUTHORIZATION ${qi(OWNER_ROLE)}`,
    `CREATE SCHEMA ${qi(ODD_SCHEMA)}`,
    `CREATE SCHEMA archive`,
  );

  // User-defined types.
  add(
    `CREATE TYPE sales.order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled', 'refunded', 'archived')`,
    `CREATE DOMAIN sales.country_code AS varchar(5) CHECK (VALUE ~ '^[A-Z]{2,5}$')`,
    `CREATE DOMAIN sales.eu_country_code AS sales.country_code CHECK (VALUE IN ('AT', 'BE', 'DE', 'ES', 'FR', 'IT', 'NL', 'PL'))`,
    `CREATE TYPE sales.postal_address AS (street text, city text, postal_code varchar(10), country sales.country_code)`,
  );

  // Odd names (created first: sales.shipments references "my.table").
  add(
    `CREATE TABLE ${odd(ODD.myTable)} (
  id integer PRIMARY KEY,
  ${oc(ODD_COL.displayName)} text NOT NULL,
  tracking_url text
)`,
    `CREATE TABLE ${odd(ODD.quote)} (
  id integer PRIMARY KEY,
  ${oc(ODD_COL.quoted)} text DEFAULT 'it''s "quoted"'
)`,
    `CREATE TABLE ${odd(ODD.unicode)} (
  id integer PRIMARY KEY,
  ${oc(ODD_COL.unicodeName)} text NOT NULL,
  ${oc(ODD_COL.unicodeSize)} numeric(6,1)
)`,
    `CREATE TABLE ${odd(ODD.withSpace)} (
  id integer PRIMARY KEY,
  ${oc(ODD_COL.firstName)} text,
  ${oc(ODD_COL.lastName)} text,
  ${oc(ODD_COL.quoteRef)} integer CONSTRAINT ${qi('with space_quo"te.id_fkey')} REFERENCES ${odd(ODD.quote)} (id)
)`,
    `CREATE TABLE ${odd(ODD.select)} (
  ${oc(ODD_COL.order)} integer PRIMARY KEY,
  ${oc(ODD_COL.from)} date NOT NULL,
  ${oc(ODD_COL.user)} text NOT NULL DEFAULT current_user,
  CONSTRAINT select_from_user_key UNIQUE (${oc(ODD_COL.from)}, ${oc(ODD_COL.user)})
)`,
  );

  // Inventory.
  add(
    `CREATE TABLE inventory.warehouses (
  warehouse_id integer PRIMARY KEY,
  code varchar(10) NOT NULL CONSTRAINT warehouses_code_key UNIQUE,
  city text NOT NULL,
  country sales.country_code NOT NULL DEFAULT 'DE',
  opened_on date
)`,
    `CREATE TABLE inventory.product_categories (
  category_id integer PRIMARY KEY,
  parent_category_id integer CONSTRAINT product_categories_parent_fkey REFERENCES inventory.product_categories (category_id),
  name text NOT NULL,
  path ${EXT_SCHEMA}.ltree
)`,
    `CREATE TABLE inventory.products (
  product_id bigint PRIMARY KEY,
  category_id integer NOT NULL CONSTRAINT products_category_fkey REFERENCES inventory.product_categories (category_id),
  supplier_code varchar(20) NOT NULL,
  supplier_sku varchar(40) NOT NULL,
  name text NOT NULL,
  unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0),
  attributes ${EXT_SCHEMA}.hstore,
  is_active boolean NOT NULL DEFAULT true,
  CONSTRAINT products_supplier_sku_key UNIQUE (supplier_code, supplier_sku)
)`,
    `CREATE TABLE inventory.stock_levels (
  warehouse_id integer NOT NULL CONSTRAINT stock_levels_warehouse_fkey REFERENCES inventory.warehouses (warehouse_id),
  product_id bigint NOT NULL CONSTRAINT stock_levels_product_fkey REFERENCES inventory.products (product_id),
  quantity integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stock_levels_pkey PRIMARY KEY (warehouse_id, product_id)
)`,
  );

  // Sales.
  add(
    `CREATE TABLE sales.customers (
  customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CONSTRAINT customers_email_key UNIQUE,
  full_name text NOT NULL,
  country sales.country_code NOT NULL,
  billing_address sales.postal_address,
  referred_by_customer_id bigint CONSTRAINT customers_referred_by_fkey REFERENCES sales.customers (customer_id),
  marketing_opt_in boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz${major >= 18 ? ",\n  email_domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) VIRTUAL" : ''}
)`,
    `CREATE TABLE sales.orders (
  order_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL CONSTRAINT orders_customer_fkey REFERENCES sales.customers (customer_id),
  status sales.order_status NOT NULL DEFAULT 'pending',
  ordered_at timestamptz NOT NULL DEFAULT now(),
  currency char(3) NOT NULL DEFAULT 'EUR',
  sales_rep name NOT NULL DEFAULT current_user,
  notes text
)`,
    `CREATE INDEX orders_customer_idx ON sales.orders (customer_id, ordered_at DESC)`,
    `CREATE TABLE sales.order_items (
  order_id bigint NOT NULL CONSTRAINT order_items_order_fkey REFERENCES sales.orders (order_id) ON DELETE CASCADE,
  line_no smallint NOT NULL,
  product_id bigint NOT NULL CONSTRAINT order_items_product_fkey REFERENCES inventory.products (product_id),
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price numeric(10,2) NOT NULL${major >= 12 ? ',\n  line_total numeric(12,2) GENERATED ALWAYS AS (quantity * unit_price) STORED' : ''},
  CONSTRAINT order_items_pkey PRIMARY KEY (order_id, line_no)
)`,
    `CREATE TABLE sales.payments (
  payment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL CONSTRAINT payments_order_fkey REFERENCES sales.orders (order_id),
  amount numeric(12,2) NOT NULL CHECK (amount >= 0),
  method text NOT NULL DEFAULT 'card',
  captured_at timestamptz,
  processor_payload jsonb
)`,
    `CREATE TABLE sales.shipments (
  shipment_id integer PRIMARY KEY,
  carrier_id integer CONSTRAINT shipments_carrier_fkey REFERENCES ${odd(ODD.myTable)} (id),
  shipped_at timestamptz,
  delivery_address sales.postal_address
)`,
    `CREATE TABLE sales.shipment_items (
  shipment_id integer NOT NULL CONSTRAINT shipment_items_shipment_fkey REFERENCES sales.shipments (shipment_id),
  order_id bigint NOT NULL,
  line_no smallint NOT NULL,
  CONSTRAINT shipment_items_pkey PRIMARY KEY (shipment_id, order_id, line_no),
  CONSTRAINT shipment_items_order_item_fkey FOREIGN KEY (order_id, line_no) REFERENCES sales.order_items (order_id, line_no)
)`,
  );

  // Remaining odd-name tables (reference sales.customers).
  add(
    `CREATE TABLE ${odd(ODD.mixedCase)} (
  ${oc('Id')} integer PRIMARY KEY,
  ${oc(ODD_COL.camel)} bigint CONSTRAINT ${qi('Mixed Case_CustomerRef_fkey')} REFERENCES sales.customers (customer_id),
  ${oc('UPPER_NOTE')} text
)`,
  );

  // Billing: owned by a non-superuser role.
  add(
    `CREATE TABLE billing.invoices (
  invoice_id bigint PRIMARY KEY,
  invoice_number varchar(20) NOT NULL CONSTRAINT invoices_number_key UNIQUE,
  customer_id bigint NOT NULL CONSTRAINT invoices_customer_fkey REFERENCES sales.customers (customer_id),
  issued_on date NOT NULL DEFAULT current_date,
  due_on date,
  total_amount money
)`,
    `CREATE TABLE billing.invoice_lines (
  invoice_id bigint NOT NULL CONSTRAINT invoice_lines_invoice_fkey REFERENCES billing.invoices (invoice_id),
  line_no integer NOT NULL,
  description text NOT NULL,
  amount numeric(12,2) NOT NULL,
  CONSTRAINT invoice_lines_pkey PRIMARY KEY (invoice_id, line_no)
)`,
    `ALTER TABLE billing.invoices OWNER TO ${qi(OWNER_ROLE)}`,
    `ALTER TABLE billing.invoice_lines OWNER TO ${qi(OWNER_ROLE)}`,
  );

  // Analytics: partitioned tables.
  add(
    `CREATE TABLE analytics.page_events (
  event_id bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  channel text NOT NULL,
  customer_id bigint CONSTRAINT page_events_customer_fkey REFERENCES sales.customers (customer_id),
  url text NOT NULL,
  properties jsonb
) PARTITION BY RANGE (occurred_at)`,
    `CREATE TABLE analytics.page_events_2023 PARTITION OF analytics.page_events
  FOR VALUES FROM ('2023-01-01 00:00:00+00') TO ('2024-01-01 00:00:00+00')`,
    `CREATE TABLE analytics.page_events_2024 PARTITION OF analytics.page_events
  FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')
  PARTITION BY LIST (channel)`,
    `CREATE TABLE analytics.page_events_2024_web PARTITION OF analytics.page_events_2024 FOR VALUES IN ('web')`,
    `CREATE TABLE analytics.page_events_2024_mobile PARTITION OF analytics.page_events_2024 FOR VALUES IN ('ios', 'android')`,
    `CREATE TABLE analytics.page_events_2024_other PARTITION OF analytics.page_events_2024 DEFAULT`,
    `CREATE TABLE analytics.page_events_2025 PARTITION OF analytics.page_events
  FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')`,
    `CREATE TABLE analytics.customer_regions (
  customer_id bigint NOT NULL,
  region text NOT NULL,
  assigned_on date NOT NULL DEFAULT current_date,
  CONSTRAINT customer_regions_pkey PRIMARY KEY (customer_id, region)
) PARTITION BY LIST (region)`,
    `CREATE TABLE analytics.customer_regions_emea PARTITION OF analytics.customer_regions FOR VALUES IN ('EMEA')`,
    `CREATE TABLE analytics.customer_regions_amer PARTITION OF analytics.customer_regions FOR VALUES IN ('NA', 'LATAM')`,
    `CREATE TABLE analytics.customer_regions_apac PARTITION OF analytics.customer_regions FOR VALUES IN ('APAC')`,
    `CREATE TABLE analytics.sessions (
  tenant_id integer NOT NULL,
  session_id uuid NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  user_agent text,
  CONSTRAINT sessions_pkey PRIMARY KEY (tenant_id, session_id)
) PARTITION BY HASH (tenant_id, session_id)`,
    ...[0, 1, 2, 3].map(
      (r) => `CREATE TABLE analytics.sessions_p${r} PARTITION OF analytics.sessions FOR VALUES WITH (MODULUS 4, REMAINDER ${r})`,
    ),
  );

  // Foreign table.
  add(
    `CREATE SERVER ${qi(FOREIGN_SERVER)} FOREIGN DATA WRAPPER file_fdw`,
    `CREATE FOREIGN TABLE integrations.supplier_price_feed (
  supplier_code varchar(20) NOT NULL,
  supplier_sku varchar(40) NOT NULL,
  unit_cost numeric(10,2),
  feed_date date
) SERVER ${qi(FOREIGN_SERVER)} OPTIONS (filename '/dev/null', format 'csv')`,
  );

  // Type showcase.
  add(
    `CREATE TABLE public.type_showcase (
  showcase_id integer GENERATED BY DEFAULT AS IDENTITY CONSTRAINT type_showcase_pkey PRIMARY KEY,
${typeColumns.map((c) => `  ${qi(c.name)} ${c.sqlType}`).join(',\n')}
)`,
  );

  // Functions and procedures.
  add(
    `CREATE FUNCTION sales.order_total(p_order_id bigint) RETURNS numeric
LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(sum(quantity * unit_price), 0)::numeric(12,2)
  FROM sales.order_items WHERE order_id = p_order_id
$fn$`,
    `CREATE FUNCTION sales.order_total(p_order_id bigint, p_include_tax boolean) RETURNS numeric
LANGUAGE sql STABLE AS $fn$
  SELECT CASE WHEN p_include_tax THEN round(sales.order_total(p_order_id) * 1.20, 2)
              ELSE sales.order_total(p_order_id) END
$fn$`,
    `CREATE FUNCTION sales.customer_tier(p_customer_id bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  spend numeric;
BEGIN
  SELECT coalesce(sum(sales.order_total(o.order_id)), 0) INTO spend
  FROM sales.orders o
  WHERE o.customer_id = p_customer_id AND o.status <> 'cancelled';
  IF spend >= 1000 THEN
    RETURN 'gold';
  ELSIF spend >= 250 THEN
    RETURN 'silver';
  END IF;
  RETURN 'bronze';
END
$fn$`,
    `CREATE FUNCTION sales.touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$fn$`,
    `CREATE TRIGGER customers_touch_updated_at BEFORE UPDATE ON sales.customers
  FOR EACH ROW EXECUTE PROCEDURE sales.touch_updated_at()`,
    `CREATE PROCEDURE sales.archive_cancelled_orders(p_before date)
LANGUAGE plpgsql AS $pr$
BEGIN
  UPDATE sales.orders SET status = 'archived'
  WHERE status = 'cancelled' AND ordered_at < p_before;
END
$pr$`,
    `CREATE PROCEDURE sales.reset_customer_email(p_customer_id bigint, p_email text)
LANGUAGE sql AS $pr$
  UPDATE sales.customers SET email = p_email WHERE customer_id = p_customer_id
$pr$`,
    `CREATE PROCEDURE inventory.restock(p_product_id bigint, p_quantity integer)
LANGUAGE plpgsql AS $pr$
BEGIN
  CALL inventory.restock(p_product_id, p_quantity, 1);
END
$pr$`,
    `CREATE PROCEDURE inventory.restock(p_product_id bigint, p_quantity integer, p_warehouse_id integer)
LANGUAGE plpgsql AS $pr$
BEGIN
  INSERT INTO inventory.stock_levels AS s (warehouse_id, product_id, quantity)
  VALUES (p_warehouse_id, p_product_id, p_quantity)
  ON CONFLICT (warehouse_id, product_id)
  DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity, updated_at = now();
END
$pr$`,
    `CREATE FUNCTION ${odd(ODD_FUNCTION)}(net numeric, tax_rate numeric DEFAULT 0.2) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT round(net * (1 + tax_rate), 2)
$fn$`,
  );

  // Data (small, deterministic).
  add(
    `INSERT INTO ${odd(ODD.myTable)} (id, ${oc(ODD_COL.displayName)}, tracking_url) VALUES
  (1, 'DHL Express', 'https://www.dhl.com/track?id='),
  (2, 'UPS Ground', 'https://www.ups.com/track?tracknum='),
  (3, 'La Poste', NULL)`,
    `INSERT INTO ${odd(ODD.quote)} (id, ${oc(ODD_COL.quoted)}) VALUES (1, 'hello'), (2, DEFAULT)`,
    `INSERT INTO ${odd(ODD.unicode)} (id, ${oc(ODD_COL.unicodeName)}, ${oc(ODD_COL.unicodeSize)}) VALUES
  (1, '東京', 182.5), (2, 'Zürich', 175.0)`,
    `INSERT INTO ${odd(ODD.withSpace)} (id, ${oc(ODD_COL.firstName)}, ${oc(ODD_COL.lastName)}, ${oc(ODD_COL.quoteRef)}) VALUES
  (1, 'Ada', 'Lovelace', 1), (2, 'Alan', 'Turing', 2)`,
    `INSERT INTO ${odd(ODD.select)} (${oc(ODD_COL.order)}, ${oc(ODD_COL.from)}, ${oc(ODD_COL.user)}) VALUES
  (1, '2024-01-01', 'alice'), (2, '2024-01-02', 'bob')`,
    `INSERT INTO inventory.warehouses (warehouse_id, code, city, country, opened_on) VALUES
  (1, 'BER-1', 'Berlin', 'DE', '2019-03-01'),
  (2, 'PAR-1', 'Paris', 'FR', '2021-06-15'),
  (3, 'NYC-1', 'New York', 'US', '2022-11-30')`,
    `INSERT INTO inventory.product_categories (category_id, parent_category_id, name, path) VALUES
  (1, NULL, 'Apparel', 'Apparel'),
  (2, 1, 'Shoes', 'Apparel.Shoes'),
  (3, 1, 'Jackets', 'Apparel.Jackets'),
  (4, NULL, 'Outdoor', 'Outdoor')`,
    `INSERT INTO inventory.products (product_id, category_id, supplier_code, supplier_sku, name, unit_price, attributes) VALUES
  (100, 2, 'ACME', 'RUN-42', 'Trail running shoe', 129.90, 'color=>red, size=>42'),
  (101, 2, 'ACME', 'RUN-43', 'Trail running shoe', 129.90, 'color=>red, size=>43'),
  (102, 3, 'NORTHWIND', 'JKT-M', 'Rain jacket', 189.00, 'color=>navy, size=>M'),
  (103, 4, 'NORTHWIND', 'TNT-2P', 'Two-person tent', 349.50, NULL)`,
    `INSERT INTO inventory.stock_levels (warehouse_id, product_id, quantity) VALUES
  (1, 100, 25), (1, 101, 12), (2, 102, 40), (3, 103, 5)`,
    `INSERT INTO sales.customers (email, full_name, country, billing_address, referred_by_customer_id, marketing_opt_in) VALUES
  ('anna.schmidt@example.de', 'Anna Schmidt', 'DE', ROW('Hauptstr. 1', 'Berlin', '10115', 'DE'), NULL, true),
  ('luc.martin@example.fr', 'Luc Martin', 'FR', ROW('1 rue de Rivoli', 'Paris', '75001', 'FR'), 1, false),
  ('jane.doe@example.com', 'Jane O''Doe', 'US', ROW('5th Ave 100', 'New York', '10001', 'US'), 1, true),
  ('kenji.sato@example.jp', 'Kenji Sato', 'JP', NULL, 3, false)`,
    `INSERT INTO sales.orders (customer_id, status, ordered_at, currency, sales_rep) VALUES
  (1, 'paid', '2024-03-01 10:00+00', 'EUR', 'alice'),
  (1, 'shipped', '2024-03-05 12:30+00', 'EUR', 'alice'),
  (2, 'cancelled', '2024-04-11 08:15+00', 'EUR', 'bob'),
  (3, 'paid', '2024-05-20 17:45+00', 'USD', 'bob'),
  (4, 'pending', '2024-06-02 09:00+00', 'JPY', 'carol')`,
    `INSERT INTO sales.order_items (order_id, line_no, product_id, quantity, unit_price) VALUES
  (1, 1, 100, 1, 129.90), (1, 2, 102, 1, 189.00),
  (2, 1, 103, 1, 349.50),
  (3, 1, 101, 2, 129.90),
  (4, 1, 102, 3, 189.00), (4, 2, 100, 1, 129.90),
  (5, 1, 103, 1, 349.50)`,
    `INSERT INTO sales.payments (order_id, amount, method, captured_at, processor_payload) VALUES
  (1, 318.90, 'card', '2024-03-01 10:01+00', '{"psp": "stripe", "3ds": true}'),
  (2, 349.50, 'paypal', '2024-03-05 12:31+00', NULL),
  (4, 696.90, 'card', '2024-05-20 17:46+00', '{"psp": "adyen"}')`,
    `INSERT INTO sales.shipments (shipment_id, carrier_id, shipped_at, delivery_address) VALUES
  (1, 1, '2024-03-02 08:00+00', ROW('Hauptstr. 1', 'Berlin', '10115', 'DE')),
  (2, 2, '2024-03-06 09:00+00', NULL)`,
    `INSERT INTO sales.shipment_items (shipment_id, order_id, line_no) VALUES (1, 1, 1), (1, 1, 2), (2, 2, 1)`,
    `INSERT INTO ${odd(ODD.mixedCase)} (${oc('Id')}, ${oc(ODD_COL.camel)}, ${oc('UPPER_NOTE')}) VALUES (1, 1, 'VIP'), (2, NULL, NULL)`,
    `INSERT INTO billing.invoices (invoice_id, invoice_number, customer_id, issued_on, due_on, total_amount) VALUES
  (1, 'INV-2024-0001', 1, '2024-03-01', '2024-03-31', '318.90'),
  (2, 'INV-2024-0002', 3, '2024-05-20', '2024-06-19', '696.90')`,
    `INSERT INTO billing.invoice_lines (invoice_id, line_no, description, amount) VALUES
  (1, 1, 'Trail running shoe', 129.90), (1, 2, 'Rain jacket', 189.00), (2, 1, 'Rain jacket x3', 567.00), (2, 2, 'Trail running shoe', 129.90)`,
    `INSERT INTO analytics.page_events (event_id, occurred_at, channel, customer_id, url, properties) VALUES
  (1, '2023-11-05 10:00+00', 'web', 1, '/products/100', NULL),
  (2, '2024-03-01 09:58+00', 'web', 1, '/checkout', '{"step": 3}'),
  (3, '2024-04-11 08:10+00', 'ios', 2, '/cart', NULL),
  (4, '2024-05-20 17:40+00', 'partner-api', 3, '/api/orders', NULL),
  (5, '2025-01-02 12:00+00', 'android', 4, '/products/103', '{"ref": "push"}')`,
    `INSERT INTO analytics.customer_regions (customer_id, region) VALUES (1, 'EMEA'), (2, 'EMEA'), (3, 'NA'), (4, 'APAC')`,
    `INSERT INTO analytics.sessions (tenant_id, session_id, started_at, user_agent) VALUES
  (1, 'b3c7a7d2-1a60-4b0e-9a0c-000000000001', '2024-03-01 09:50+00', 'Mozilla/5.0'),
  (1, 'b3c7a7d2-1a60-4b0e-9a0c-000000000002', '2024-04-11 08:00+00', 'ShopApp/2.1 iOS'),
  (2, 'b3c7a7d2-1a60-4b0e-9a0c-000000000003', '2024-05-20 17:30+00', 'curl/8.0'),
  (3, 'b3c7a7d2-1a60-4b0e-9a0c-000000000004', '2025-01-02 11:55+00', 'ShopApp/2.2 Android')`,
    `INSERT INTO public.type_showcase (${typeColumns.map((c) => qi(c.name)).join(', ')}) VALUES
  (${typeColumns.map((c) => TYPE_VALUES[c.name] ?? 'NULL').join(', ')})`,
    `INSERT INTO public.type_showcase (col_serial) VALUES (DEFAULT)`,
  );

  // Views (a chain of three in sales, one cross-schema, one with odd names) and a materialized view.
  add(
    `CREATE VIEW sales.customer_orders_v AS
SELECT c.customer_id, c.full_name, c.country, o.order_id, o.status, o.ordered_at
FROM sales.customers c
JOIN sales.orders o ON o.customer_id = c.customer_id`,
    `CREATE VIEW sales.customer_order_totals_v AS
SELECT customer_id, full_name, count(*) AS order_count, sum(sales.order_total(order_id)) AS total_spend
FROM sales.customer_orders_v
WHERE status <> 'cancelled'
GROUP BY customer_id, full_name`,
    `CREATE VIEW sales.top_customers_v AS
SELECT customer_id, full_name, total_spend
FROM sales.customer_order_totals_v
WHERE total_spend > 0
ORDER BY total_spend DESC
LIMIT 10`,
    `CREATE VIEW reporting.order_fulfillment_v AS
SELECT o.order_id, o.ordered_at, o.status, i.line_no, p.product_id, p.name AS product_name, i.quantity, p.unit_price
FROM sales.orders o
JOIN sales.order_items i ON i.order_id = o.order_id
JOIN inventory.products p ON p.product_id = i.product_id`,
    `CREATE MATERIALIZED VIEW reporting.daily_revenue_mv AS
SELECT date_trunc('day', p.captured_at) AS revenue_day, o.currency, sum(p.amount) AS revenue, count(*) AS payment_count
FROM sales.payments p
JOIN sales.orders o ON o.order_id = p.order_id
WHERE p.captured_at IS NOT NULL
GROUP BY 1, 2`,
    `CREATE VIEW ${odd(ODD_VIEW)} AS
SELECT w.id, w.${oc(ODD_COL.firstName)}, w.${oc(ODD_COL.lastName)}, q.${oc(ODD_COL.quoted)}
FROM ${odd(ODD.withSpace)} w
LEFT JOIN ${odd(ODD.quote)} q ON q.id = w.${oc(ODD_COL.quoteRef)}`,
  );

  // Row level security.
  add(
    `ALTER TABLE sales.orders ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE sales.payments ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY ${qi(POLICY.ordersRep)} ON sales.orders FOR ALL TO PUBLIC
  USING (sales_rep = current_user) WITH CHECK (sales_rep = current_user)`,
    `CREATE POLICY ${qi(POLICY.ordersManagers)} ON sales.orders AS PERMISSIVE FOR SELECT TO PUBLIC
  USING (current_setting('app.role', true) = 'manager')`,
    `CREATE POLICY ${qi(POLICY.paymentsAudit)} ON sales.payments FOR SELECT TO PUBLIC
  USING (current_setting('app.role', true) IN ('auditor', 'manager'))`,
  );

  // Comments.
  const comment = (target: string, text: string): string => `COMMENT ON ${target} IS ${lit(text)}`;
  add(
    comment('SCHEMA sales', C.schemaSales),
    comment('SCHEMA inventory', C.schemaInventory),
    comment('SCHEMA analytics', C.schemaAnalytics),
    comment('SCHEMA reporting', C.schemaReporting),
    comment('SCHEMA integrations', C.schemaIntegrations),
    comment('SCHEMA billing', C.schemaBilling),
    comment(`SCHEMA ${qi(ODD_SCHEMA)}`, C.schemaOdd),
    comment('SCHEMA archive', C.schemaArchive),
    comment('TABLE public.type_showcase', C.typeShowcase),
    comment('TABLE sales.customers', C.customers),
    comment('TABLE sales.orders', C.orders),
    comment('TABLE sales.order_items', C.orderItems),
    comment('TABLE sales.payments', C.payments),
    comment('TABLE inventory.products', C.products),
    comment('TABLE analytics.page_events', C.pageEvents),
    comment('TABLE analytics.customer_regions', C.customerRegions),
    comment('TABLE analytics.sessions', C.sessions),
    comment('TABLE billing.invoices', C.invoices),
    comment(`TABLE ${odd(ODD.myTable)}`, C.oddMyTable),
    comment(`TABLE ${odd(ODD.unicode)}`, C.oddUnicode),
    comment('VIEW sales.customer_orders_v', C.customerOrdersV),
    comment('VIEW sales.customer_order_totals_v', C.customerOrderTotalsV),
    comment('VIEW sales.top_customers_v', C.topCustomersV),
    comment('VIEW reporting.order_fulfillment_v', C.orderFulfillmentV),
    comment('MATERIALIZED VIEW reporting.daily_revenue_mv', C.dailyRevenueMv),
    comment('FOREIGN TABLE integrations.supplier_price_feed', C.supplierFeed),
    comment('COLUMN sales.customers.email', C.colEmail),
    comment('COLUMN sales.orders.status', C.colStatus),
    comment('COLUMN sales.payments.amount', C.colAmount),
    comment(`COLUMN ${odd(ODD.myTable)}.${oc(ODD_COL.displayName)}`, C.colDisplayName),
    comment(`COLUMN ${odd(ODD.unicode)}.${oc(ODD_COL.unicodeName)}`, C.colUnicode),
    comment('FUNCTION sales.order_total(bigint)', C.fnOrderTotal),
    comment('FUNCTION sales.order_total(bigint, boolean)', C.fnOrderTotalTax),
    comment('FUNCTION sales.customer_tier(bigint)', C.fnCustomerTier),
    comment('FUNCTION sales.touch_updated_at()', C.fnTouch),
    comment('PROCEDURE sales.archive_cancelled_orders(date)', C.procArchive),
    comment('PROCEDURE sales.reset_customer_email(bigint, text)', C.procResetEmail),
    comment('PROCEDURE inventory.restock(bigint, integer)', C.procRestock),
    comment('PROCEDURE inventory.restock(bigint, integer, integer)', C.procRestockWh),
    comment(`FUNCTION ${odd(ODD_FUNCTION)}(numeric, numeric)`, C.fnOddTotal),
  );

  add(`ANALYZE`);
  return sql;
}
