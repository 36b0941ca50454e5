import { existsSync, readFileSync } from 'node:fs';
import type { PoolConfig } from 'pg';
import type { PostgresConnectionConfig } from '../config/types.js';
import { parseHostPort } from './host-port.js';
import { clipText } from '../util/clip-text.js';

/** Session settings every worker connection starts with, unless the user's options say otherwise. */
const SESSION_DEFAULTS: Readonly<Record<string, string>> = {
  default_transaction_read_only: 'on',
  statement_timeout: '300000',
  // pg_get_viewdef waits for locks; a view locked by a migration should fail that one table, not hang the run.
  lock_timeout: '30000',
  idle_in_transaction_session_timeout: '600000',
  // Catalog reads are short: JIT (on by default since Postgres 12 where it is built in) only adds compile time, up to
  // a quarter of a second per statement on a large catalog.
  jit: 'off',
};

/** The only schemas a worker session resolves unqualified names in. */
export const SEARCH_PATH = 'pg_catalog,pg_temp';

/** libpq parameters (connectionOptions / connectionArguments) the worker understands. */
const UNDERSTOOD = new Set([
  'options',
  'connect_timeout',
  'application_name',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'keepalives',
  'keepalives_idle',
  'statement_timeout',
  'lock_timeout',
]);

export interface ConnectionPlan {
  pool: PoolConfig;
  sslMode: string;
  /** Client certificate and key (PEM), also sent when "prefer" / "allow" try SSL. */
  clientCertificate: { cert?: string; key?: string };
  /** Parameters given in connectionOptions / connectionArguments that have no effect here. */
  ignoredParameters: string[];
  /** For messages: never includes the password. */
  describe: string;
}

/** Parses libpq's `options` (`-c name=value` / `--name=value`) into settings. */
export function parseOptions(options: string): Record<string, string> {
  const settings: Record<string, string> = {};
  const tokens = options.match(/(?:\\.|\S)+/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i];
    if (token === '-c') token = tokens[++i] ?? '';
    else if (token.startsWith('-c')) token = token.slice(2);
    else if (token.startsWith('--')) token = token.slice(2);
    else continue;
    const eq = token.indexOf('=');
    if (eq > 0) settings[token.slice(0, eq).replace(/-/g, '_')] = token.slice(eq + 1).replace(/\\(.)/g, '$1');
  }
  return settings;
}

function formatOptions(settings: Record<string, string>): string {
  return Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value.replace(/([\\ ])/g, '\\$1')}`)
    .join(' ');
}

/** A certificate given inline (PEM text, as newer OpenMetadata stores it) or as a file path. */
function certificate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.includes('-----BEGIN')) return value;
  return existsSync(value) ? readFileSync(value, 'utf8') : value;
}

export function passwordOf(connection: PostgresConnectionConfig): string | undefined {
  return connection.authType?.password ?? connection.password;
}

/** Pure: from OpenMetadata's PostgresConnection to node-postgres settings, for one database. */
export function planConnection(connection: PostgresConnectionConfig, database: string, maxConnections: number): ConnectionPlan {
  const target = parseHostPort(connection.hostPort);
  if (!target) throw new Error(`hostPort '${clipText(connection.hostPort)}' is not host:port`);
  const params: Record<string, unknown> = { ...connection.connectionOptions, ...connection.connectionArguments };
  const ignoredParameters = Object.keys(params).filter((key) => !UNDERSTOOD.has(key));

  const settings: Record<string, string> = { ...SESSION_DEFAULTS };
  for (const key of ['statement_timeout', 'lock_timeout'] as const) {
    if (params[key] !== undefined) settings[key] = String(params[key]);
  }
  if (typeof params.options === 'string') Object.assign(settings, parseOptions(params.options));
  // The session stays read-only whatever the options say: the worker never writes to a source.
  settings.default_transaction_read_only = 'on';
  // Names resolve in pg_catalog alone, whatever the options, the database or the role say: a function or operator a
  // database's owner plants in public (a closer type match for unnest(int2[]), say) would otherwise run with the
  // worker's role (CVE-2018-1058). pg_temp goes last so that not even a temporary relation can shadow a catalog.
  settings.search_path = SEARCH_PATH;

  const sslMode = String(params.sslmode ?? connection.sslMode ?? 'prefer');
  const ca = certificate(connection.sslConfig?.caCertificate ?? (params.sslrootcert as string | undefined));
  const cert = certificate(connection.sslConfig?.sslCertificate ?? (params.sslcert as string | undefined));
  const key = certificate(connection.sslConfig?.sslKey ?? (params.sslkey as string | undefined));
  let ssl: PoolConfig['ssl'] = false;
  if (sslMode === 'require') ssl = { rejectUnauthorized: false, cert, key };
  else if (sslMode === 'verify-ca') ssl = { rejectUnauthorized: true, ca, cert, key, checkServerIdentity: () => undefined };
  else if (sslMode === 'verify-full') ssl = { rejectUnauthorized: true, ca, cert, key };

  const connectTimeout = Number(params.connect_timeout ?? 10);
  return {
    pool: {
      host: target.host,
      port: target.port,
      user: connection.username,
      password: passwordOf(connection),
      database,
      ssl,
      application_name: typeof params.application_name === 'string' ? params.application_name : 'om-worker',
      options: formatOptions(settings),
      connectionTimeoutMillis: connectTimeout * 1000,
      keepAlive: params.keepalives === undefined ? true : Boolean(Number(params.keepalives)),
      max: maxConnections,
      idleTimeoutMillis: 30000,
    },
    sslMode,
    clientCertificate: { cert, key },
    ignoredParameters,
    describe: `${connection.username}@${target.host}:${target.port}/${database}`,
  };
}
