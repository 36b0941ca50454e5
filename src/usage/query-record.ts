/** One query of the history, wherever it was read (pg_stat_statements or a query-log file). */
export interface QueryRecord {
  text: string;
  userName?: string;
  databaseName?: string;
  schemaName?: string;
  /** Milliseconds: pg_stat_statements' cumulative time over all calls, or the log's duration. */
  duration?: number;
  /** Executions since the statistics were last reset (pg_stat_statements only). */
  calls?: number;
  queryId?: string;
  /** pg_stat_statements' identity of the entry: `dbid:userid:queryid`. */
  entryKey?: string;
  startTime?: Date;
  aborted?: boolean;
}

/** The query history cannot be read at all; the worker exits with code 3 and says how to fix it. */
export class QueryHistoryUnavailableError extends Error {
  override name = 'QueryHistoryUnavailableError';
  readonly exitCode = 3;
}
