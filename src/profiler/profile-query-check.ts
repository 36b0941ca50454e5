import { SqlSyntaxError, type SqlParser } from '../usage/sql-parser.js';

interface SelectNode {
  intoClause?: unknown;
  lockingClause?: unknown[];
  withClause?: { ctes?: Array<{ CommonTableExpr?: { ctequery?: Record<string, unknown> } }> };
}

/**
 * Why a profileQuery may not be used, or undefined when it is one plain SELECT: no second statement, no SELECT INTO,
 * no FOR UPDATE, no data-modifying WITH. (The read-only transaction it runs in is the second guard: a function with
 * side effects fails there.)
 */
export function profileQueryProblem(parser: SqlParser, sql: string, label = 'profileQuery'): string | undefined {
  let statements;
  try {
    statements = parser.parse(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) return `${label} is not valid SQL: ${error.message}`;
    throw error;
  }
  if (statements.length !== 1) return `${label} must be one SELECT statement (it has ${statements.length})`;
  const node = (statements[0] as { node: Record<string, unknown> }).node;
  const select = node.SelectStmt as SelectNode | undefined;
  if (!select) return `${label} must be a SELECT (it is ${Object.keys(node)[0] ?? 'empty'})`;
  if (select.intoClause) return `${label} must not be SELECT INTO`;
  if (select.lockingClause?.length) return `${label} must not lock rows (FOR UPDATE/SHARE)`;
  for (const cte of select.withClause?.ctes ?? []) {
    const query = cte.CommonTableExpr?.ctequery ?? {};
    if (!('SelectStmt' in query)) return `${label} must not change data (its WITH holds ${Object.keys(query)[0] ?? 'a statement'})`;
  }
  const unsafe = sideEffectCall(node);
  if (unsafe) return `${label} must not call ${unsafe}() (it acts on the server, not on data)`;
  return undefined;
}

/** Functions a read-only transaction still lets run, that act on the server or on other sessions. */
const SIDE_EFFECT_FUNCTIONS = new Set([
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_reload_conf',
  'pg_rotate_logfile',
  'pg_switch_wal',
  'pg_create_restore_point',
  'pg_promote',
  'pg_log_backend_memory_contexts',
  'set_config',
  'pg_advisory_lock',
  'pg_advisory_xact_lock',
  'pg_try_advisory_lock',
  'pg_notify',
  'dblink',
  'dblink_exec',
  'lo_import',
  'lo_export',
  'pg_read_file',
  'pg_read_binary_file',
  'pg_ls_dir',
]);

/** The first call anywhere in the tree to a function of SIDE_EFFECT_FUNCTIONS, by its unqualified name. */
function sideEffectCall(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = sideEffectCall(item);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const call = (node as { FuncCall?: { funcname?: Array<{ String?: { sval?: string } }> } }).FuncCall;
  const name = call?.funcname?.at(-1)?.String?.sval?.toLowerCase();
  if (name && SIDE_EFFECT_FUNCTIONS.has(name)) return name;
  for (const value of Object.values(node)) {
    const found = sideEffectCall(value);
    if (found) return found;
  }
  return undefined;
}
