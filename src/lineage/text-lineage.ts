import type { SqlParser } from '../usage/sql-parser.js';
import { edgeKey, tableKey, type LineageCatalog, type TableName } from './lineage-catalog.js';
import { mergeEdgeColumns, tableEdges, type TableEdge } from './lineage-edges.js';
import type { ColumnKey } from './scope.js';
import { LineageTimeoutError } from './query-analyzer.js';
import { statementLineage } from './statement-lineage.js';

/** The lineage of a whole text (one or several statements): each statement's findings and their edges together. */
export interface TextLineage {
  /** Each statement's command (`INSERT`, `SELECT`, ...). */
  commands: string[];
  edges: TableEdge[];
  reads: TableName[];
  /** Tables written (INSERT, UPDATE, MERGE, CREATE ... AS targets). */
  targets: TableName[];
  /** Tables deleted from. */
  deletes: TableName[];
  unresolved: string[];
  joins: Array<[ColumnKey, ColumnKey]>;
}

export interface TextContext {
  catalog: LineageCatalog;
  searchPath: readonly string[];
  user?: string;
  /** Seconds the analysis of the text may take (parsingTimeoutLimit). */
  timeoutSeconds?: number;
  /** Whether the edges are wanted (usage needs only the tables and joins: false spares building them). */
  edges?: boolean;
}

/** Statements longer than this are not parsed: no query a person or tool writes is, and parsing is not interruptible. */
export const MAX_STATEMENT_CHARS = 1024 * 1024;

/** Throws SqlSyntaxError when the parser refuses the text. */
export function textLineage(parser: SqlParser, sql: string, context: TextContext): TextLineage {
  if (sql.length > MAX_STATEMENT_CHARS)
    throw new LineageTimeoutError(
      `statement of ${sql.length.toLocaleString('en-US')} characters not parsed (limit ${MAX_STATEMENT_CHARS.toLocaleString('en-US')})`,
    );
  const deadline = context.timeoutSeconds === undefined ? undefined : performance.now() + context.timeoutSeconds * 1000;
  const statements = parser.parse(sql).map((statement) => statementLineage(statement.node, { ...context, deadline }));
  const edges = new Map<string, TableEdge>();
  const reads = new Map<string, TableName>();
  const targets = new Map<string, TableName>();
  const deletes = new Map<string, TableName>();
  const joins: Array<[ColumnKey, ColumnKey]> = [];
  const unresolved = new Set<string>();
  for (const statement of statements) {
    for (const table of statement.reads) reads.set(tableKey(table), table);
    for (const table of statement.targets) targets.set(tableKey(table), table);
    for (const table of statement.deletes) deletes.set(tableKey(table), table);
    for (const name of statement.unresolved) unresolved.add(name);
    joins.push(...statement.joins);
    for (const edge of context.edges === false ? [] : tableEdges(statement)) {
      const pair = edgeKey(edge.from, edge.to);
      const known = edges.get(pair);
      if (known) mergeEdgeColumns(known, edge);
      else edges.set(pair, edge);
    }
  }
  return {
    commands: statements.map((statement) => statement.command),
    edges: [...edges.values()],
    reads: [...reads.values()],
    targets: [...targets.values()],
    deletes: [...deletes.values()],
    unresolved: [...unresolved],
    joins,
  };
}
