import type { SqlParser } from '../usage/sql-parser.js';
import type { LineageCatalog, TableName } from './lineage-catalog.js';
import { tableEdges, type TableEdge } from './lineage-edges.js';
import type { ColumnKey } from './scope.js';
import { statementLineage, type StatementLineage } from './statement-lineage.js';

/** The lineage of a whole text (one or several statements): each statement's findings and their edges together. */
export interface TextLineage {
  statements: StatementLineage[];
  edges: TableEdge[];
  reads: TableName[];
  /** Tables written (INSERT, UPDATE, MERGE, CREATE ... AS targets). */
  targets: TableName[];
  unresolved: string[];
  joins: Array<[ColumnKey, ColumnKey]>;
}

export interface TextContext {
  catalog: LineageCatalog;
  searchPath: readonly string[];
  user?: string;
}

const key = (table: TableName): string => `${table.schema}\u0000${table.name}`;

/** Throws SqlSyntaxError when the parser refuses the text. */
export function textLineage(parser: SqlParser, sql: string, context: TextContext): TextLineage {
  const statements = parser.parse(sql).map((statement) => statementLineage(statement.node, context));
  const edges = new Map<string, TableEdge>();
  const reads = new Map<string, TableName>();
  const targets = new Map<string, TableName>();
  const joins: Array<[ColumnKey, ColumnKey]> = [];
  const unresolved = new Set<string>();
  for (const statement of statements) {
    for (const table of statement.reads) reads.set(key(table), table);
    for (const table of statement.targets) targets.set(key(table), table);
    for (const name of statement.unresolved) unresolved.add(name);
    joins.push(...statement.joins);
    for (const edge of tableEdges(statement)) {
      const edgeKey = `${key(edge.from)}\u0001${key(edge.to)}`;
      const known = edges.get(edgeKey);
      if (!known) {
        edges.set(edgeKey, edge);
        continue;
      }
      for (const [column, sources] of edge.columns) {
        const merged = known.columns.get(column) ?? new Set<string>();
        for (const source of sources) merged.add(source);
        known.columns.set(column, merged);
      }
    }
  }
  return { statements, edges: [...edges.values()], reads: [...reads.values()], targets: [...targets.values()], unresolved: [...unresolved], joins };
}
