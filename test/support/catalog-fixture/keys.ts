/** Expected primary, unique and foreign keys (the constraints themselves are declared in the table DDL). */
import type { FixtureForeignKey, FixtureKeyConstraint } from './expectation-types.js';
import { S } from './names.js';
import { ODD, ODD_COL } from './odd-names.js';

export const PRIMARY_AND_UNIQUE_KEYS: readonly FixtureKeyConstraint[] = [
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
];

export const FOREIGN_KEYS: readonly FixtureForeignKey[] = [
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
];
