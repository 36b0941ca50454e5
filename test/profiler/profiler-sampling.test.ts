// Sampling and the processor's tableConfig on real Postgres: shares and row counts within their bounds, the same
// sample for every metric, profileQuery and partitions honoured, excluded columns and metrics never computed (asserted
// on the statements issued), and bad settings costing one table, never the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, execSql, withClient, type TestDatabase } from '../support/pg.js';
import { runProfiler } from '../support/run-profiler.js';

const TABLES = ['pct', 'rows_t', 'query_t', 'part_t', 'cols_t', 'bad_q', 'fail_q', 'view_pct'];

describe('profiler sampling and tableConfig', () => {
  let db: TestDatabase;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('profiler_samp');
    url = db.url;
    const tables = TABLES.filter((t) => t !== 'view_pct')
      .map(
        (t) => `create table ${t} (id int not null, a int, b text); insert into ${t} select i, i % 100, 'b' || i from generate_series(1, 10000) i;`,
      )
      .join('\n');
    await execSql(url, `${tables}\ncreate view view_pct as select * from pct;\nanalyze;`);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('profiles each table as its settings say, and a bad setting fails only its table', async () => {
    const fqn = (t: string) => `svc.${db.name}.public.${t}`;
    const run = await runProfiler(
      url,
      { profileSample: 10, profileSampleType: 'PERCENTAGE', generateSampleData: false, threadCount: 3 },
      {
        tableConfig: [
          { fullyQualifiedName: fqn('rows_t'), profileSample: 500, profileSampleType: 'ROWS' },
          { fullyQualifiedName: fqn('query_t'), profileQuery: 'select * from query_t where id <= 100' },
          {
            fullyQualifiedName: fqn('part_t'),
            profileSample: 100,
            partitionConfig: {
              enablePartitioning: true,
              partitionColumnName: 'id',
              partitionIntervalType: 'INTEGER-RANGE',
              partitionIntegerRangeStart: 1,
              partitionIntegerRangeEnd: 50,
            },
          },
          {
            fullyQualifiedName: fqn('cols_t'),
            profileSample: 100,
            columnConfig: { excludeColumns: ['b', 'nope'], includeColumns: [{ columnName: 'a', metrics: ['MEAN', 'valuesCount'] }] },
          },
          { fullyQualifiedName: fqn('bad_q'), profileQuery: 'with d as (delete from bad_q returning *) select * from d' },
          { fullyQualifiedName: fqn('fail_q'), profileQuery: 'select * from no_such_table' },
        ],
      },
    );
    const profiles = new Map(
      run.lines.filter((l) => l.type === 'tableProfile').map((l) => [(l.data as any).table.fullyQualifiedName, l.data as any]),
    );
    const values = (t: string) => profiles.get(fqn(t))?.columnProfile.find((c: any) => c.name === 'id')?.valuesCount;

    const pct = values('pct');
    // 10 % of 10,000 rows, Bernoulli: within ±6 standard deviations (σ = 30).
    expect(pct).toBeGreaterThan(820);
    expect(pct).toBeLessThan(1180);
    expect(profiles.get(fqn('pct')).tableProfile).toMatchObject({ rowCount: 10000, profileSample: 10, profileSampleType: 'PERCENTAGE' });
    // One sample for every metric: no proportion above 1, distinct ids = values.
    const idPct = profiles.get(fqn('pct')).columnProfile.find((c: any) => c.name === 'id');
    expect(idPct.distinctCount).toBe(pct);
    expect(idPct.uniqueCount).toBe(pct);
    expect(idPct.histogram.frequencies.reduce((a: number, b: number) => a + b, 0)).toBe(pct);
    // A view cannot TABLESAMPLE: it is sampled by a hash of its rows.
    expect(values('view_pct')).toBeGreaterThan(820);
    expect(values('view_pct')).toBeLessThan(1180);

    expect(values('rows_t')).toBe(500);
    expect(profiles.get(fqn('rows_t')).tableProfile).toMatchObject({ rowCount: 10000, profileSample: 500, profileSampleType: 'ROWS' });
    expect(values('query_t'), JSON.stringify(run.result.status.step('Profiler')?.failures)).toBe(100);
    expect(values('part_t')).toBe(50);

    const cols = profiles.get(fqn('cols_t'));
    expect(cols.columnProfile.map((c: any) => Object.keys(c).sort())).toEqual([['mean', 'name', 'timestamp', 'valuesCount']]);
    expect(cols.columnProfile[0].mean).toBeCloseTo(49.5, 9);
    const colsStatements = run.debug.filter((l) => l.includes(`${fqn('cols_t')}: SELECT`));
    expect(colsStatements.length).toBeGreaterThan(0);
    for (const line of colsStatements) {
      expect(line).not.toContain('"b"');
      expect(line).not.toMatch(/count\(DISTINCT|percentile_cont|stddev_pop|min\(/);
    }
    const warnings = run.result.status.step('Profiler')?.warnings ?? [];
    expect(warnings.map((w: any) => w.message)).toContain(`excludeColumns names 'nope', which ${fqn('cols_t')} does not have`);

    // The writing profileQuery fails its table, with the reason; the rest were profiled.
    const failures = run.result.status.step('Profiler')?.failures ?? [];
    expect([...failures].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: fqn('bad_q'), error: expect.stringMatching(/profileQuery must not change data/) },
      { name: fqn('fail_q'), error: expect.stringMatching(/relation "no_such_table" does not exist \[42P01\]/) },
    ]);
    expect(profiles.has(fqn('bad_q'))).toBe(false);
    expect(run.result.exitCode).toBe(1);
    const left = await withClient(url, (c) => c.query('select count(*)::int as n from bad_q'));
    expect(left.rows[0].n).toBe(10000);
  });

  it("shares a big sample's passes among free sessions on one snapshot, with the results of one session alone", async () => {
    // 320,000 rows: a 50 % sample holds more than the 10,000 rows from which a pass is split column by column, and
    // the whole table more than the 300,000 values past which a column of distinct values is grouped by sorting.
    await execSql(url, [
      `create table big_share as select i as id, i % 1000 as grp, (i % 7919) / 8.0 as amount, md5(i::text) as token,
         case when i % 5 = 0 then null else i % 300 end as sparse from generate_series(1, 320000) i`,
      'analyze big_share',
    ]);
    const config = { generateSampleData: false, randomizedSample: false, profileSample: 50, tableFilterPattern: { includes: ['^big_share$'] } };
    const alone = await runProfiler(url, { ...config, threadCount: 1 });
    const shared = await runProfiler(url, { ...config, threadCount: 4 });
    const profileOf = (run: Awaited<ReturnType<typeof runProfiler>>) =>
      JSON.stringify(run.lines.find((l) => l.type === 'tableProfile')?.data).replace(/"timestamp":\d+/g, '');
    expect(profileOf(shared)).toEqual(profileOf(alone));
    // The pass is split: each column's grouping is a statement of its own, and a number column is grouped once for
    // its counts and quartiles together.
    const statements = (run: Awaited<ReturnType<typeof runProfiler>>) => run.debug.filter((l) => l.includes('big_share: '));
    expect(statements(shared).filter((l) => l.includes('"token" COLLATE "C" AS k')).length).toBe(1);
    expect(statements(shared).filter((l) => l.includes('OVER (ORDER BY grouped.k ROWS UNBOUNDED PRECEDING)')).length).toBe(4);
    expect(statements(shared).filter((l) => l.includes('ORDER BY ("grp")::float8')).length).toBe(0);
    // rowCount is the table's, counted beside the passes.
    const tableProfile = shared.lines.find((l) => l.type === 'tableProfile')?.data as { tableProfile: { rowCount: number } };
    expect(tableProfile.tableProfile.rowCount).toBe(320000);

    // The whole table: id and token are grouped by sorting; every count and quartile is what Postgres says apart.
    const whole = await runProfiler(url, { generateSampleData: false, threadCount: 4, tableFilterPattern: { includes: ['^big_share$'] } });
    expect(whole.debug.filter((l) => l.includes('big_share: SET LOCAL enable_hashagg = off')).length).toBe(2);
    const columns = (whole.lines.find((l) => l.type === 'tableProfile')?.data as { columnProfile: Array<Record<string, unknown>> }).columnProfile;
    const expected = await withClient(url, async (c) => {
      const out: Record<string, Record<string, number>> = {};
      for (const [name, value] of [
        ['id', 'id'],
        ['grp', 'grp'],
        ['amount', 'amount'],
        ['token', 'length(token)'],
        ['sparse', 'sparse'],
      ]) {
        const { rows } = await c.query(
          `select (select count(*) from (select distinct ${name} from big_share where ${name} is not null) d)::int as "distinctCount",
             (select count(*) from (select 1 from big_share where ${name} is not null group by ${name} having count(*) = 1) u)::int as "uniqueCount",
             (percentile_cont(0.25) within group (order by (${value})::float8))::float8 as "firstQuartile",
             (percentile_cont(0.5) within group (order by (${value})::float8))::float8 as "median",
             (percentile_cont(0.75) within group (order by (${value})::float8))::float8 as "thirdQuartile"
           from big_share where ${name} is not null`,
        );
        out[name] = rows[0];
      }
      return out;
    });
    for (const [name, metrics] of Object.entries(expected)) {
      const column = columns.find((c) => c.name === name);
      expect(column, name).toMatchObject(metrics);
    }
  });
});
