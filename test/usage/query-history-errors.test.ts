// When pg_stat_statements cannot give its history, usage and lineage stop with exit 3 and the statement that fixes
// it: never an empty success. Three causes: the library not preloaded, the role not allowed to read other roles'
// statements, the extension not created in the database (the last is in lineage-workflow.test.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runLineage } from '../support/run-lineage.js';
import { runUsage } from '../support/run-usage.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'omgen-history-errors-'));
});
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('pg_stat_statements not in shared_preload_libraries', () => {
  let server: EmbeddedPostgres;
  beforeAll(async () => {
    server = await startEmbeddedPostgres({ binaryPackage: 'pg18', extraConf: { shared_preload_libraries: '' } });
  });
  afterAll(async () => server?.stop());

  it('exits 3 with the ALTER SYSTEM statement, for usage and lineage alike', async () => {
    const usage = await runUsage(server.url, folder);
    expect(usage.result.exitCode).toBe(3);
    expect(usage.result.fatal?.message).toBe(
      "pg_stat_statements is not loaded: run ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'; (keeping any libraries already listed) and restart Postgres",
    );
    expect(usage.lines).toEqual([]);
    const lineage = await runLineage(server.url);
    expect(lineage.result.exitCode).toBe(3);
    expect(lineage.result.fatal?.message).toMatch(/^pg_stat_statements is not loaded/);
  });
});

describe('a role without pg_read_all_stats', () => {
  let db: TestDatabase;
  const role = `reader_${Date.now().toString(36)}`;
  beforeAll(async () => {
    db = await createTestDatabase('history_privilege');
    await execSql(db.url, [
      `create extension if not exists pg_stat_statements`,
      `create role ${role} login`,
      `grant connect on database "${db.name}" to ${role}`,
    ]);
  });
  afterAll(async () => {
    await db?.drop();
    await execSql(db.url.replace(/\/[^/]*$/, '/postgres'), `drop role if exists ${role}`).catch(() => undefined);
  });

  it('exits 3 and names the GRANT, since other roles\u2019 texts would read <insufficient privilege>', async () => {
    const url = new URL(db.url);
    url.username = role;
    const { result, lines } = await runUsage(url.toString(), folder);
    expect(result.exitCode).toBe(3);
    expect(result.fatal?.message).toBe(
      `role ${role} sees only its own statements in pg_stat_statements (other roles' texts read <insufficient privilege>): run GRANT pg_read_all_stats TO "${role}";`,
    );
    expect(lines).toEqual([]);
  });
});
