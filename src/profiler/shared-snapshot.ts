import type { SessionQuery, SourcePool } from '../postgres/source-pool.js';

/** Sessions that may help one table besides its own. */
const MAX_HELPERS = 7;

/** A statement (or a few) of one table that needs no other's result: it may run on any session of the snapshot. */
export type SnapshotJob<T> = (on: SessionQuery) => Promise<T>;

/**
 * Runs a table's independent jobs on its own session and, when the pool has sessions free, on helpers that import
 * this transaction's snapshot, so every job reads the same rows. Sessions take the next job as they finish one, so a
 * long grouping does not hold up the rest; the first failure stops new jobs from starting. Results keep job order.
 */
export async function runOnSnapshot<T>(
  pool: SourcePool,
  own: SessionQuery,
  jobs: ReadonlyArray<SnapshotJob<T>>,
  /** Opens a helper's transaction: `opening` (BEGIN, then the snapshot) first, then the table's settings. */
  prepareHelper: (helper: SessionQuery, opening: readonly string[]) => Promise<void>,
): Promise<T[]> {
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
  const [exported] = await own<{ id: string }>('SELECT pg_export_snapshot() AS id');
  const snapshot = String(exported?.id ?? '');
  // A snapshot id is the server's own word (hex digits and dashes); nothing else is ever put into the SET.
  if (!/^[0-9A-Fa-f-]+$/.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
  const helping = Array.from({ length: helpers }, () =>
    pool.session(async (helper) => {
      if (failed || next >= jobs.length) return;
      await prepareHelper(helper, ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', `SET TRANSACTION SNAPSHOT '${snapshot}'`]);
      await drain(helper);
    }),
  );
  await Promise.all([drain(own), ...helping]);
  return results;
}
