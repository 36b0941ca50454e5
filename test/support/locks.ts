// Holding a lock from another session, to put the worker in a known place (waiting on it) or to fail one relation.
import pg from 'pg';
import { withClient } from './pg.js';

/** Holds ACCESS EXCLUSIVE on `relation` in an open transaction until release(). */
export async function lockRelation(url: string, relation: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // a server shutting down ends this session too
  await client.connect();
  await client.query('begin');
  await client.query(`lock table ${relation} in access exclusive mode`);
  return {
    release: () =>
      client.query('rollback').then(
        () => client.end(),
        () => client.end().catch(() => undefined),
      ),
  };
}

/** Resolves once one of the worker's sessions on `database` waits for a lock (polls pg_stat_activity). */
export async function workerWaitsForLock(url: string, database: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const waiting = await withClient(url, async (c) => {
      const r = await c.query(
        "select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'om-worker' and wait_event_type = 'Lock'",
        [database],
      );
      return r.rows[0].n as number;
    });
    if (waiting > 0) return;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error('the worker never waited for the lock');
}
