import type { CatalogSnapshot } from '../lineage/catalog-snapshot.js';
import type { TableName } from '../lineage/lineage-catalog.js';
import type { FqnReference } from '../lineage/lineage-request.js';
import type { QueryRecord } from './query-record.js';

/** One statement of the history, with the catalog its names resolve in (OpenMetadata's TableQuery). */
export interface TableQuery {
  query: QueryRecord;
  database: string;
  catalog: CatalogSnapshot;
  /** Executions this record stands for: calls since the last run, or 1 for a query-log line. */
  count: number;
  /** Whether the count adds to what the day already has (a window of pg_stat_statements) or is the day's (a log). */
  accumulate: boolean;
  /** The day the usage is counted on (`YYYY-MM-DD`, UTC). */
  date: string;
  /** When the statement ran, in epoch milliseconds (the window's end for pg_stat_statements). */
  queryDate: number;
}

/** Two columns compared for equality in a join (or a WHERE clause that joins). */
export interface ColumnJoin {
  left: { table: TableName; column: string };
  right: { table: TableName; column: string };
}

/** A statement the query parser understood (OpenMetadata's ParsedData). */
export interface ParsedQuery {
  database: string;
  text: string;
  /** The command (`SELECT`, `INSERT`, ...), OpenMetadata's query_type. */
  command: string;
  /** Every catalog table the statement reads or writes. */
  tables: TableName[];
  joins: ColumnJoin[];
  userName?: string;
  count: number;
  accumulate: boolean;
  date: string;
  queryDate: number;
  duration?: number;
}

/** OpenMetadata's CreateQuery, with the tables it ran against as FQN references. */
export interface CreateQueryData {
  query: string;
  query_type?: string;
  duration?: number;
  usedBy?: string[];
  users?: string[];
  queryDate: number;
  service: string;
  queryUsedIn: FqnReference[];
}

/** A table's usage on one day (OpenMetadata's UsageRequest, and the table it is for). */
export interface UsageRequestData {
  table: FqnReference;
  usage: { date: string; count: number };
  /**
   * True: the count adds to what the server has for the day (PUT; usage since the previous run). False: it is the
   * day's count (POST, which replaces; a query log read again sends the same day again).
   */
  accumulate: boolean;
}

/** The joins a table took part in over the run's window (OpenMetadata's TableJoins). */
export interface TableJoinsData {
  table: FqnReference;
  joins: {
    startDate: string;
    dayCount: number;
    columnJoins: Array<{ columnName: string; joinedWith: Array<{ fullyQualifiedName: string; joinCount: number }> }>;
    directTableJoins: Array<{ fullyQualifiedName: string; joinCount: number }>;
  };
}

/** pg_stat_statements counters as this run saw them: what the next run subtracts. */
export interface UsageSnapshotData {
  takenAt: string;
  /** pg_stat_statements_info.stats_reset (Postgres 14+), per database. */
  statsReset: Record<string, string | null>;
  /** `dbid:userid:queryid` → calls and total time (ms). */
  entries: Record<string, { calls: number; totalTime: number }>;
}
