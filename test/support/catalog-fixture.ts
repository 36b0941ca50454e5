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
import { commentStatements } from './catalog-fixture/comments.js';
import { oddNameTables, oddNameTablesReferencingSales } from './catalog-fixture/odd-names.js';
import { partitionedTables } from './catalog-fixture/partitions.js';
import { rowLevelSecurity } from './catalog-fixture/row-level-security.js';
import { routines } from './catalog-fixture/routines.js';
import { rows } from './catalog-fixture/rows.js';
import type { ServerMajor } from './catalog-fixture/server-major.js';
import { setup } from './catalog-fixture/setup.js';
import { billingTables, foreignTable, inventoryTables, salesTables } from './catalog-fixture/tables.js';
import { typeShowcaseColumnsFor, typeShowcaseTable } from './catalog-fixture/type-showcase.js';
import { views } from './catalog-fixture/views.js';

export type * from './catalog-fixture/expectation-types.js';
export { catalogFixtureExpectations, catalogFixtureExpectationsFor } from './catalog-fixture/expectations.js';
export { majorFromServerVersionNum, type ServerMajor } from './catalog-fixture/server-major.js';

export function catalogFixtureSql(server: ServerMajor): string[] {
  const { major } = server;
  if (!Number.isInteger(major) || major < 11) {
    throw new Error(`catalogFixtureSql: unsupported Postgres major version ${String(major)} (need 11 or newer)`);
  }
  const typeColumns = typeShowcaseColumnsFor(major);

  // The order is load-bearing: foreign keys need their targets (hence the odd-name tables in two steps), views
  // need the routines they call, and comments need every object to exist.
  return [
    ...setup(),
    ...oddNameTables(),
    ...inventoryTables(),
    ...salesTables(major),
    ...oddNameTablesReferencingSales(),
    ...billingTables(),
    ...partitionedTables(),
    ...foreignTable(),
    ...typeShowcaseTable(typeColumns),
    ...routines(),
    ...rows(typeColumns),
    ...views(),
    ...rowLevelSecurity(),
    ...commentStatements(),
    `ANALYZE`,
  ];
}
