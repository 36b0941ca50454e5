// A table's jobs shared among helper sessions on one snapshot, on real Postgres: the same rows for every session, and
// a helper the pool cannot serve at once never holds the table up nor fails it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PostgresConnectionConfig } from '../../src/config/types.js';
import { SourcePool, type SessionQuery } from '../../src/postgres/source-pool.js';
import { runOnSnapshot, startBeside } from '../../src/profiler/shared-snapshot.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { connectionTo } from '../support/run-metadata.js';

const BEGIN = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
const setUp = (helper: SessionQuery, opening: readonly string[]) => helper(opening.join('; ')).then(() => undefined);
const countJob = (on: SessionQuery) => on<{ n: number }>('select count(*)::int as n from public.t').then((rows) => rows[0]?.n);

describe('jobs on a shared snapshot', () => {
  /**
   * Another table, taking the one free session the moment the wrapped own session exports its snapshot (after the
   * helpers were counted) and keeping it until `letGo()`.
   */
  function takenAtExport(): { racing: (own: SessionQuery) => SessionQuery; held: () => Promise<unknown> | undefined; letGo: () => void } {
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    let hold: Promise<unknown> | undefined;
    const racing =
      (own: SessionQuery): SessionQuery =>
      async (sql, params) => {
        if (sql.includes('pg_export_snapshot') && !hold) {
          hold = pool.session(async (other) => {
            await other('select 1');
            await released;
          });
        }
        return own(sql, params);
      };
    return { racing, held: () => hold, letGo };
  }

  let db: TestDatabase;
  let pool: SourcePool;

  beforeAll(async () => {
    db = await createTestDatabase('snapshot_jobs');
    await execSql(db.url, ['create table t (i int)', 'insert into t select generate_series(1, 100)']);
    pool = await SourcePool.open(connectionTo(db.url) as unknown as PostgresConnectionConfig, db.name, { maxConnections: 2 });
  });

  // A helper that was still connecting when its table finished hands its session back a moment later; each test
  // starts with both sessions free, or its helpers would not be counted the same way.
  beforeEach(async () => {
    for (let waited = 0; pool.freeSessions < 2; waited += 10) {
      if (waited > 5000) throw new Error(`pool still has ${pool.freeSessions} of 2 sessions free`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });

  afterAll(async () => {
    await pool?.close();
    await db?.drop();
  });

  it('reads the snapshot on every session, even rows added since it was taken', async () => {
    const counts = await pool.session(async (own) => {
      await own(BEGIN);
      await own('select 1');
      // Committed after the snapshot: no job may see it.
      await execSql(db.url, 'insert into t select generate_series(101, 150)');
      return runOnSnapshot(pool, own, [countJob, countJob, countJob, countJob], setUp);
    });
    expect(counts).toEqual([100, 100, 100, 100]);
    await execSql(db.url, 'delete from t where i > 100');
  });

  it('neither waits for nor fails on a helper whose free session another table took first', async () => {
    // The other table keeps its session until the test lets go: had the own session waited for the helper's turn,
    // this test would never end (and fail at its timeout).
    const other = takenAtExport();
    const counts = await pool.session(async (own) => {
      await own(BEGIN);
      return runOnSnapshot(pool, other.racing(own), [countJob, countJob, countJob], setUp);
    });
    expect(other.held()).toBeDefined();
    expect(counts).toEqual([100, 100, 100]);
    other.letGo();
    await other.held();
  });

  it('leaves a job started beside to its caller when no helper has taken it yet', async () => {
    const other = takenAtExport();
    const outcome = await pool.session(async (own) => {
      await own(BEGIN);
      const beside = await startBeside(pool, other.racing(own), countJob, setUp);
      expect('result' in beside).toBe(true);
      return 'result' in beside ? beside.result() : undefined;
    });
    expect(outcome).toBeUndefined();
    other.letGo();
    await other.held();
    // And one that a helper took is its result.
    const taken = await pool.session(async (own) => {
      await own(BEGIN);
      let helperOpened!: () => void;
      const opened = new Promise<void>((resolve) => (helperOpened = resolve));
      const openAndSignal = (helper: SessionQuery, opening: readonly string[]) => setUp(helper, opening).finally(helperOpened);
      const beside = await startBeside(pool, own, countJob, openAndSignal);
      await opened;
      return 'result' in beside ? beside.result() : undefined;
    });
    expect(taken).toEqual({ value: 100 });
  });
});
