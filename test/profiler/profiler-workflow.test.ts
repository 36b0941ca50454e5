// The profiler end to end on real Postgres 11 and 18: every metric checked against a computation of its own in
// JavaScript over the fetched rows, on data with NULLs, NaN and ±Infinity, numerics beyond float precision,
// negatives, unicode and empty strings, booleans and time zones; empty, all-NULL and oddly named tables.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { requestErrors } from '../support/om-spec.js';
import { execSql, startMajor } from '../support/pg.js';
import { runProfiler } from '../support/run-profiler.js';

type Profile = { table: { fullyQualifiedName: string }; tableProfile: Record<string, unknown>; columnProfile: Array<Record<string, any>> };

const SETUP = `
create table public.facts (
  id int primary key, amount numeric, score float8, ratio float8, name text, flag boolean, born date, seen timestamptz,
  tags text[], doc jsonb, price money);
insert into public.facts
select i,
  case when i % 10 = 0 then null when i = 7 then 123456789012345678901234.5 else (i * 37 % 101) - 50 end,
  case when i % 9 = 0 then null else ((i * 13) % 17) / 4.0 end,
  case i when 1 then 'NaN'::float8 when 2 then 'Infinity' when 3 then '-Infinity' else i end,
  case when i % 11 = 0 then null when i % 7 = 0 then '' when i % 5 = 0 then 'ünïcødé ' || i else 'n' || (i % 13) end,
  case when i % 4 = 0 then null else i % 3 = 0 end,
  date '2000-01-01' + (i * 97 % 3650),
  timestamptz '2024-03-10 01:30:00+05' + (i || ' hours')::interval,
  array['a', i::text], jsonb_build_object('i', i), (i * 1.25)::money
from generate_series(1, 200) i;
create table public.empty_t (a int, b text);
create table public.all_null (x int, y text);
insert into public.all_null select null, null from generate_series(1, 5);
create schema "odd.schema";
create table "odd.schema"."we.ird ta'ble" ("col.dot" int, "ü" text);
insert into "odd.schema"."we.ird ta'ble" values (1, 'x'), (2, 'y'), (2, null);
`;

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number {
  const s = sorted(values);
  const rank = p * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (rank - lo);
}
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const stddevPop = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
const once = (v: unknown[]) => {
  const counts = new Map<unknown, number>();
  for (const x of v) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.values()].filter((n) => n === 1).length;
};

function expectNumbers(column: Record<string, any>, values: number[], rows: number) {
  expect(column.valuesCount).toBe(values.length);
  expect(column.nullCount).toBe(rows - values.length);
  expect(column.nullProportion).toBeCloseTo((rows - values.length) / rows, 12);
  expect(column.distinctCount).toBe(new Set(values).size);
  expect(column.duplicateCount).toBe(values.length - new Set(values).size);
  expect(column.uniqueCount).toBe(once(values));
  expect(column.uniqueProportion).toBeCloseTo(once(values) / values.length, 12);
  expect(column.min).toBeCloseTo(Math.min(...values), 9);
  expect(column.max).toBeCloseTo(Math.max(...values), 9);
  expect(column.mean / mean(values)).toBeCloseTo(1, 12);
  expect(column.sum / values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  expect(column.stddev / stddevPop(values)).toBeCloseTo(1, 9);
  expect(column.median).toBeCloseTo(percentile(values, 0.5), 9);
  expect(column.firstQuartile).toBeCloseTo(percentile(values, 0.25), 9);
  expect(column.thirdQuartile).toBeCloseTo(percentile(values, 0.75), 9);
  expect(column.interQuartileRange).toBeCloseTo(percentile(values, 0.75) - percentile(values, 0.25), 9);
  expect(column.nonParametricSkew).toBeCloseTo((mean(values) - percentile(values, 0.5)) / stddevPop(values), 9);
}

for (const major of ['pg11', 'pg18'] as const) {
  describe(`profiler workflow on ${major}`, () => {
    let server: EmbeddedPostgres;
    let url: string;
    let rows: Array<Record<string, any>>;

    beforeAll(async () => {
      server = await startMajor(major);
      await execSql(server.url, 'create database prof');
      url = server.url.replace(/\/postgres$/, '/prof');
      await execSql(url, SETUP);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      rows = (await client.query('select id, amount::text as amount, score, ratio, name, flag, born::text as born, seen from public.facts')).rows;
      await client.end();
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('computes every metric of every column as an independent computation does', async () => {
      const run = await runProfiler(url, { generateSampleData: true, sampleDataCount: 10 });
      expect(
        run.result.exitCode,
        run.debug.filter((l) => !l.includes('DEBUG')).join('') + JSON.stringify(run.result.status.steps.map((s: any) => s.failures)),
      ).toBe(0);
      const profiles = new Map(
        run.lines.filter((l) => l.type === 'tableProfile').map((l) => [(l.data as Profile).table.fullyQualifiedName, l.data as Profile]),
      );
      expect([...profiles.keys()].sort()).toEqual([
        `svc.prof."odd.schema"."we.ird ta'ble"`,
        'svc.prof.public.all_null',
        'svc.prof.public.empty_t',
        'svc.prof.public.facts',
      ]);
      const facts = profiles.get('svc.prof.public.facts') as Profile;
      expect(facts.tableProfile).toMatchObject({ rowCount: 200, columnCount: 11 });
      expect(facts.tableProfile.sizeInByte).toBeGreaterThan(8192);
      const col = (name: string) => facts.columnProfile.find((c) => c.name === name) as Record<string, any>;

      expectNumbers(
        col('score'),
        rows.filter((r) => r.score !== null).map((r) => r.score),
        200,
      );
      // amount holds 1.2e23: beyond float precision, so only its share of the totals is compared.
      const amounts = rows.filter((r) => r.amount !== null).map((r) => Number(r.amount));
      expect(col('amount').max).toBeCloseTo(Number('123456789012345678901234.5'), -10);
      expect(col('amount').min).toBe(Math.min(...amounts));
      expect(col('amount').valuesCount).toBe(amounts.length);
      // ratio holds NaN and ±Infinity: bounds, sums and quartiles that come out non-finite are left out, never null.
      const ratio = col('ratio');
      expect(ratio.valuesCount).toBe(200);
      expect(ratio.distinctCount).toBe(200);
      for (const metric of ['max', 'mean', 'sum', 'stddev', 'min']) expect(ratio[metric], metric).toBeUndefined();
      expect(ratio.histogram === undefined || ratio.histogram.frequencies.every((n: number) => Number.isFinite(n))).toBe(true);

      // Strings: bounds and statistics of their lengths in characters (unicode counted as characters).
      const names = rows.filter((r) => r.name !== null).map((r) => [...(r.name as string)].length);
      const name = col('name');
      expect(name.valuesCount).toBe(names.length);
      expect(name.min, JSON.stringify(name)).toBe(0);
      expect(name.max).toBe(Math.max(...names));
      expect(name.minLength).toBe(0);
      expect(name.maxLength).toBe(Math.max(...names));
      expect(name.mean / mean(names)).toBeCloseTo(1, 12);
      expect(name.median).toBeCloseTo(percentile(names, 0.5), 9);
      expect(name.firstQuartile).toBeCloseTo(percentile(names, 0.25), 9);
      expect(name.thirdQuartile).toBeCloseTo(percentile(names, 0.75), 9);
      expect(name.sum).toBe(names.reduce((a, b) => a + b, 0));
      expect(name.stddev).toBeCloseTo(stddevPop(names), 9);
      expect(name.distinctCount).toBe(new Set(rows.filter((r) => r.name !== null).map((r) => r.name)).size);
      const nameCounts = new Map<unknown, number>();
      for (const r of rows) if (r.name !== null) nameCounts.set(r.name, (nameCounts.get(r.name) ?? 0) + 1);
      expect(name.uniqueCount).toBe([...nameCounts.values()].filter((n) => n === 1).length);
      expect(name.histogram).toBeUndefined();

      const flags = rows.filter((r) => r.flag !== null).map((r) => r.flag);
      expect(col('flag')).toMatchObject({ valuesCount: flags.length, distinctCount: 2, uniqueCount: 0 });
      expect(col('flag').mean).toBeUndefined();

      // Dates and times: ISO 8601 bounds, timestamps with time zone in UTC.
      const born = rows.map((r) => r.born as string).sort();
      expect(col('born')).toMatchObject({ min: born[0], max: born[born.length - 1] });
      const seen = rows.map((r) => (r.seen as Date).getTime());
      expect(new Date(col('seen').min).getTime()).toBe(Math.min(...seen));
      expect(col('seen').max).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);

      // Arrays and JSON are counted only; money is a number.
      expect(Object.keys(col('tags')).sort()).toEqual(['name', 'nullCount', 'nullProportion', 'timestamp', 'valuesCount']);
      expect(Object.keys(col('doc')).sort()).toEqual(['name', 'nullCount', 'nullProportion', 'timestamp', 'valuesCount']);
      expect(col('price').sum).toBeCloseTo(
        rows.reduce((a, r) => a + Math.round(r.id * 125) / 100, 0),
        6,
      );

      // The histogram: bins over [min, max], every finite value in exactly one.
      const histogram = col('score').histogram;
      expect(histogram.frequencies.reduce((a: number, b: number) => a + b, 0)).toBe(col('score').valuesCount);
      expect(histogram.boundaries.at(-1)).toMatch(/ and up$/);
      expect(histogram.boundaries[0]).toMatch(/^0 to |^\d+\.\d{3} to /);

      const empty = profiles.get('svc.prof.public.empty_t') as Profile;
      expect(empty.tableProfile).toMatchObject({ rowCount: 0, columnCount: 2 });
      expect(empty.columnProfile.find((c) => c.name === 'a')).toMatchObject({ valuesCount: 0, nullCount: 0 });
      const allNull = profiles.get('svc.prof.public.all_null') as Profile;
      expect(allNull.columnProfile.find((c) => c.name === 'x')).toMatchObject({ valuesCount: 0, nullCount: 5, nullProportion: 1, distinctCount: 0 });
      expect(allNull.columnProfile.find((c) => c.name === 'x')?.mean).toBeUndefined();
      const odd = profiles.get(`svc.prof."odd.schema"."we.ird ta'ble"`) as Profile;
      expect(odd.columnProfile.find((c) => c.name === 'col.dot')).toMatchObject({ valuesCount: 3, distinctCount: 2, uniqueCount: 1, max: 2 });
      expect(odd.columnProfile.find((c) => c.name === 'ü')).toMatchObject({ valuesCount: 2, nullCount: 1 });

      // Every body passes OpenMetadata's schema. min and max are a Java Object on the server (upstream's oneOf of
      // number and integer no integer can satisfy), so they are checked apart: a number or an ISO string.
      for (const profile of profiles.values()) {
        const columnProfile = profile.columnProfile.map(({ min, max, ...rest }) => {
          for (const bound of [min, max]) if (bound !== undefined) expect(typeof bound === 'number' || /^\d{4}-\d{2}-\d{2}/.test(bound)).toBe(true);
          return rest;
        });
        expect(requestErrors('createTableProfile', { tableProfile: profile.tableProfile, columnProfile })).toEqual([]);
      }
      for (const line of run.lines.filter((l) => l.type === 'tableData'))
        expect(requestErrors('tableData', (line.data as any).sampleData)).toEqual([]);

      // Sample data: sampleDataCount rows, values as JSON carries them exactly.
      const sample = run.lines.find((l) => l.type === 'tableData' && (l.data as any).table.fullyQualifiedName === 'svc.prof.public.facts')
        ?.data as any;
      expect(sample.sampleData.columns).toEqual(['id', 'amount', 'score', 'ratio', 'name', 'flag', 'born', 'seen', 'tags', 'doc', 'price']);
      expect(sample.sampleData.rows).toHaveLength(10);
      const byId = new Map(sample.sampleData.rows.map((r: unknown[]) => [r[0], r]));
      expect((byId.get(7) as unknown[])[1]).toBe('123456789012345678901234.5');
      expect((byId.get(1) as unknown[])[3]).toBe('nan');
      expect((byId.get(2) as unknown[])[3]).toBe('inf');
      expect((byId.get(3) as unknown[])[8]).toEqual(['a', '3']);
      expect((byId.get(3) as unknown[])[9]).toEqual({ i: 3 });
      expect((byId.get(1) as unknown[])[7]).toMatch(/^2024-03-09T21:30:00\+00:00$/);
    });
  });
}
