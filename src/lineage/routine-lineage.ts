import type { SqlParser } from '../usage/sql-parser.js';
import { fieldsOf, nodeType, type Fields } from './ast.js';
import { parseSearchPath } from './catalog-snapshot.js';
import { DEFAULT_SEARCH_PATH, type LineageCatalog } from './lineage-catalog.js';
import { statementLineage } from './statement-lineage.js';
import { tableEdges, type TableEdge } from './lineage-edges.js';

export interface RoutineBody {
  schema: string;
  name: string;
  arguments: string;
  language: string;
  source: string;
  definition: string;
  overloaded: boolean;
  /** The routine's own `SET search_path`, if it has one; else it runs with its caller's. */
  searchPath: string | null;
}

/** One statement of a routine's body and the edges it makes. */
export interface RoutineStatementLineage {
  text: string;
  edges: TableEdge[];
}

/** Statements a PL/pgSQL body runs as SQL (parse mode 0): INSERT, UPDATE, FOR … IN query, RETURN QUERY, PERFORM. */
function plpgsqlStatements(tree: unknown, into: string[] = []): string[] {
  if (tree === null || typeof tree !== 'object') return into;
  if (Array.isArray(tree)) {
    for (const item of tree) plpgsqlStatements(item, into);
    return into;
  }
  const expr = (tree as Fields).PLpgSQL_expr as { query?: string; parseMode?: number } | undefined;
  if (expr?.query && (expr.parseMode ?? 0) === 0) into.push(expr.query);
  for (const key in tree as Fields) plpgsqlStatements((tree as Fields)[key], into);
  return into;
}

const STATEMENT_TYPES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'SelectStmt', 'CreateTableAsStmt']);

/** The statements of a BEGIN ATOMIC body (Postgres 14+), as parse trees inside the CREATE FUNCTION. */
function atomicBodyStatements(tree: unknown, into: unknown[] = []): unknown[] {
  if (tree === null || typeof tree !== 'object') return into;
  if (Array.isArray(tree)) {
    for (const item of tree) atomicBodyStatements(item, into);
    return into;
  }
  const type = nodeType(tree);
  if (type && STATEMENT_TYPES.has(type)) {
    into.push(tree);
    return into;
  }
  for (const key in tree as Fields) atomicBodyStatements((tree as Fields)[key], into);
  return into;
}

/**
 * The lineage of a function or procedure from its body, without running it or logging statements: SQL bodies are
 * parsed as they are, PL/pgSQL ones by PL/pgSQL's own parser, each embedded statement lineaged against the catalog
 * (names resolve through the search path the routine's schema implies). Throws SqlSyntaxError on a body neither
 * parser accepts.
 */
export function routineLineage(parser: SqlParser, routine: RoutineBody, catalog: LineageCatalog): RoutineStatementLineage[] {
  const searchPath = routine.searchPath ? parseSearchPath(routine.searchPath) : DEFAULT_SEARCH_PATH;
  const context = { catalog, searchPath };
  const out: RoutineStatementLineage[] = [];
  if (routine.language === 'plpgsql') {
    for (const text of plpgsqlStatements(parser.parsePlPgSql(routine.definition))) {
      for (const statement of parser.parse(text)) out.push({ text, edges: tableEdges(statementLineage(statement.node, context)) });
    }
    return out;
  }
  if (routine.source.trim() !== '') {
    for (const statement of parser.parse(routine.source))
      out.push({ text: statement.text, edges: tableEdges(statementLineage(statement.node, context)) });
    return out;
  }
  const [create] = parser.parse(routine.definition);
  const body = fieldsOf<Fields>(create?.node, 'CreateFunctionStmt')?.sql_body;
  for (const node of atomicBodyStatements(body)) {
    out.push({ text: routine.definition, edges: tableEdges(statementLineage(node as never, context)) });
  }
  return out;
}
