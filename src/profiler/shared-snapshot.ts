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

/** What a helper did: ran its work, or never got a session (or got one when there was nothing left to do). */
type HelperOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` on a helper session importing the snapshot. A session the pool cannot give (every one busy until its
 * wait times out) is no failure: the work is then done elsewhere, so the outcome says it did not run. `wanted` is asked
 * once the session is there; `onStart` hears, in that same moment, of work that starts.
 */
function onHelper<T>(
  pool: SourcePool,
  snapshot: string,
  setUp: HelperSetUp,
  work: (helper: SessionQuery) => Promise<T>,
  wanted: () => boolean = () => true,
  onStart: (running: Promise<unknown>) => void = () => undefined,
): Promise<HelperOutcome<T>> {
  let acquired = false;
  return pool
    .session(async (helper): Promise<HelperOutcome<T>> => {
      acquired = true;
      if (!wanted()) return { ran: false };
      const running = setUp(helper, ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', `SET TRANSACTION SNAPSHOT '${snapshot}'`]).then(() =>
        work(helper),
      );
      onStart(running);
      return { ran: true, value: await running };
    })
    .catch((error: unknown): HelperOutcome<T> => {
      if (acquired) throw error;
      return { ran: false };
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
  // Helpers that started work, which the own session waits for; one still waiting for a session is not waited for:
  // once it gets one, nothing is left and it hands the session straight back.
  const running: Array<Promise<unknown>> = [];
  const wanted = () => !failed && next < jobs.length;
  const helping = Array.from({ length: helpers }, () => onHelper(pool, snapshot, setUp, drain, wanted, (work) => running.push(work)));
  // A helper's failure is reported through `running`; the outcome promises only need their rejections absorbed.
  for (const helper of helping) helper.catch(() => undefined);
  try {
    await drain(own);
  } finally {
    // Even when a job of the own session failed, the transaction stays open until the helpers that share its
    // snapshot are done with their current job.
    await Promise.allSettled(running);
  }
  await Promise.all(running);
  return results;
}

/**
 * Starts one job on a helper of this transaction's snapshot at once, beside whatever the own session does next.
 * `result()` is the job's outcome, or undefined when no helper had started it by then (no session was free): the job
 * is then the caller's to run, and a helper served later hands its session straight back. A failure is reported by
 * `result()`, never as an unhandled rejection.
 */
export async function startBeside<T>(
  pool: SourcePool,
  own: SessionQuery,
  job: SnapshotJob<T>,
  setUp: HelperSetUp,
): Promise<{ result: () => Promise<{ value: T } | undefined> }> {
  if (pool.freeSessions <= 0) return { result: async () => undefined };
  let state: 'waiting' | 'started' | 'abandoned' = 'waiting';
  const wanted = () => {
    if (state !== 'waiting') return false;
    state = 'started';
    return true;
  };
  const outcome = onHelper(pool, await exportSnapshot(own), setUp, job, wanted);
  outcome.catch(() => undefined);
  return {
    result: async () => {
      if (state === 'waiting') {
        state = 'abandoned';
        return undefined;
      }
      const done = await outcome;
      return done.ran ? { value: done.value } : undefined;
    },
  };
}
