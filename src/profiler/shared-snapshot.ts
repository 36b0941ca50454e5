import type { SessionQuery, SourcePool } from '../postgres/source-pool.js';

/** Sessions that may help one table besides its own. */
const MAX_HELPERS = 7;

/** A statement (or a few) of one table that needs no other's result: it may run on any session of the snapshot. */
export type SnapshotJob<T> = (on: SessionQuery) => Promise<T>;

/** Opens a helper's transaction: `opening` (BEGIN, then the snapshot) first, then the table's settings. */
export type HelperSetUp = (helper: SessionQuery, opening: readonly string[]) => Promise<void>;

async function exportSnapshot(own: SessionQuery): Promise<string> {
  const [exported] = await own<{ id: string }>('SELECT pg_export_snapshot() AS id');
  const snapshot = String(exported?.id ?? '');
  // A snapshot id is the server's own word (hex digits and dashes); nothing else is ever put into the SET.
  if (!/^[0-9A-Fa-f-]+$/.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
  return snapshot;
}

function onHelper<T>(pool: SourcePool, snapshot: string, setUp: HelperSetUp, work: (helper: SessionQuery) => Promise<T>): Promise<T> {
  return pool.session(async (helper) => {
    await setUp(helper, ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', `SET TRANSACTION SNAPSHOT '${snapshot}'`]);
    return work(helper);
  });
}

/**
 * Runs a table's independent jobs on its own session and, when the pool has sessions free, on helpers that import
 * this transaction's snapshot, so every job reads the same rows. Sessions take the next job as they finish one, so a
 * long grouping does not hold up the rest; the first failure stops new jobs from starting. Results keep job order.
 */
export async function runOnSnapshot<T>(pool: SourcePool, own: SessionQuery, jobs: ReadonlyArray<SnapshotJob<T>>, setUp: HelperSetUp): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  let failed = false;
  const drain = async (on: SessionQuery): Promise<void> => {
    while (!failed && next < jobs.length) {
      const index = next++;
      try {
        results[index] = await (jobs[index] as SnapshotJob<T>)(on);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const helpers = Math.min(pool.freeSessions, jobs.length - 1, MAX_HELPERS);
  if (helpers <= 0) {
    await drain(own);
    return results;
  }
  const snapshot = await exportSnapshot(own);
  const helping = Array.from({ length: helpers }, () => (failed || next >= jobs.length ? Promise.resolve() : onHelper(pool, snapshot, setUp, drain)));
  await Promise.all([drain(own), ...helping]);
  return results;
}

/**
 * Starts one job on a helper of this transaction's snapshot at once, beside whatever the own session does next; or,
 * when no session is free, returns a job to run later like any other. A started job's failure is reported when its
 * result is awaited, never as an unhandled rejection.
 */
export async function startBeside<T>(
  pool: SourcePool,
  own: SessionQuery,
  job: SnapshotJob<T>,
  setUp: HelperSetUp,
): Promise<{ started: Promise<T> } | { later: SnapshotJob<T> }> {
  if (pool.freeSessions <= 0) return { later: job };
  const started = onHelper(pool, await exportSnapshot(own), setUp, job);
  started.catch(() => undefined);
  return { started };
}
