/** staging schema: raw landing tables, one of them (raw_web_events) without a primary key. */
import type { TableComments } from './comments.js';

export function stagingTables(): string[] {
  return [
    `CREATE TABLE staging.raw_orders_import (
  import_id bigint PRIMARY KEY,
  source_file text NOT NULL,
  loaded_at timestamptz NOT NULL,
  raw_customer_email text,
  raw_amount text,
  raw_currency text,
  raw_ordered_at text
)`,
    `CREATE TABLE staging.raw_product_feed (
  feed_row_id bigint PRIMARY KEY,
  supplier_id integer,
  received_at timestamptz NOT NULL,
  payload jsonb NOT NULL
)`,
    `CREATE TABLE staging.raw_web_events (
  received_at timestamptz NOT NULL,
  body jsonb
)`,
    `CREATE TABLE staging.load_audit (
  load_id integer PRIMARY KEY,
  target_table text NOT NULL,
  rows_loaded integer,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  status text NOT NULL,
  error_message text
)`,
  ];
}

export const STAGING_TABLE_COMMENTS: readonly TableComments[] = [
  {
    table: 'staging.raw_orders_import',
    description: 'Orders imported from the legacy marketplace CSV export, untyped.',
    columns: {
      source_file: 'Name of the imported file.',
      raw_customer_email: 'E-mail as received; not validated.',
      raw_amount: 'Amount as text; mixes decimal separators.',
      raw_ordered_at: 'Order time as text in several formats.',
    },
  },
  {
    table: 'staging.raw_product_feed',
    description: 'Supplier product feed, one JSON document per row.',
    columns: { payload: 'Feed item as delivered by the supplier.' },
  },
  { table: 'staging.raw_web_events', description: 'Tracker events before deduplication (no primary key).' },
  {
    table: 'staging.load_audit',
    description: 'One row per nightly load job run.',
    columns: { target_table: 'Table loaded.', rows_loaded: 'Rows written.', status: 'succeeded or failed.', error_message: 'Failure reason.' },
  },
];
