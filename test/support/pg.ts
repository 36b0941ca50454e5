// Helpers for tests that need a real database. Each test file gets its own database on the shared server,
// so files running in parallel workers never see each other's tables.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Superuser URL of the shared server (OMGEN_TEST_PG_URL, or the embedded pg18 started by the global setup). */
export function adminUrl(): string {
  return inject('pgUrl');
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs each string as one simple-protocol query, so a string may hold several statements. */
export async function execSql(url: string, sql: string | string[]): Promise<void> {
  await withClient(url, async (c) => {
    for (const s of Array.isArray(sql) ? sql : [sql]) await c.query(s);
  });
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const safe = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 40);
  const name = `${safe}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = adminUrl();
  await execSql(admin, `CREATE DATABASE ${quoteIdent(name)}`);
  const url = new URL(admin);
  url.pathname = `/${encodeURIComponent(name)}`;
  return {
    url: url.toString(),
    name,
    // DROP DATABASE ... WITH (FORCE) needs Postgres 13+, and OMGEN_TEST_PG_URL may point at an older server.
    drop: () =>
      withClient(admin, async (c) => {
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      }),
  };
}

/**
 * A private server of one major, for tests about version differences. These always run the embedded binaries,
 * even when OMGEN_TEST_PG_URL is set. The caller must stop() it.
 */
export function startMajor(binaryPackage: 'pg11' | 'pg18'): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({ binaryPackage });
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
