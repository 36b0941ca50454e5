import type { TableName } from './lineage-catalog.js';
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

const key = (table: TableName): string => `${table.schema}\u0000${table.name}`;

/**
 * Every table the statement reads feeds every table it writes (never itself); each written column adds the source
 * columns that come from that edge's source table.
 */
export function tableEdges(lineage: StatementLineage): TableEdge[] {
  const edges = new Map<string, TableEdge>();
  for (const to of lineage.targets) {
    for (const from of lineage.reads) {
      if (key(from) === key(to)) continue;
      edges.set(`${key(from)}\u0001${key(to)}`, { from, to, columns: new Map() });
    }
  }
  for (const assignment of lineage.assignments) {
    for (const source of assignment.sources) {
      const column = splitColumnKey(source);
      const from = { schema: column.schema, name: column.table };
      if (key(from) === key(assignment.target)) continue;
      const edgeKey = `${key(from)}\u0001${key(assignment.target)}`;
      let edge = edges.get(edgeKey);
      if (!edge) edges.set(edgeKey, (edge = { from, to: assignment.target, columns: new Map() }));
      let sources = edge.columns.get(assignment.column);
      if (!sources) edge.columns.set(assignment.column, (sources = new Set()));
      sources.add(column.column);
    }
  }
  return [...edges.values()];
}
