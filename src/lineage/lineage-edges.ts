import { edgeKey, tableKey, type TableName } from './lineage-catalog.js';
import { splitColumnKey } from './scope.js';
import type { StatementLineage } from './statement-lineage.js';

/** One source column feeding one target column. */
export interface ColumnEdge {
  fromColumns: string[];
  toColumn: string;
}

/** Lineage between two tables as OpenMetadata stores it: the edge and, per target column, its source columns. */
export interface TableEdge {
  from: TableName;
  to: TableName;
  /** Target column → the source table's columns it comes from (only columns with sources in `from`). */
  columns: Map<string, Set<string>>;
}

/**
 * Every table the statement reads feeds every table it writes (never itself); each written column adds the source
 * columns that come from that edge's source table.
 */
export function tableEdges(lineage: StatementLineage): TableEdge[] {
  const edges = new Map<string, TableEdge>();
  for (const to of lineage.targets) {
    for (const from of lineage.reads) {
      if (tableKey(from) === tableKey(to)) continue;
      edges.set(edgeKey(from, to), { from, to, columns: new Map() });
    }
  }
  for (const assignment of lineage.assignments) {
    for (const source of assignment.sources) {
      const column = splitColumnKey(source);
      const from = { schema: column.schema, name: column.table };
      if (tableKey(from) === tableKey(assignment.target)) continue;
      const pair = edgeKey(from, assignment.target);
      let edge = edges.get(pair);
      if (!edge) edges.set(pair, (edge = { from, to: assignment.target, columns: new Map() }));
      let sources = edge.columns.get(assignment.column);
      if (!sources) edge.columns.set(assignment.column, (sources = new Set()));
      sources.add(column.column);
    }
  }
  return [...edges.values()];
}

/** A copy of an edge whose column sets may grow without touching the original's. */
export const copyEdge = (edge: TableEdge): TableEdge => ({
  ...edge,
  columns: new Map([...edge.columns].map(([column, sources]) => [column, new Set(sources)])),
});

/** Adds `from`'s column pairs to `into`'s (set union per target column). */
export function mergeEdgeColumns(into: TableEdge, from: TableEdge): void {
  for (const [column, sources] of from.columns) {
    const merged = into.columns.get(column) ?? new Set<string>();
    for (const source of sources) merged.add(source);
    into.columns.set(column, merged);
  }
}
