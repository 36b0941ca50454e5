import { LineageCatalog, tableKey, type CatalogRelation, type TableName } from '../lineage/lineage-catalog.js';
import { LineageTimeoutError } from '../lineage/query-analyzer.js';
import type { ColumnKey } from '../lineage/scope.js';
import { textLineage } from '../lineage/text-lineage.js';
import { SqlSyntaxError, type SqlParser } from './sql-parser.js';

/** One statement to analyse for usage, with the search path its role ran it under. */
export interface AnalysisRequest {
  text: string;
  searchPath: readonly string[];
  user?: string;
}

/** What usage needs of a statement: plain data, so that it crosses a worker thread's boundary as it is. */
export type AnalysisReply =
  | { ok: true; tables: TableName[]; joins: Array<[ColumnKey, ColumnKey]>; commands: string[] }
  | { ok: false; kind: 'syntax' | 'timeout' | 'other'; message: string };

/** A catalog as plain data (relations and pg_catalog's names), for a worker thread to rebuild. */
export interface CatalogData {
  relations: CatalogRelation[];
  systemNames: string[];
}

export const catalogData = (catalog: LineageCatalog): CatalogData => ({ relations: [...catalog.relations()], systemNames: [...catalog.systemNames] });

export const catalogFrom = (data: CatalogData): LineageCatalog => new LineageCatalog(data.relations, new Set(data.systemNames));

/** The tables a statement reads, writes or deletes from, its joins and commands; or why it has none. */
export function analyseStatement(parser: SqlParser, catalog: LineageCatalog, request: AnalysisRequest): AnalysisReply {
  try {
    const lineage = textLineage(parser, request.text, { catalog, searchPath: request.searchPath, user: request.user, edges: false });
    const tables = new Map<string, TableName>();
    for (const table of [...lineage.reads, ...lineage.targets, ...lineage.deletes]) tables.set(tableKey(table), table);
    return { ok: true, tables: [...tables.values()], joins: lineage.joins, commands: lineage.commands };
  } catch (error) {
    const kind = error instanceof SqlSyntaxError ? 'syntax' : error instanceof LineageTimeoutError ? 'timeout' : 'other';
    return { ok: false, kind, message: (error as Error).message };
  }
}
