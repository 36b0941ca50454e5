// What the worker puts on the wire to Postgres 18, recorded by a proxy between the two: every statement starts with
// OpenMetadata's marker comment, and their number does not depend on the number of tables. (pg_stat_statements on
// 18 cannot show this: it records statement text without its leading comment; see the last test.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureDatabase, manyTablesSql, type FixtureDatabase } from '../support/fixture-db.js';
import { adminUrl, createTestDatabase, execSql, withClient, type TestDatabase } from '../support/pg.js';
import { startWireRecorder, type WireRecorder } from '../support/pg-wire-recorder.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

const MARKER_PREFIX = '/* {"app": "OpenMetadata", ';

let fixture: FixtureDatabase;
let small: TestDatabase;
let large: TestDatabase;

beforeAll(async () => {
  fixture = await createFixtureDatabase('wire_fixture');
  small = await createTestDatabase('wire_small');
  large = await createTestDatabase('wire_large');
  await execSql(small.url, manyTablesSql(10));
  await execSql(large.url, manyTablesSql(200));
});

afterAll(async () => {
  await Promise.all([fixture?.drop(), small?.drop(), large?.drop()]);
});

/** Runs the workflow through a recording proxy; the connection URL's host and port are replaced by the proxy's. */
async function recordRun(url: string, sourceConfig: Record<string, unknown> = {}): Promise<{ run: MetadataRun; recorder: WireRecorder }> {
  const target = new URL(url);
  const recorder = await startWireRecorder({ host: target.hostname, port: Number(target.port) });
  try {
    const run = await runMetadata({ url, connection: { hostPort: `127.0.0.1:${recorder.port}` }, sourceConfig });
    return { run, recorder };
  } finally {
    await recorder.close();
  }
}

describe('statements on the wire (Postgres 18)', () => {
  it('all start with the marker comment', async () => {
    const { run, recorder } = await recordRun(fixture.url, { includeOwners: true });
    expect(run.result.exitCode).toBe(0);
    expect(run.tables.size).toBeGreaterThan(25);
    expect(recorder.connections).toBeGreaterThanOrEqual(1);
    expect(recorder.statements.length).toBeGreaterThanOrEqual(8);
    expect(recorder.statements.filter((sql) => !sql.startsWith(MARKER_PREFIX))).toEqual([]);
  });

  it('are as many for 200 tables as for 10', async () => {
    const a = await recordRun(small.url);
    const b = await recordRun(large.url);
    expect(a.run.tables.size).toBe(11);
    expect(b.run.tables.size).toBe(201);
    expect(b.recorder.statements.length).toBe(a.recorder.statements.length);
    expect(b.recorder.statements.length).toBeLessThanOrEqual(12);
    // Same statements (parameters are bound, so the texts do not carry the oids).
    expect([...b.recorder.statements].sort()).toEqual([...a.recorder.statements].sort());
  });

  it('bind values as parameters instead of writing them into the text', async () => {
    const { recorder } = await recordRun(small.url);
    for (const sql of recorder.statements) {
      expect(sql).not.toMatch(/\b(16384|\d{5,})\b/); // no oid literals
      expect(sql).not.toContain(`'bulk'`);
    }
  });
});

describe('pg_stat_statements on Postgres 18', () => {
  it('records the statement text without its leading comment (so it cannot show the marker)', async () => {
    const db = await createTestDatabase('wire_pgss');
    try {
      await withClient(db.url, async (c) => {
        await c.query(`/* {"app": "OpenMetadata", "version": "probe"} */ select 1 as pgss_probe_18`);
      });
      const texts = await withClient(adminUrl(), async (c) => {
        const r = await c.query(`select query from pg_stat_statements where query like '%pgss_probe_18%' and query not like '%pg_stat_statements%'`);
        return r.rows.map((row) => String(row.query));
      });
      expect(texts.length).toBeGreaterThan(0);
      // If this starts failing, Postgres keeps leading comments again and statement-log.test.ts can run on 18 too.
      for (const text of texts) expect(text.startsWith('/*')).toBe(false);
    } finally {
      await db.drop();
    }
  });
});
