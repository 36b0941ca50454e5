import pg from 'pg';
import type { PostgresConnectionConfig } from '../config/types.js';
import { sleep } from '../util/sleep.js';
import { planConnection, type ConnectionPlan } from './connection-settings.js';
import { marked } from './marker.js';

/** Postgres cannot be reached or refuses us: the worker exits with code 3. */
export class PostgresUnavailableError extends Error {
  readonly exitCode = 3;

  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PostgresUnavailableError';
  }
}

/**
 * A statement Postgres did not answer (connection lost, permission denied, statement_timeout). Where the caller cannot
 * make it one entity's failure, it ends the run as Postgres being unusable: exit code 3, never "internal error".
 */
export class PostgresQueryError extends Error {
  readonly exitCode = 3;
  readonly code?: string;

  constructor(cause: Error & { code?: string }) {
    super(cause.message, { cause });
    this.name = 'PostgresQueryError';
    this.code = cause.code;
    this.stack = cause.stack;
  }
}

/**
 * The session itself is gone (the server shut down or restarted, the backend was terminated, the network broke, the
 * database vanished) rather than one statement refused. No relation is to blame, so no relation may be failed or sent
 * short for it: the whole run stops, exit code 3.
 */
export class PostgresConnectionLostError extends PostgresQueryError {
  constructor(cause: Error & { code?: string }, describe: string) {
    super(cause);
    this.name = 'PostgresConnectionLostError';
    this.message = `lost the connection to Postgres ${describe}: ${oneLine(cause.message)}${cause.code ? ` [${cause.code}]` : ''}`;
  }
}

/** SQLSTATE of a statement cancelled by statement_timeout (or a cancel request). */
export const QUERY_CANCELED = '57014';

/** An error as a failure record words it: Postgres's message, then its SQLSTATE when it has one. */
export function messageWithSqlState(error: unknown): string {
  const err = error as Error & { code?: string };
  return `${err.message}${err.code ? ` [${err.code}]` : ''}`;
}

/** Node's socket errors, and the connection-level SQLSTATEs: class 08, shutdowns and terminations (57P0x). */
const LOST_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const LOST_SQLSTATES = /^(08|57P0[1-5]$|3D000$|28)/;
// node-postgres's own words for a socket that closed under a query or a client it will not use again.
const LOST_MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed|timeout exceeded when trying to connect/i;

/** Whether an error from a statement means the session (or the server) is gone, not that the statement failed. */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof PostgresConnectionLostError) return true;
  const { code, message } = (error ?? {}) as ErrorWithCode;
  if (code && (LOST_NODE_CODES.has(code) || LOST_SQLSTATES.test(code))) return true;
  return LOST_MESSAGES.test(message ?? '');
}

/**
 * Whether connecting to one database failed for that database alone (no CONNECT privilege, no pg_hba.conf entry, a
 * wrong password for it, dropped since it was listed) while the server itself answers.
 */
export function refusesThisDatabase(error: unknown): boolean {
  const { code } = (error ?? {}) as ErrorWithCode;
  return code !== undefined && (code.startsWith('28') || code === '42501' || code === '3D000');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

const RETRYABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH']);
const RETRYABLE_SQLSTATES = new Set(['53300', '57P03', '08006', '08001']);

interface ErrorWithCode {
  code?: string;
  message?: string;
}

function reasonOf(error: ErrorWithCode, plan: ConnectionPlan): string {
  const host = String(plan.pool.host);
  switch (error.code) {
    case 'ENOTFOUND':
      return `unknown host '${host}'`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'EAI_AGAIN':
      return `cannot resolve host '${host}'`;
    default:
      if (/timeout/i.test(error.message ?? '')) return 'connection timed out';
      // OpenSSL's messages span lines; the worker's errors are one line each.
      return oneLine(error.message ?? String(error));
  }
}

/** The SSL attempt failed as such: the server offers no SSL, or the TLS handshake itself broke. */
function sslFailed(error: ErrorWithCode): boolean {
  return /does not support SSL/i.test(error.message ?? '') || /^(ERR_SSL_|ERR_TLS_|EPROTO$)/.test(error.code ?? '');
}

/** The server turned a plain-text session away at authentication (pg_hba.conf may demand SSL: "no encryption"). */
function refusedWithoutSsl(error: ErrorWithCode): boolean {
  return (error.code ?? '').startsWith('28');
}

function isRetryable(error: ErrorWithCode): boolean {
  if (error.code && (RETRYABLE_NODE_CODES.has(error.code) || RETRYABLE_SQLSTATES.has(error.code))) return true;
  return /timeout|terminated unexpectedly/i.test(error.message ?? '');
}

export interface SourcePoolOptions {
  maxConnections?: number;
  /** Connection attempts before giving up on a transient error (refused, timeout, too many clients). */
  attempts?: number;
  backoffMs?: number;
}

/**
 * A pool of read-only sessions on one database. Every statement goes out with OpenMetadata's marker comment, and
 * connecting retries transient failures with backoff while failing at once on what no retry can fix (a wrong
 * password, an unknown host, a missing database).
 */
export class SourcePool {
  private constructor(
    private readonly pool: pg.Pool,
    readonly plan: ConnectionPlan,
    readonly serverVersionNum: number,
  ) {}

  static async open(connection: PostgresConnectionConfig, database: string, options: SourcePoolOptions = {}): Promise<SourcePool> {
    const plan = planConnection(connection, database, options.maxConnections ?? 3);
    const attempts = options.attempts ?? 4;
    const backoffMs = options.backoffMs ?? 500;
    // libpq's order per sslmode: "allow" tries plain text first and SSL after, "prefer" the other way round.
    const unverified = { rejectUnauthorized: false, ...plan.clientCertificate };
    const modes: pg.PoolConfig['ssl'][] =
      plan.sslMode === 'allow' ? [false, unverified] : plan.sslMode === 'prefer' ? [unverified, false] : [plan.pool.ssl];
    let useSsl = modes.shift();
    for (let attempt = 1; ; attempt++) {
      const pool = new pg.Pool({ ...plan.pool, ssl: useSsl });
      pool.on('error', () => undefined); // idle-client errors surface on the next query instead
      try {
        const client = await pool.connect();
        try {
          const result = await client.query<{ v: string }>(marked("select current_setting('server_version_num') as v"));
          return new SourcePool(pool, { ...plan, pool: { ...plan.pool, ssl: useSsl } }, Number(result.rows[0].v));
        } finally {
          client.release();
        }
      } catch (raw) {
        await pool.end().catch(() => undefined);
        const error = raw as ErrorWithCode;
        if (modes.length > 0 && (useSsl ? sslFailed(error) : refusedWithoutSsl(error))) {
          useSsl = modes.shift();
          attempt--;
          continue;
        }
        if (attempt >= attempts || !isRetryable(error)) {
          throw new PostgresUnavailableError(`cannot connect to Postgres ${plan.describe}: ${reasonOf(error, plan)}`, error.code);
        }
        await sleep(backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2));
      }
    }
  }

  get major(): number {
    return Math.floor(this.serverVersionNum / 10000);
  }

  /** The server's version as people write it (`15.4`); since Postgres 10 the number is major × 10000 + minor. */
  get version(): string {
    return `${this.major}.${this.serverVersionNum % 10000}`;
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      const result = await this.pool.query<R>(marked(sql), params);
      return result.rows;
    } catch (raw) {
      const error = raw as Error & { code?: string };
      throw isConnectionLoss(error) ? new PostgresConnectionLostError(error, this.plan.describe) : new PostgresQueryError(error);
    }
  }

  /** Sessions that could start now without waiting for another to be handed back. */
  get freeSessions(): number {
    const max = this.pool.options.max ?? 10;
    return this.pool.idleCount + Math.max(0, max - this.pool.totalCount);
  }

  /**
   * One session for several statements (a transaction and its settings). The session is rolled back and handed back
   * afterwards, even when `work` throws; one whose connection broke is discarded.
   */
  async session<T>(work: (query: SessionQuery) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const query: SessionQuery = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
      try {
        return (await client.query<R>(marked(sql), params)).rows;
      } catch (raw) {
        const error = raw as Error & { code?: string };
        if (isConnectionLoss(error)) throw (broken = new PostgresConnectionLostError(error, this.plan.describe));
        throw new PostgresQueryError(error);
      }
    };
    try {
      return await work(query);
    } finally {
      if (!broken) await client.query('ROLLBACK').catch((error: Error) => (broken = error));
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A statement on a session of `SourcePool.session`, marked like every other. */
export type SessionQuery = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>;
