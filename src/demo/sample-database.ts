/**
 * Sample business database for the product demo: "Northwind Outdoor", a small
 * e-commerce company selling outdoor gear.
 *
 * `sampleDatabaseSql()` returns SQL statements (one per array element, no
 * trailing semicolons) to run in order, by a superuser, in an empty database.
 * The same statements work on Postgres 11 through 18 and produce the same,
 * deterministic data on every version (no random(): values come from
 * arithmetic on generate_series, so profiler results are reproducible).
 *
 * Contents: 5 schemas, 30 tables (one partitioned by month), 4 views, 1
 * materialized view, 2 enums, 2 domains, 2 functions, 2 procedures, 1 row
 * level security policy, comments on most tables and columns, and about
 * 12,000 rows (orders: 1,000; order items: ~2,500; web events: 3,000).
 *
 * Pure module: no database access here.
 */
import { ANALYTICS_TABLE_COMMENTS, analyticsTables } from './sample-database/analytics-tables.js';
import { analyticsRows } from './sample-database/analytics-rows.js';
import { commentStatements } from './sample-database/comments.js';
import { HR_TABLE_COMMENTS, hrTables } from './sample-database/hr-tables.js';
import { hrRows } from './sample-database/hr-rows.js';
import { INVENTORY_TABLE_COMMENTS, inventoryTables } from './sample-database/inventory-tables.js';
import { inventoryRows } from './sample-database/inventory-rows.js';
import { routines } from './sample-database/routines.js';
import { rowLevelSecurity } from './sample-database/row-level-security.js';
import { SALES_TABLE_COMMENTS, salesTables } from './sample-database/sales-tables.js';
import { salesRows } from './sample-database/sales-rows.js';
import { schemasAndTypes } from './sample-database/schemas.js';
import { STAGING_TABLE_COMMENTS, stagingTables } from './sample-database/staging-tables.js';
import { stagingRows } from './sample-database/staging-rows.js';
import { VIEW_COMMENTS, views } from './sample-database/views.js';

export { SAMPLE_DATABASE_SCHEMAS } from './sample-database/schemas.js';

export function sampleDatabaseSql(): string[] {
  // The order is load-bearing: tables in foreign-key order, routines before the rows that call them, views
  // after the rows (the materialized view is filled on creation), comments and ANALYZE last.
  return [
    ...schemasAndTypes(),
    ...hrTables(),
    ...inventoryTables(),
    ...salesTables(),
    ...analyticsTables(),
    ...stagingTables(),
    ...routines(),
    ...hrRows(),
    ...inventoryRows(),
    ...salesRows(),
    ...analyticsRows(),
    ...stagingRows(),
    ...views(),
    ...rowLevelSecurity(),
    ...commentStatements([
      ...HR_TABLE_COMMENTS,
      ...INVENTORY_TABLE_COMMENTS,
      ...SALES_TABLE_COMMENTS,
      ...ANALYTICS_TABLE_COMMENTS,
      ...STAGING_TABLE_COMMENTS,
      ...VIEW_COMMENTS,
    ]),
    'ANALYZE',
  ];
}
