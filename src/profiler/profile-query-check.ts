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
export function profileQueryProblem(parser: SqlParser, sql: string): string | undefined {
  let statements;
  try {
    statements = parser.parse(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) return `profileQuery is not valid SQL: ${error.message}`;
    throw error;
  }
  if (statements.length !== 1) return `profileQuery must be one SELECT statement (it has ${statements.length})`;
  const node = (statements[0] as { node: Record<string, unknown> }).node;
  const select = node.SelectStmt as SelectNode | undefined;
  if (!select) return `profileQuery must be a SELECT (it is ${Object.keys(node)[0] ?? 'empty'})`;
  if (select.intoClause) return 'profileQuery must not be SELECT INTO';
  if (select.lockingClause?.length) return 'profileQuery must not lock rows (FOR UPDATE/SHARE)';
  for (const cte of select.withClause?.ctes ?? []) {
    const query = cte.CommonTableExpr?.ctequery ?? {};
    if (!('SelectStmt' in query)) return `profileQuery must not change data (its WITH holds ${Object.keys(query)[0] ?? 'a statement'})`;
  }
  return undefined;
}
