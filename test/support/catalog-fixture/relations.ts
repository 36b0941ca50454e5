/** Expected schemas and the relations (tables, views, foreign tables) ingestion must report in each. */
import { C } from './comments.js';
import type { FixtureSchema } from './expectation-types.js';
import { OWNER_ROLE, S } from './names.js';
import { ODD, ODD_SCHEMA, ODD_VIEW } from './odd-names.js';

export const SCHEMAS: readonly FixtureSchema[] = [
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
];
