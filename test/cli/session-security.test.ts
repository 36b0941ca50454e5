// Every source session the worker opens is read-only, has a statement_timeout and says application_name om-worker,
// whatever the user's connection options try; checked on a real server through SourcePool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresConnectionConfig } from '../../src/config/types.js';
import { SourcePool } from '../../src/postgres/source-pool.js';
import { createTestDatabase, execSql, withClient, type TestDatabase } from '../support/pg.js';
import { pgTarget } from './cli-helpers.js';

let db: TestDatabase;
const pools: SourcePool[] = [];

function connection(extra: Partial<PostgresConnectionConfig> = {}): PostgresConnectionConfig {
  const target = pgTarget(db.url);
  return { username: target.username, authType: { password: target.password }, hostPort: target.hostPort, sslMode: 'disable', ...extra };
}

async function open(extra: Partial<PostgresConnectionConfig> = {}): Promise<SourcePool> {
  const pool = await SourcePool.open(connection(extra), db.name, { maxConnections: 1 });
  pools.push(pool);
  return pool;
}

beforeAll(async () => {
  db = await createTestDatabase('session_security');
  await execSql(db.url, 'CREATE TABLE public.target (id int)');
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
  await db?.drop();
});

describe('source sessions', () => {
  it('are read-only by default', async () => {
    const pool = await open();
    const [row] = await pool.query<{ default_transaction_read_only: string }>('show default_transaction_read_only');
    expect(row.default_transaction_read_only).toBe('on');
  });

  it('refuse to write, with the read-only error', async () => {
    const pool = await open();
    const failure = await pool.query('insert into public.target values (1)').then(
      () => undefined,
      (error: { code?: string; message?: string }) => error,
    );
    expect(failure?.code).toBe('25006');
    expect(failure?.message).toMatch(/cannot execute INSERT in a read-only transaction/);
    await withClient(db.url, async (c) => {
      expect((await c.query('select count(*)::int as n from public.target')).rows[0].n).toBe(0);
    });
  });

  it('have a statement_timeout and a lock_timeout, and no JIT', async () => {
    const pool = await open();
    const [timeout] = await pool.query<{ statement_timeout: string }>('show statement_timeout');
    expect(timeout.statement_timeout).toBe('5min');
    const [lock] = await pool.query<{ lock_timeout: string }>('show lock_timeout');
    expect(lock.lock_timeout).toBe('30s');
    // Catalog reads are short: JIT would only add compile time to them.
    const [jit] = await pool.query<{ jit: string }>('show jit');
    expect(jit.jit).toBe('off');
  });

  it('call themselves om-worker in pg_stat_activity', async () => {
    const pool = await open();
    const [row] = await pool.query<{ application_name: string }>('select application_name from pg_stat_activity where pid = pg_backend_pid()');
    expect(row.application_name).toBe('om-worker');
  });

  it('stay read-only when the options ask otherwise, while taking the timeout they give', async () => {
    const pool = await open({
      connectionOptions: { options: '-c default_transaction_read_only=off -c statement_timeout=1234' },
    });
    const [ro] = await pool.query<{ default_transaction_read_only: string }>('show default_transaction_read_only');
    expect(ro.default_transaction_read_only).toBe('on');
    const [timeout] = await pool.query<{ statement_timeout: string }>('show statement_timeout');
    expect(timeout.statement_timeout).toBe('1234ms');
  });

  it('resolve names in pg_catalog alone, whatever the options, the database or the role say', async () => {
    await execSql(db.url, `ALTER DATABASE "${db.name}" SET search_path = public, pg_catalog`);
    const pool = await open({ connectionOptions: { options: '-c search_path=public' } });
    const [row] = await pool.query<{ search_path: string }>('show search_path');
    expect(row.search_path).toBe('pg_catalog,pg_temp');
  });

  it('report the server version they connected to', async () => {
    const pool = await open();
    const [row] = await pool.query<{ v: string }>("select current_setting('server_version_num') as v");
    expect(pool.serverVersionNum).toBe(Number(row.v));
    expect(pool.major).toBeGreaterThanOrEqual(11);
    // As people write it (`18.4`), the way `server_version` starts.
    const [shown] = await pool.query<{ server_version: string }>('show server_version');
    expect(pool.version).toMatch(/^\d+\.\d+$/);
    expect(shown.server_version.startsWith(pool.version)).toBe(true);
  });
});
