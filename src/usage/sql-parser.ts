import type { Node, ParseResult } from 'libpg-query';

/** One statement of a parsed text: its tree and its own text (a query log line may hold several). */
export interface ParsedStatement {
  node: Node;
  text: string;
}

/** The parser refused a text: the reason as Postgres words it, and where in the text it stopped. */
export class SqlSyntaxError extends Error {
  override name = 'SqlSyntaxError';
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

/** Postgres's own grammar (libpg-query, compiled to wasm): the only reader of SQL text in omgen. */
export interface SqlParser {
  /** Every statement of the text; throws SqlSyntaxError when Postgres would not accept it. */
  parse(sql: string): ParsedStatement[];
  /** A PL/pgSQL function body, as the tree Postgres's PL/pgSQL compiler builds. */
  parsePlPgSql(createFunction: string): unknown;
  /** Equal for statements that differ only in constants, parameters, comments and spacing. */
  fingerprint(sql: string): string;
}

type LibPgQuery = typeof import('libpg-query');

let loading: Promise<SqlParser> | undefined;

/**
 * Loads the parser once per process. The import is dynamic so that runs which parse nothing (metadata, push,
 * `--version`) never compile the wasm.
 */
export function loadSqlParser(): Promise<SqlParser> {
  loading ??= import('libpg-query').then(async (lib) => {
    await lib.loadModule();
    return wrap(lib);
  });
  return loading;
}

function syntaxError(error: unknown): SqlSyntaxError {
  // The tree of an expression nested tens of thousands deep is more than the JSON reader's stack holds.
  if (error instanceof RangeError) return new SqlSyntaxError(`nested too deeply to parse (${error.message})`);
  const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
  const message = details?.message ?? (error instanceof Error ? error.message : String(error));
  return new SqlSyntaxError(message, details?.cursorPosition);
}

// eslint-disable-next-line no-control-regex
const isAscii = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);

function wrap(lib: LibPgQuery): SqlParser {
  return {
    parse(sql) {
      let result: ParseResult;
      try {
        result = lib.parseSync(sql);
      } catch (error) {
        throw syntaxError(error);
      }
      const statements = result.stmts ?? [];
      // Locations count UTF-8 bytes: slice bytes unless the text is ASCII (then bytes and characters agree).
      const bytes = statements.length > 1 && !isAscii(sql) ? Buffer.from(sql, 'utf8') : undefined;
      return statements.flatMap((raw) => {
        if (!raw.stmt) return [];
        if (statements.length === 1) return [{ node: raw.stmt, text: sql.trim() }];
        const start = raw.stmt_location ?? 0;
        const end = raw.stmt_len ? start + raw.stmt_len : undefined;
        const text = bytes ? bytes.subarray(start, end ?? bytes.length).toString('utf8') : sql.slice(start, end);
        return [{ node: raw.stmt, text: text.trim() }];
      });
    },
    parsePlPgSql(createFunction) {
      try {
        return lib.parsePlPgSQLSync(createFunction);
      } catch (error) {
        throw syntaxError(error);
      }
    },
    fingerprint(sql) {
      try {
        return lib.fingerprintSync(sql);
      } catch (error) {
        throw syntaxError(error);
      }
    },
  };
}
