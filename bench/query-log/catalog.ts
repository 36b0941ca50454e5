/**
 * The query-log bench's warehouse: 60 tables in 5 schemas (raw → staging → core → mart, and finance), 8–30 columns
 * each, joined through `<entity>_id` keys (and `date_key`), plus the roles whose statements the log holds. Two roles
 * run with their own search_path, so their statements may name tables without a schema.
 */
import { Rng } from './rng.js';

export type ColumnKind = 'int' | 'num' | 'text' | 'date' | 'ts' | 'bool' | 'json';

export interface Column {
  name: string;
  kind: ColumnKind;
  type: string;
}

export interface Table {
  schema: string;
  name: string;
  /** The table's own key (its primary key), when it has one. */
  own?: string;
  /** Every `…_id` / `date_key` column, its own key first: what joins go through. */
  keys: string[];
  columns: Column[];
}

export interface Role {
  name: string;
  /** Set by ALTER ROLE … SET search_path; undefined: the default `"$user", public`. */
  searchPath?: string[];
}

export interface Catalog {
  schemas: string[];
  tables: Table[];
  roles: Role[];
  /** Statements that build it, in order (schemas, roles, tables). */
  ddl: string[];
}

/** [name, own key, other keys]: tables of one schema. */
type Spec = [string, string | undefined, string[]];

const SPECS: Record<string, Spec[]> = {
  raw: [
    ['orders', 'order_id', ['customer_id', 'store_id', 'promotion_id', 'employee_id']],
    ['order_items', 'order_item_id', ['order_id', 'product_id', 'promotion_id']],
    ['customers', 'customer_id', ['store_id']],
    ['products', 'product_id', ['supplier_id']],
    ['payments', 'payment_id', ['order_id', 'customer_id']],
    ['shipments', 'shipment_id', ['order_id', 'store_id']],
    ['web_events', 'event_id', ['session_id', 'customer_id', 'product_id']],
    ['sessions', 'session_id', ['customer_id']],
    ['inventory_snapshots', 'snapshot_id', ['product_id', 'store_id']],
    ['suppliers', 'supplier_id', []],
    ['stores', 'store_id', ['employee_id']],
    ['employees', 'employee_id', ['store_id', 'manager_id']],
    ['refunds', 'refund_id', ['order_id', 'payment_id', 'customer_id']],
    ['promotions', 'promotion_id', ['product_id']],
    ['addresses', 'address_id', ['customer_id']],
  ],
  staging: [
    ['stg_orders', 'order_id', ['customer_id', 'store_id', 'promotion_id', 'employee_id']],
    ['stg_order_items', 'order_item_id', ['order_id', 'product_id', 'promotion_id']],
    ['stg_customers', 'customer_id', ['store_id']],
    ['stg_products', 'product_id', ['supplier_id']],
    ['stg_payments', 'payment_id', ['order_id', 'customer_id']],
    ['stg_shipments', 'shipment_id', ['order_id', 'store_id']],
    ['stg_web_events', 'event_id', ['session_id', 'customer_id', 'product_id']],
    ['stg_sessions', 'session_id', ['customer_id']],
    ['stg_inventory', 'snapshot_id', ['product_id', 'store_id']],
    ['stg_suppliers', 'supplier_id', []],
    ['stg_refunds', 'refund_id', ['order_id', 'payment_id', 'customer_id']],
    ['stg_promotions', 'promotion_id', ['product_id']],
  ],
  core: [
    ['dim_customer', 'customer_id', ['store_id']],
    ['dim_product', 'product_id', ['supplier_id']],
    ['dim_store', 'store_id', ['employee_id']],
    ['dim_date', 'date_key', []],
    ['dim_supplier', 'supplier_id', []],
    ['dim_employee', 'employee_id', ['store_id', 'manager_id']],
    ['dim_promotion', 'promotion_id', ['product_id']],
    ['fact_orders', 'order_id', ['customer_id', 'store_id', 'promotion_id', 'date_key']],
    ['fact_order_lines', 'order_item_id', ['order_id', 'product_id', 'customer_id', 'date_key']],
    ['fact_payments', 'payment_id', ['order_id', 'customer_id', 'date_key']],
    ['fact_shipments', 'shipment_id', ['order_id', 'store_id', 'date_key']],
    ['fact_inventory', 'snapshot_id', ['product_id', 'store_id', 'date_key']],
    ['fact_web_sessions', 'session_id', ['customer_id', 'date_key']],
    ['fact_refunds', 'refund_id', ['order_id', 'customer_id', 'date_key']],
    ['bridge_customer_address', 'address_id', ['customer_id']],
  ],
  mart: [
    ['daily_revenue', undefined, ['date_key', 'store_id']],
    ['customer_ltv', 'customer_id', []],
    ['product_performance', undefined, ['product_id', 'date_key']],
    ['store_sales_weekly', undefined, ['store_id', 'date_key']],
    ['cohort_retention', undefined, ['customer_id', 'date_key']],
    ['funnel_daily', undefined, ['date_key', 'session_id']],
    ['inventory_health', undefined, ['product_id', 'store_id']],
    ['supplier_scorecard', 'supplier_id', []],
    ['marketing_attribution', undefined, ['promotion_id', 'order_id', 'customer_id']],
    ['churn_features', 'customer_id', []],
    ['sales_targets', undefined, ['store_id', 'employee_id', 'date_key']],
    ['exec_kpis', undefined, ['date_key']],
  ],
  finance: [
    ['gl_entries', 'gl_entry_id', ['account_id', 'order_id', 'date_key']],
    ['invoices', 'invoice_id', ['order_id', 'customer_id', 'supplier_id']],
    ['ar_aging', undefined, ['invoice_id', 'customer_id']],
    ['revenue_recognition', undefined, ['order_id', 'invoice_id', 'date_key']],
    ['budget', undefined, ['account_id', 'store_id', 'date_key']],
    ['fx_rates', undefined, ['date_key']],
  ],
};

const ATTRIBUTES: Column[] = [
  ['amount', 'num', 'numeric(14,2)'],
  ['quantity', 'int', 'integer'],
  ['unit_price', 'num', 'numeric(12,2)'],
  ['discount', 'num', 'numeric(12,2)'],
  ['tax_amount', 'num', 'numeric(12,2)'],
  ['cost', 'num', 'numeric(14,2)'],
  ['revenue', 'num', 'numeric(14,2)'],
  ['margin', 'num', 'numeric(8,4)'],
  ['status', 'text', 'text'],
  ['channel', 'text', 'text'],
  ['region', 'text', 'text'],
  ['country', 'text', 'char(2)'],
  ['currency', 'text', 'char(3)'],
  ['category', 'text', 'text'],
  ['segment', 'text', 'text'],
  ['name', 'text', 'text'],
  ['email', 'text', 'text'],
  ['city', 'text', 'text'],
  ['sku', 'text', 'varchar(32)'],
  ['source_system', 'text', 'text'],
  ['notes', 'text', 'text'],
  ['created_at', 'ts', 'timestamptz'],
  ['updated_at', 'ts', 'timestamptz'],
  ['loaded_at', 'ts', 'timestamptz'],
  ['event_date', 'date', 'date'],
  ['order_date', 'date', 'date'],
  ['is_active', 'bool', 'boolean'],
  ['is_deleted', 'bool', 'boolean'],
  ['score', 'num', 'double precision'],
  ['weight', 'num', 'numeric(10,3)'],
  ['priority', 'int', 'integer'],
  ['version', 'int', 'integer'],
  ['payload', 'json', 'jsonb'],
].map(([name, kind, type]) => ({ name, kind: kind as ColumnKind, type }));

/** Always there: what filters, windows and upserts need on every table. */
const COMMON = ['amount', 'status', 'created_at', 'updated_at'];

export const ROLES: Role[] = [
  { name: 'etl' },
  { name: 'dbt', searchPath: ['staging', 'raw', 'public'] },
  { name: 'analyst', searchPath: ['mart', 'core', 'public'] },
  { name: 'bi_tool' },
  { name: 'data_scientist' },
];

/** Where CREATE TABLE AS puts its scratch tables: a schema without tables of its own. */
export const SCRATCH_SCHEMA = 'scratch';

const keyType = (key: string): string => (key === 'date_key' ? 'integer' : 'bigint');

export function buildCatalog(seed: number): Catalog {
  const rng = new Rng(seed);
  const tables: Table[] = [];
  for (const [schema, specs] of Object.entries(SPECS)) {
    for (const [name, own, others] of specs) {
      const keys = own ? [own, ...others] : others;
      const total = rng.int(Math.max(8, keys.length + COMMON.length + 1), 30);
      const common = ATTRIBUTES.filter((a) => COMMON.includes(a.name));
      const extra = rng.sample(
        ATTRIBUTES.filter((a) => !COMMON.includes(a.name)),
        total - keys.length - common.length,
      );
      const columns: Column[] = [
        ...keys.map((key) => ({ name: key, kind: 'int' as const, type: keyType(key) })),
        ...[...common, ...extra].sort((a, b) => ATTRIBUTES.indexOf(a) - ATTRIBUTES.indexOf(b)),
      ];
      tables.push({ schema, name, own, keys, columns });
    }
  }
  const schemas = Object.keys(SPECS);
  const ddl = [
    ...[...schemas, SCRATCH_SCHEMA].map((s) => `create schema ${s}`),
    ...ROLES.flatMap((role) => [
      `create role ${role.name}`,
      ...(role.searchPath ? [`alter role ${role.name} set search_path = ${role.searchPath.join(', ')}`] : []),
    ]),
    ...tables.map((t) => {
      const columns = t.columns.map((c) => `${c.name} ${c.type}${c.name === t.own ? ' primary key' : ''}`);
      return `create table ${t.schema}.${t.name} (${columns.join(', ')})`;
    }),
  ];
  return { schemas, tables, roles: ROLES, ddl };
}
