import { DBT_MARKER_PATTERN, OPENMETADATA_MARKER_PATTERNS } from '../postgres/marker.js';
import { quoteIdent } from '../postgres/quote.js';
import { PostgresQueryError, type SourcePool } from '../postgres/source-pool.js';
import { QueryHistoryUnavailableError, type QueryRecord } from './query-record.js';

export interface StatementsQueryOptions {
  /** Schema the extension is installed in (its view is not on our sessions' search_path). */
  schema: string;
  serverVersionNum: number;
  /** At most this many statements (the heaviest first); none for every entry (usage deltas need them all). */
  resultLimit?: number;
  /** Only statements that can write tables (lineage); usage reads every statement. */
  writesOnly: boolean;
  /** The user's SQL condition, ANDed as OpenMetadata does. */
  filterCondition?: string;
}

/**
 * Statement shapes that can carry lineage (SQL LIKE patterns, matched case-insensitively): every statement that writes
 * a table has one of these keyword sequences, so a text with none is never parsed for lineage. The parser decides
 * what a text does; this only spares it the reads (in SQL, keeping them out of resultLimit; on a query log, in
 * mayWrite).
 */
export const WRITE_PATTERNS = ['%insert%into%', '%create%table%as%', '%create%view%', '%select%into%', '%update%', '%merge%into%'];

const WRITE_SEQUENCES = WRITE_PATTERNS.map((pattern) => pattern.split('%').filter((part) => part !== ''));

/** Whether a statement's text has one of the keyword sequences of WRITE_PATTERNS (as ILIKE would say). */
export function mayWrite(text: string): boolean {
  const lower = text.toLowerCase();
  return WRITE_SEQUENCES.some((parts) => {
    let at = 0;
    for (const part of parts) {
      const found = lower.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
    return true;
  });
}

/**
 * OpenMetadata's query over pg_stat_statements (joined with pg_database and pg_roles), for the connected database.
 * The time column is `total_time` up to Postgres 12 and `total_exec_time` from 13; from 14 only top-level statements
 * count (a statement inside a function is lineage of the function, and Postgres 18 lists a CTAS twice otherwise).
 * Bind parameters: $1 the excluded marker patterns, $2 the write patterns.
 */
export function statementsQuery(options: StatementsQueryOptions): string {
  const major = Math.floor(options.serverVersionNum / 10000);
  const time = major >= 13 ? 's.total_exec_time' : 's.total_time';
  const conditions = ['d.datname = pg_catalog.current_database()', 'not (s.query like any($1::text[]))'];
  if (major >= 14) conditions.push('s.toplevel');
  if (options.writesOnly) conditions.push('s.query ilike any($2::text[])');
  if (options.filterCondition?.trim()) conditions.push(`(${options.filterCondition})`);
  return `
select r.rolname as user_name, d.datname as database_name, s.query as query_text, ${time} as duration,
       s.calls as calls, s.queryid::text as query_id, s.dbid::int8 as dbid, s.userid::int8 as userid
from ${quoteIdent(options.schema)}.pg_stat_statements s
join pg_catalog.pg_database d on d.oid = s.dbid
join pg_catalog.pg_roles r on r.oid = s.userid
where ${conditions.join('\n  and ')}
order by ${time} desc, s.queryid${options.resultLimit === undefined ? '' : `\nlimit ${Math.max(0, Math.floor(options.resultLimit))}`}`;
}

export const statementsQueryParameters = (writesOnly: boolean): unknown[] => [
  [...OPENMETADATA_MARKER_PATTERNS, DBT_MARKER_PATTERN],
  ...(writesOnly ? [WRITE_PATTERNS] : []),
];

const EXTENSION_SQL = `
select n.nspname as schema,
       pg_catalog.pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') or r.rolsuper as reads_all
from pg_catalog.pg_extension e
join pg_catalog.pg_namespace n on n.oid = e.extnamespace
cross join pg_catalog.pg_roles r
where e.extname = 'pg_stat_statements' and r.rolname = current_user`;

/** Each pool's answer, asked once however many steps need it. */
const CHECKED = new WeakMap<SourcePool, Promise<string>>();

/**
 * Checks that the connected database can hand over its query history, and says the exact fix when not: the extension
 * created in the database, the library preloaded, the role allowed to read other roles' query texts. Returns the
 * schema the extension lives in; asked again of the same pool, answers from the first check.
 */
export function pgStatStatementsSchema(pool: SourcePool, database: string, role: string): Promise<string> {
  let checked = CHECKED.get(pool);
  if (!checked) CHECKED.set(pool, (checked = checkPgStatStatements(pool, database, role)));
  return checked;
}

async function checkPgStatStatements(pool: SourcePool, database: string, role: string): Promise<string> {
  const [row] = await pool.query<{ schema: string; reads_all: boolean }>(EXTENSION_SQL);
  if (!row) {
    throw new QueryHistoryUnavailableError(
      `pg_stat_statements is not installed in database ${database}: run CREATE EXTENSION pg_stat_statements; in it (as a superuser)`,
    );
  }
  try {
    await pool.query(`select 1 from ${quoteIdent(row.schema)}.pg_stat_statements limit 1`);
  } catch (error) {
    const code = error instanceof PostgresQueryError ? error.code : undefined;
    if (code === '55000') {
      throw new QueryHistoryUnavailableError(
        "pg_stat_statements is not loaded: run ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'; (keeping any libraries already listed) and restart Postgres",
      );
    }
    if (code === '42501') {
      throw new QueryHistoryUnavailableError(
        `role ${role} may not read pg_stat_statements: run GRANT SELECT ON ${quoteIdent(row.schema)}.pg_stat_statements TO ${quoteIdent(role)}; or GRANT pg_read_all_stats TO ${quoteIdent(role)};`,
      );
    }
    throw error;
  }
  if (!row.reads_all) {
    throw new QueryHistoryUnavailableError(
      `role ${role} sees only its own statements in pg_stat_statements (other roles' texts read <insufficient privilege>): run GRANT pg_read_all_stats TO ${quoteIdent(role)};`,
    );
  }
  return row.schema;
}

export async function readStatements(pool: SourcePool, options: StatementsQueryOptions): Promise<QueryRecord[]> {
  const rows = await pool.query<{
    user_name: string;
    database_name: string;
    query_text: string;
    duration: number | string;
    calls: string;
    query_id: string | null;
    dbid: string;
    userid: string;
  }>(statementsQuery(options), statementsQueryParameters(options.writesOnly));
  return rows.map((row) => ({
    text: row.query_text,
    userName: row.user_name,
    databaseName: row.database_name,
    duration: Number(row.duration),
    calls: Number(row.calls),
    queryId: row.query_id ?? undefined,
    entryKey: `${row.dbid}:${row.userid}:${row.query_id ?? ''}`,
  }));
}

/** When pg_stat_statements' counters were last reset (Postgres 14+; before that, null: resets show as falling counters). */
export async function statsReset(pool: SourcePool, schema: string): Promise<string | null> {
  if (pool.major < 14) return null;
  const [row] = await pool.query<{ reset: Date | null }>(`select stats_reset as reset from ${quoteIdent(schema)}.pg_stat_statements_info`);
  return row?.reset ? new Date(row.reset).toISOString() : null;
}
