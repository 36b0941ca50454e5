import { qualifiedName, quoteIdent } from '../postgres/quote.js';
import type { SourcePool } from '../postgres/source-pool.js';
import { CatalogReader } from '../postgres/catalog-reader.js';
import type { SqlParser } from '../usage/sql-parser.js';
import type { SnapshotRelation } from './catalog-snapshot.js';
import type { LineageCatalog } from './lineage-catalog.js';
import { VIEW_DEPENDENCIES_SQL } from './lineage-queries.js';
import { textLineage, type TextLineage } from './text-lineage.js';

/** Views per statement: pg_get_viewdef locks every relation a view reads until the statement's transaction ends. */
export const VIEW_BATCH_SIZE = 250;

/** What Postgres recorded that a view reads (pg_depend on its rewrite rule). */
export interface ViewDependencies {
  tables: Set<string>;
  columns: Set<string>;
}

/** The parser's lineage of a view next to Postgres's own record of what it reads. */
export interface ViewCheck {
  /** Source tables found by both. */
  confirmed: number;
  /** Source tables (or columns) the parser found that Postgres does not list. */
  contradicted: string[];
  /** Tables Postgres lists that the parser did not find. */
  missed: string[];
}

export interface ViewLineage {
  view: SnapshotRelation;
  definition: string;
  lineage: TextLineage;
  check: ViewCheck;
}

const tableKey = (schema: string, name: string): string => `${schema}.${name}`;

/** `CREATE VIEW s.v (c1, c2) AS <definition>`: the view's own column names, whatever the definition's aliases say. */
export function viewStatement(view: SnapshotRelation, definition: string): string {
  const columns = view.columns.length > 0 ? ` (${view.columns.map(quoteIdent).join(', ')})` : '';
  return `CREATE VIEW ${qualifiedName(view.schema, view.name)}${columns} AS ${definition.trim().replace(/;\s*$/, '')}`;
}

export function compareWithDependencies(lineage: TextLineage, view: SnapshotRelation, dependencies: ViewDependencies): ViewCheck {
  const check: ViewCheck = { confirmed: 0, contradicted: [], missed: [] };
  const parsed = new Set(lineage.reads.map((table) => tableKey(table.schema, table.name)));
  for (const table of parsed) {
    if (dependencies.tables.has(table)) check.confirmed++;
    else check.contradicted.push(table);
  }
  for (const edge of lineage.edges) {
    for (const sources of edge.columns.values()) {
      for (const column of sources) {
        const name = `${tableKey(edge.from.schema, edge.from.name)}.${column}`;
        if (!dependencies.columns.has(name) && !check.contradicted.includes(name)) check.contradicted.push(name);
      }
    }
  }
  for (const table of dependencies.tables) {
    if (table !== tableKey(view.schema, view.name) && !parsed.has(table)) check.missed.push(table);
  }
  return check;
}

async function dependenciesOf(pool: SourcePool, views: SnapshotRelation[]): Promise<Map<number, ViewDependencies>> {
  const rows = await pool.query<{ view_oid: string; schema: string; name: string; column: string }>(VIEW_DEPENDENCIES_SQL, [views.map((v) => v.oid)]);
  const out = new Map<number, ViewDependencies>();
  for (const row of rows) {
    const oid = Number(row.view_oid);
    let entry = out.get(oid);
    if (!entry) out.set(oid, (entry = { tables: new Set(), columns: new Set() }));
    if (row.schema === 'pg_catalog' || row.schema === 'information_schema') continue;
    entry.tables.add(tableKey(row.schema, row.name));
    if (row.column) entry.columns.add(`${tableKey(row.schema, row.name)}.${row.column}`);
  }
  return out;
}

export type ViewLineageEvent = { kind: 'view'; result: ViewLineage } | { kind: 'unparsed'; view: SnapshotRelation; reason: string };

/**
 * Lineage of views and materialized views from their definitions (pg_get_viewdef, schema-qualified since our
 * sessions' search_path is pg_catalog), each checked against pg_depend. Batches bound the locks each read holds.
 */
export async function* viewLineage(
  pool: SourcePool,
  parser: SqlParser,
  catalog: LineageCatalog,
  views: SnapshotRelation[],
): AsyncGenerator<ViewLineageEvent> {
  const reader = new CatalogReader(pool);
  for (let start = 0; start < views.length; start += VIEW_BATCH_SIZE) {
    const batch = views.slice(start, start + VIEW_BATCH_SIZE);
    const [definitions, dependencies] = await Promise.all([reader.viewDefinitions(batch.map((v) => v.oid)), dependenciesOf(pool, batch)]);
    for (const view of batch) {
      const definition = definitions.get(view.oid);
      if (!definition) continue; // dropped since the catalog was read
      let lineage: TextLineage;
      try {
        lineage = textLineage(parser, viewStatement(view, definition), { catalog, searchPath: ['pg_catalog'] });
      } catch (error) {
        yield { kind: 'unparsed', view, reason: (error as Error).message };
        continue;
      }
      const check = compareWithDependencies(lineage, view, dependencies.get(view.oid) ?? { tables: new Set(), columns: new Set() });
      yield { kind: 'view', result: { view, definition, lineage, check } };
    }
  }
}
