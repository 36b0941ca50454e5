/** What the fixture creates, for tests to assert names and counts without re-deriving them from the SQL. */
import { C } from './comments.js';
import type { CatalogFixtureExpectations } from './expectation-types.js';
import { FOREIGN_KEYS, PRIMARY_AND_UNIQUE_KEYS } from './keys.js';
import { EXT_SCHEMA, FOREIGN_SERVER, OWNER_ROLE, S } from './names.js';
import { ODD, ODD_COL, ODD_FUNCTION, ODD_SCHEMA, ODD_VIEW } from './odd-names.js';
import { PARTITIONED } from './partitions.js';
import { SCHEMAS } from './relations.js';
import { POLICIES, POLICY } from './row-level-security.js';
import { ROUTINES } from './routines.js';
import type { ServerMajor } from './server-major.js';
import { TYPE_COLUMNS } from './type-showcase.js';

export const catalogFixtureExpectations: CatalogFixtureExpectations = {
  ownerRole: OWNER_ROLE,
  extensionSchema: EXT_SCHEMA,
  extensions: ['hstore', 'ltree', 'file_fdw'],
  allSchemas: [S.public, EXT_SCHEMA, S.sales, S.inventory, S.analytics, S.reporting, S.integrations, S.billing, S.odd, S.archive],
  foreignServer: FOREIGN_SERVER,
  schemas: SCHEMAS,
  emptySchemas: [S.archive],
  partitionedTables: PARTITIONED,
  partitionChildren: {
    [S.analytics]: PARTITIONED.flatMap((p) => p.partitions),
  },
  primaryAndUniqueKeys: PRIMARY_AND_UNIQUE_KEYS,
  foreignKeys: FOREIGN_KEYS,
  routines: ROUTINES,
  policies: POLICIES,
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
        ? {
            ...r,
            identityArguments: r.identityArguments
              .split(', ')
              .map((a) => `IN ${a}`)
              .join(', '),
          }
        : r,
    ),
  };
}
