import { buildFqn } from '../openmetadata/fqn.js';
import type { TableName } from './lineage-catalog.js';
import type { TableEdge } from './lineage-edges.js';

export type LineageSource = 'QueryLineage' | 'ViewLineage' | 'DbtLineage';

/** An entity named by FQN: what the file sink holds and what the REST sink resolves to an id. */
export interface FqnReference {
  type: 'table' | 'storedProcedure';
  fullyQualifiedName: string;
}

export interface ColumnLineage {
  fromColumns: string[];
  toColumn: string;
}

/**
 * With overrideViewLineage: the view lineage the server holds into this view is to be replaced by what this run
 * found, even when that is nothing (a view redefined to read no table the run keeps).
 */
export interface ClearViewLineageData {
  view: FqnReference;
}

/** OpenMetadata's AddLineageRequest, with FQN references in place of ids. */
export interface AddLineageData {
  edge: {
    fromEntity: FqnReference;
    toEntity: FqnReference;
    lineageDetails: {
      sqlQuery: string;
      source: LineageSource;
      columnsLineage: ColumnLineage[];
      /** The stored procedure whose body makes the edge (OpenMetadata shows it on the edge). */
      pipeline?: FqnReference;
    };
  };
}

export const tableFqn = (service: string, database: string, table: TableName): string => buildFqn(service, database, table.schema, table.name);

export function buildAddLineage(
  service: string,
  database: string,
  edge: TableEdge,
  sqlQuery: string,
  source: LineageSource,
  procedureFqn?: string,
): AddLineageData {
  const from = tableFqn(service, database, edge.from);
  const to = tableFqn(service, database, edge.to);
  const columnsLineage = [...edge.columns]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([toColumn, fromColumns]) => ({
      fromColumns: [...fromColumns].sort().map((column) => `${from}.${buildFqn(column)}`),
      toColumn: `${to}.${buildFqn(toColumn)}`,
    }));
  return {
    edge: {
      fromEntity: { type: 'table', fullyQualifiedName: from },
      toEntity: { type: 'table', fullyQualifiedName: to },
      lineageDetails: {
        sqlQuery,
        source,
        columnsLineage,
        ...(procedureFqn ? { pipeline: { type: 'storedProcedure', fullyQualifiedName: procedureFqn } } : {}),
      },
    },
  };
}
