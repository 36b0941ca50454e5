// What goes wrong while profiling costs one table, never the run: a table that runs out of its time
// (timeoutSeconds) and a table dropped while the run is under way are each one failure, named, and the rest are
// profiled; the exit code says failures happened (1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockRelation, workerWaitsForLock } from '../support/locks.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runProfiler } from '../support/run-profiler.js';

describe('profiler failures', () => {
  let db: TestDatabase;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('profiler_failing');
    url = db.url;
  });

  afterAll(async () => {
    await db?.drop();
  });

  const fqn = (t: string) => `svc.${db.name}.public.${t}`;
  const profiled = (run: Awaited<ReturnType<typeof runProfiler>>) =>
    run.lines.filter((l) => l.type === 'tableProfile').map((l) => (l.data as { table: { fullyQualifiedName: string } }).table.fullyQualifiedName);

  it('a table that outruns timeoutSeconds is one failure; the others are profiled', async () => {
    await execSql(url, [
      'create table fine (id int)',
      'insert into fine select generate_series(1, 10)',
      // Each row of this view sleeps: reading it would take 30 s.
      'create view slow as select i, (select i from pg_sleep(3 + 0 * i)) as x from generate_series(1, 10) i',
    ]);
    const started = performance.now();
    const run = await runProfiler(url, { timeoutSeconds: 1, generateSampleData: false, tableFilterPattern: { includes: ['^fine$', '^slow$'] } });
    // The statement itself was cancelled at the table's deadline: the run did not wait for the view.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.result.exitCode).toBe(1);
    expect(run.result.status.step('Profiler')?.failures).toEqual([{ name: fqn('slow'), error: 'ran out of its 1 s (timeoutSeconds)' }]);
    expect(profiled(run)).toEqual([fqn('fine')]);
  });

  it('a table dropped while the run is under way is one failure; the others are profiled', async () => {
    await execSql(url, [
      // A view: the run's size query reads only tables, so listing never waits on the lock below.
      'create view a_slow as select i from generate_series(1, 10) i',
      'create table b_gone (id int)',
      'create table c_ok (id int)',
      'insert into c_ok select generate_series(1, 10)',
    ]);
    // One table at a time, a_slow first: held by a lock until b_gone, listed already, is dropped.
    const lock = await lockRelation(url, 'a_slow');
    let running: ReturnType<typeof runProfiler> | undefined;
    try {
      running = runProfiler(url, {
        threadCount: 1,
        generateSampleData: false,
        tableFilterPattern: { includes: ['^a_slow$', '^b_gone$', '^c_ok$'] },
      });
      await workerWaitsForLock(url, db.name);
      await execSql(url, 'drop table b_gone');
    } finally {
      await lock.release();
    }
    const run = await running;
    expect(run.result.exitCode).toBe(1);
    expect(run.result.status.step('Profiler')?.failures).toEqual([
      { name: fqn('b_gone'), error: expect.stringMatching(/relation .*b_gone.* does not exist \[42P01\]/) },
    ]);
    expect(profiled(run).sort()).toEqual([fqn('a_slow'), fqn('c_ok')]);
  });
});
