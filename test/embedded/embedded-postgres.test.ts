import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { adminUrl, createTestDatabase, execSql, startMajor, withClient } from '../support/pg.js';

describe('startEmbeddedPostgres', () => {
  const servers: Partial<Record<'pg11' | 'pg18', EmbeddedPostgres>> = {};

  beforeAll(async () => {
    const t0 = performance.now();
    const [pg11, pg18] = await Promise.all([startMajor('pg11'), startMajor('pg18')]);
    Object.assign(servers, { pg11, pg18 });
    console.log(`pg11 + pg18 started in parallel in ${Math.round(performance.now() - t0)} ms`);
  });

  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  });

  it.each([
    ['pg11', 11],
    ['pg18', 18],
  ] as const)('%s runs major %i with pg_stat_statements', async (pkg, major) => {
    const server = servers[pkg]!;
    expect(server.major).toBe(major);
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);

    await withClient(server.url, async (c) => {
      const v = await c.query<{ server_version_num: string }>('SHOW server_version_num');
      expect(Math.floor(Number(v.rows[0].server_version_num) / 10_000)).toBe(major);
      const libs = await c.query<{ shared_preload_libraries: string }>('SHOW shared_preload_libraries');
      expect(libs.rows[0].shared_preload_libraries).toContain('pg_stat_statements');

      await c.query('CREATE TABLE omgen_probe (id int)');
      for (let i = 0; i < 3; i++) await c.query('SELECT count(*) FROM omgen_probe');
      // Anchored at the start so this lookup query does not match itself.
      const calls = await c.query<{ calls: string }>("SELECT calls FROM pg_stat_statements WHERE query LIKE 'SELECT count(*) FROM omgen_probe%'");
      expect(calls.rows.map((r) => Number(r.calls))).toEqual([3]);
    });
  });

  it('stop() shuts the server down and removes the data dir', async () => {
    const server = await startMajor('pg18');
    expect(existsSync(server.dataDir)).toBe(true);
    const t0 = performance.now();
    await server.stop();
    console.log(`pg18 stop + cleanup in ${Math.round(performance.now() - t0)} ms`);
    expect(existsSync(server.dataDir)).toBe(false);
    await expect(withClient(server.url, (c) => c.query('SELECT 1'))).rejects.toThrow();
    await server.stop(); // idempotent
  });
});

describe('global pgUrl', () => {
  it('is a working superuser URL', async () => {
    const row = await withClient(adminUrl(), async (c) => (await c.query<{ su: string }>("SELECT current_setting('is_superuser') AS su")).rows[0]);
    expect(row.su).toBe('on');
  });

  it('hands out private databases', async () => {
    const db = await createTestDatabase('Embedded Test');
    expect(db.name).toMatch(/^embedded_test_/);
    await execSql(db.url, ['CREATE TABLE t (id int)', 'INSERT INTO t VALUES (1), (2)']);
    const n = await withClient(db.url, async (c) => (await c.query<{ n: string }>('SELECT count(*) AS n FROM t')).rows[0].n);
    expect(n).toBe('2');
    await db.drop();
    const left = await withClient(adminUrl(), (c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]));
    expect(left.rowCount).toBe(0);
  });
});
