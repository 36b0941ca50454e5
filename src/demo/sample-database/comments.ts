/**
 * COMMENT ON statements. The text lives next to each table's DDL; this module only holds the schema comments
 * and renders them all.
 */
import { SAMPLE_DATABASE_SCHEMAS, type SampleDatabaseSchema } from './schemas.js';
import { lit } from './sql-text.js';

export interface TableComments {
  readonly table: string;
  /** Set for views: COMMENT ON needs the relation kind. */
  readonly kind?: 'VIEW' | 'MATERIALIZED VIEW';
  readonly description: string;
  readonly columns?: Readonly<Record<string, string>>;
}

const SCHEMA_COMMENTS: Readonly<Record<SampleDatabaseSchema, string>> = {
  sales: 'Order-to-cash: customers, orders, payments, shipments and returns.',
  inventory: 'Product catalog, suppliers, warehouses, stock and purchasing.',
  hr: 'People data: employees, departments, positions and compensation.',
  analytics: 'Clickstream, marketing attribution and derived analytical models.',
  staging: 'Raw landing tables loaded by nightly imports before cleansing.',
};

export function commentStatements(tables: readonly TableComments[]): string[] {
  const out: string[] = SAMPLE_DATABASE_SCHEMAS.map((s) => `COMMENT ON SCHEMA ${s} IS ${lit(SCHEMA_COMMENTS[s])}`);
  for (const t of tables) {
    out.push(`COMMENT ON ${t.kind ?? 'TABLE'} ${t.table} IS ${lit(t.description)}`);
    for (const [column, text] of Object.entries(t.columns ?? {})) {
      out.push(`COMMENT ON COLUMN ${t.table}.${column} IS ${lit(text)}`);
    }
  }
  return out;
}
