import { LineageCatalog, tableKey, type CatalogRelation, type TableName } from '../lineage/lineage-catalog.js';
import { mergeEdgeColumns, type TableEdge } from '../lineage/lineage-edges.js';
import { buildAddLineage, type AddLineageData } from '../lineage/lineage-request.js';
import { textLineage } from '../lineage/text-lineage.js';
import { quoteIdent } from '../postgres/quote.js';
import type { SqlParser } from '../usage/sql-parser.js';
import type { CatalogEntry } from './catalog.js';
import type { DbtManifest, DbtRelationNode } from './dbt-nodes.js';

/** A relation's columns in the database's order when catalog.json has them, else as the manifest documents them. */
function relationColumns(node: DbtRelationNode, catalog: ReadonlyMap<string, CatalogEntry>): string[] {
  const entry = catalog.get(node.uniqueId);
  if (entry && entry.columns.size > 0) {
    return [...entry.columns.values()].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((column) => column.name);
  }
  return node.columns.map((column) => column.name);
}

/** The relations of one database as the lineage parser looks names up in them. */
export function lineageCatalogOf(relations: readonly DbtRelationNode[], catalog: ReadonlyMap<string, CatalogEntry>): LineageCatalog {
  const entries: CatalogRelation[] = relations.map((node) => ({
    schema: node.schema,
    name: node.relationName,
    columns: relationColumns(node, catalog),
    kind: node.materialized === 'view' ? 'view' : 'table',
  }));
  return new LineageCatalog(entries);
}

/** Upstream relations by depends_on, looking through ephemeral models to what they read. */
export function upstreamRelations(
  node: DbtRelationNode,
  manifest: Pick<DbtManifest, 'ephemeralParents'>,
  byId: ReadonlyMap<string, DbtRelationNode>,
): DbtRelationNode[] {
  const found = new Map<string, DbtRelationNode>();
  const seen = new Set<string>();
  const visit = (ids: readonly string[]) => {
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const relation = byId.get(id);
      if (relation) found.set(id, relation);
      else visit(manifest.ephemeralParents.get(id) ?? []);
    }
  };
  visit(node.dependsOn);
  found.delete(node.uniqueId);
  return [...found.values()];
}

export interface ModelLineage {
  edges: AddLineageData[];
  /** Why the compiled SQL gave no column lineage (the edges then come from depends_on alone). */
  sqlProblem?: string;
}

/**
 * The lineage of one model: an edge from every upstream relation depends_on names, and whatever the compiled SQL
 * reads besides (a table named without ref or source), each with the column lineage the SQL shows. Postgres's own
 * parser reads the SQL as `CREATE TABLE model AS <compiled SQL>`, which is what dbt runs for a table.
 */
export function modelLineage(
  node: DbtRelationNode,
  upstream: readonly DbtRelationNode[],
  context: { service: string; parser: SqlParser; catalog: LineageCatalog; timeoutSeconds?: number },
): ModelLineage {
  const target: TableName = { schema: node.schema, name: node.relationName };
  const edges = new Map<string, TableEdge>();
  for (const parent of upstream) {
    if (parent.database !== node.database) continue;
    const from = { schema: parent.schema, name: parent.relationName };
    edges.set(tableKey(from), { from, to: target, columns: new Map() });
  }
  let sqlProblem: string | undefined;
  if (node.compiledSql && node.resourceType !== 'seed') {
    try {
      const statement = `CREATE TABLE ${quoteIdent(node.schema)}.${quoteIdent(node.relationName)} AS ${node.compiledSql.replace(/;\s*$/, '')}`;
      const found = textLineage(context.parser, statement, {
        catalog: context.catalog,
        searchPath: [node.schema, 'public'],
        timeoutSeconds: context.timeoutSeconds,
      });
      for (const edge of found.edges) {
        if (tableKey(edge.to) !== tableKey(target)) continue;
        const known = edges.get(tableKey(edge.from));
        if (known) mergeEdgeColumns(known, edge);
        else edges.set(tableKey(edge.from), { ...edge, to: target });
      }
    } catch (error) {
      sqlProblem = (error as Error).message;
    }
  }
  const sqlQuery = node.compiledSql ?? node.rawSql ?? '';
  return {
    edges: [...edges.values()].map((edge) => buildAddLineage(context.service, node.database, edge, sqlQuery, 'DbtLineage')),
    ...(sqlProblem ? { sqlProblem } : {}),
  };
}
