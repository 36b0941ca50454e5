// How a table is profiled when it is not read whole: from catalog statistics (useStatistics, or a role that may not
// SELECT from it: no row is read), or sampled to fit omgen's timeBudgetSeconds; the status says which table how.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetModes } from '../../src/profiler/profile-mode.js';
import { arrayElements } from '../../src/profiler/statistics-profile.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runProfiler } from '../support/run-profiler.js';

describe('profiler modes', () => {
  let db: TestDatabase;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('profiler_modes');
    url = db.url;
    await execSql(url, [
      'create table open_t (id int, v numeric, label text, day date)',
      `insert into open_t select i, i % 100, case when i % 4 = 0 then null else 'l' || (i % 10) end, date '2024-01-01' + (i % 30) from generate_series(1, 5000) i`,
      'create table secret (id int, card text)',
      `insert into secret select i, 'x' || i from generate_series(1, 300) i`,
      'create table large_t (id int, a int, b text)',
      `insert into large_t select i, i % 7, 'b' || i from generate_series(1, 200000) i`,
      'analyze',
      `DO $$ BEGIN CREATE ROLE prof_reader LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
      'grant select on open_t, large_t to prof_reader',
    ]);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const fqn = (t: string) => `svc.${db.name}.public.${t}`;
  const profileOf = (run: Awaited<ReturnType<typeof runProfiler>>, t: string) =>
    run.lines.find((l) => l.type === 'tableProfile' && (l.data as any).table.fullyQualifiedName === fqn(t))?.data as any;

  it('useStatistics: every table from the catalog, no row read, estimates close to the data', async () => {
    const run = await runProfiler(url, { useStatistics: true, generateSampleData: false });
    expect(run.result.exitCode).toBe(0);
    const open = profileOf(run, 'open_t');
    expect(open.tableProfile.rowCount).toBe(5000);
    const label = open.columnProfile.find((c: any) => c.name === 'label');
    expect(label.nullProportion).toBeCloseTo(0.25, 2);
    expect(label.distinctCount).toBe(10);
    const v = open.columnProfile.find((c: any) => c.name === 'v');
    expect(v).toMatchObject({ min: 0, max: 99, distinctCount: 100 });
    // v's 100 values are all most-common values: a histogram needs the id's spread.
    expect(v.histogram).toBeUndefined();
    expect(open.columnProfile.find((c: any) => c.name === 'id').histogram.boundaries.length).toBeGreaterThan(10);
    const day = open.columnProfile.find((c: any) => c.name === 'day');
    expect(day, JSON.stringify(day)).toMatchObject({ min: '2024-01-01', max: '2024-01-30' });
    // No statement of the profiler read a table's rows.
    expect(run.debug.filter((l) => /: SELECT .* FROM \(SELECT/.test(l))).toEqual([]);
    expect(run.result.status.step('Profiler')?.facts.get('tables profiled from catalog statistics (estimates)')).toBe('3');
  });

  it('a table the role may not read is profiled from the catalog, not failed, and says why', async () => {
    const reader = new URL(url);
    reader.username = 'prof_reader';
    reader.password = '';
    const asReader = reader.toString();
    const run = await runProfiler(asReader, { generateSampleData: false });
    expect(run.result.exitCode, JSON.stringify(run.result.status.steps.map((s) => s.failures))).toBe(0);
    const secret = profileOf(run, 'secret');
    expect(secret.tableProfile.rowCount).toBe(300);
    // pg_stats shows the role nothing of columns it may not read: none are guessed.
    expect(secret.columnProfile).toEqual([]);
    expect(run.debug.some((l) => l.includes(`${fqn('secret')}: catalog statistics only (the role may not SELECT from it`))).toBe(true);
    expect(profileOf(run, 'open_t').columnProfile.find((c: any) => c.name === 'id').uniqueCount).toBe(5000);
  });

  it('timeBudgetSeconds: small tables exact, the large one sampled to fit, each said', async () => {
    const run = await runProfiler(url, { timeBudgetSeconds: 0.5, threadCount: 1, generateSampleData: false });
    expect(run.result.exitCode).toBe(0);
    const large = profileOf(run, 'large_t');
    expect(large.tableProfile.rowCount).toBe(200000);
    expect(large.tableProfile.profileSampleType).toBe('PERCENTAGE');
    const values = large.columnProfile.find((c: any) => c.name === 'id').valuesCount;
    expect(values).toBeLessThan(200000);
    expect(profileOf(run, 'open_t').columnProfile.find((c: any) => c.name === 'id').valuesCount).toBe(5000);
    expect(run.result.status.step('Profiler')?.facts.get('tables sampled for the time budget')).toBe('1');
    expect(run.debug.some((l) => l.includes(`${fqn('large_t')}: a `) && l.includes('time budget'))).toBe(true);
  });

  it('is the whole run’s budget: two databases share it, each not given all of it', async () => {
    const other = await createTestDatabase('profiler_modes_other');
    try {
      // Each big_t costs ~0.42 s by the model: both fit a 0.6 s budget only if each database had the whole of it.
      for (const target of [url, other.url]) {
        await execSql(target, [
          'create table big_t (id int, v int)',
          'insert into big_t select i, i % 9 from generate_series(1, 200000) i',
          'analyze big_t',
        ]);
      }
      const run = await runProfiler(
        url,
        {
          timeBudgetSeconds: 0.6,
          threadCount: 1,
          generateSampleData: false,
          databaseFilterPattern: { includes: [`^${db.name}$`, `^${other.name}$`] },
          tableFilterPattern: { includes: ['^big_t$'] },
        },
        undefined,
        { ingestAllDatabases: true },
      );
      expect(run.result.exitCode).toBe(0);
      const profiles = run.lines.filter((l) => l.type === 'tableProfile').map((l) => l.data as any);
      expect(profiles.map((p) => p.table.fullyQualifiedName).sort()).toEqual(
        [`svc.${db.name}.public.big_t`, `svc.${other.name}.public.big_t`].sort(),
      );
      for (const profile of profiles) expect(profile.tableProfile.profileSampleType).toBe('PERCENTAGE');
      expect(run.result.status.step('Profiler')?.facts.get('tables sampled for the time budget')).toBe('2');
    } finally {
      await execSql(url, 'drop table big_t');
      await other.drop();
    }
  });

  it('shares the budget: exact within a share, sampled above it, statistics when a sample would be tiny', () => {
    const modes = budgetModes(
      [
        { estimatedRows: 1000, columnCount: 5 },
        { estimatedRows: 10_000_000, columnCount: 10 },
        { estimatedRows: 1e11, columnCount: 10 },
      ],
      10,
      3,
    );
    expect(modes[0]).toEqual({ kind: 'exact' });
    expect(modes[1]).toMatchObject({ kind: 'sample' });
    expect((modes[1] as { percent: number }).percent).toBeCloseTo((100 * (10 - 0.02)) / 100, 1);
    expect(modes[2]).toMatchObject({ kind: 'statistics' });
    expect(arrayElements('{1,"a b","c\\"d","e\\\\f"}')).toEqual(['1', 'a b', 'c"d', 'e\\f']);
  });

  it('gives the time small tables leave unused to the large ones, never more than the budget to one table', () => {
    const tiny = { estimatedRows: 100, columnCount: 2 };
    const big = { estimatedRows: 50_000_000, columnCount: 2 };
    // 10 s on one session: nine tiny tables take ~0.18 s, so the big one (~100 s exactly) gets the other ~9.8 s.
    const modes = budgetModes([tiny, big, ...Array(8).fill(tiny)], 10, 1);
    expect(modes.filter((m) => m.kind === 'exact')).toHaveLength(9);
    const sampled = modes[1] as { kind: string; percent: number };
    expect(sampled.kind).toBe('sample');
    const tinyCost = 0.02 + 100 * 2 * 1e-6;
    expect(sampled.percent).toBeCloseTo((100 * (10 - 9 * tinyCost - 0.02)) / 100, 1);
    // Five sessions do not let one table run past the budget: it is still sampled to 10 s of work.
    expect((budgetModes([big], 10, 5)[0] as { percent: number }).percent).toBeCloseTo((100 * (10 - 0.02)) / 100, 1);
    // Two big tables split what is left equally.
    const pair = budgetModes([big, big], 10, 1) as Array<{ percent: number }>;
    expect(pair[0]?.percent).toBeCloseTo(pair[1]?.percent as number, 6);
    expect(pair[0]?.percent).toBeCloseTo((100 * (5 - 0.02)) / 100, 1);
  });
});
