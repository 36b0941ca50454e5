// The profiler's SQL, built apart from any database: each metric's expression, the sample clauses, the quoting.
import { describe, expect, it } from 'vitest';
import { buildHistogram, formatBound, histogramBins } from '../../src/profiler/histogram.js';
import { aggregateStatement, groupedStatement, sampleRowsStatement, type MetricColumn } from '../../src/profiler/metric-sql.js';
import { computedMetrics, reportedMetrics, type ColumnMetric } from '../../src/profiler/metrics.js';
import { rowsSamplePercent, sampleSelect, type SampleSource } from '../../src/profiler/sample-source.js';
import { SqlParams } from '../../src/profiler/sql-params.js';

const column = (name: string, kind: MetricColumn['kind'], only?: ColumnMetric[]): MetricColumn => ({
  name,
  kind,
  metrics: computedMetrics(reportedMetrics(kind, only)),
});
const source = (sample: SampleSource['sample'], columns = ['a']): SampleSource => ({ schema: 's', table: 't', columns, sample });

describe('metric SQL', () => {
  it('puts every single-pass metric of every column in one aggregate over the sample, with the quartiles', () => {
    const statement = aggregateStatement(source({ kind: 'table' }, ['n', 'txt']), [column('n', 'quantifiable'), column('txt', 'concatenable')]);
    expect(statement.text).toBe(
      [
        'WITH sample AS (SELECT "n", "txt" FROM "s"."t")',
        'SELECT count(*) AS row_count,',
        '       count("n") AS "c0_values",',
        '       count(DISTINCT "n") AS "c0_distinct",',
        '       min("n")::text AS "c0_min",',
        '       max("n")::text AS "c0_max",',
        '       avg("n")::text AS "c0_mean",',
        '       sum("n")::text AS "c0_sum",',
        '       stddev_pop("n")::text AS "c0_stddev",',
        '       percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY ("n")::float8) AS "c0_quartiles",',
        '       count("txt") AS "c1_values",',
        '       count(DISTINCT "txt") AS "c1_distinct",',
        '       min(char_length("txt"::text))::text AS "c1_min",',
        '       max(char_length("txt"::text))::text AS "c1_max",',
        '       min(char_length("txt"::text)) AS "c1_minLength",',
        '       max(char_length("txt"::text)) AS "c1_maxLength",',
        '       avg(char_length("txt"::text))::text AS "c1_mean",',
        '       sum(char_length("txt"::text))::text AS "c1_sum",',
        '       stddev_pop(char_length("txt"::text))::text AS "c1_stddev",',
        '       percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY (char_length("txt"::text))::float8) AS "c1_quartiles"',
        'FROM sample',
      ].join('\n'),
    );
    expect(statement.params).toEqual([]);
  });

  it('computes only the metrics asked for, and what they are derived from', () => {
    const text = aggregateStatement(source({ kind: 'table' }), [column('a', 'quantifiable', ['mean'])]).text;
    expect(text).toContain('avg("a")');
    for (const absent of ['count(DISTINCT', 'min(', 'percentile_cont', 'stddev_pop']) expect(text).not.toContain(absent);
    expect([...computedMetrics(new Set(['nonParametricSkew']))].sort()).toEqual(['mean', 'median', 'nonParametricSkew', 'stddev']);
    expect(groupedStatement(source({ kind: 'table' }), [column('a', 'quantifiable', ['mean'])], new Map())).toBeUndefined();
  });

  it('reads dates and times as ISO text, money as numeric, and counts only what has no equality', () => {
    const text = aggregateStatement(source({ kind: 'table' }, ['d', 'm', 'j']), [
      column('d', 'datetime'),
      { ...column('m', 'quantifiable', ['sum']), readAsNumeric: true },
      column('j', 'countOnly'),
    ]).text;
    expect(text).toContain(`to_json(min("d")) #>> '{}' AS "c0_min"`);
    expect(text).toContain('sum("m"::numeric)::text');
    expect(text).not.toContain('count(DISTINCT "j")');
  });

  it('counts values seen once and bins every histogram in one grouping pass, with bounds as parameters', () => {
    const columns = [column('a', 'quantifiable'), column('b', 'countable')];
    const statement = groupedStatement(source({ kind: 'table' }, ['a', 'b']), columns, new Map([[0, { start: -5, width: 2.5, count: 4 }]])) as {
      text: string;
      params: unknown[];
    };
    expect(statement.text).toContain(
      '(SELECT count(*) FROM (SELECT 1 FROM sample WHERE "a" IS NOT NULL GROUP BY "a" HAVING count(*) = 1) AS once) AS "c0_unique"',
    );
    expect(statement.text).toContain('AS "c1_unique"');
    expect(statement.text).toContain(
      'CASE WHEN ("a")::float8 - ("a")::float8 = 0 THEN least(greatest(floor((("a")::float8 - $1::float8) / $2::float8)::int, 0), $3::int) END',
    );
    expect(statement.params).toEqual([-5, 2.5, 3]);
  });

  it('draws a repeatable sample, by rows, by a hash for views, or from the user query, with the partition filter bound', () => {
    const params = new SqlParams();
    expect(sampleSelect(source({ kind: 'percentage', percent: 10, method: 'BERNOULLI', seed: 42 }), params)).toBe(
      'SELECT "a" FROM "s"."t" TABLESAMPLE BERNOULLI ($1) REPEATABLE ($2)',
    );
    expect(params.values).toEqual([10, 42]);
    const rows = new SqlParams();
    expect(
      sampleSelect(
        {
          ...source({ kind: 'rows', rows: 100, percent: 2, method: 'SYSTEM', seed: 7 }),
          partition: { kind: 'integerRange', column: 'a', start: 1, end: 9 },
        },
        rows,
      ),
    ).toBe('SELECT "a" FROM "s"."t" TABLESAMPLE SYSTEM ($1) REPEATABLE ($2) WHERE "a" BETWEEN $3 AND $4 LIMIT $5');
    expect(rows.values).toEqual([2, 7, 1, 9, 100]);
    const hashed = new SqlParams();
    expect(sampleSelect(source({ kind: 'percentage', percent: 50, method: 'HASH', seed: 3 }), hashed)).toBe(
      'SELECT "a" FROM "s"."t" AS sampled_row WHERE (hashtext(sampled_row::text || $2)::bigint & 2147483647) < $1',
    );
    expect(hashed.values).toEqual([2 ** 30, '3']);
    expect(sampleSelect(source({ kind: 'query', sql: 'select 1 as a' }), new SqlParams())).toBe('SELECT "a" FROM (select 1 as a) AS profile_query');
    const time = new SqlParams();
    expect(sampleSelect({ ...source({ kind: 'table' }), partition: { kind: 'timeUnit', column: 'ts', interval: 30, unit: 'DAY' } }, time)).toBe(
      'SELECT "a" FROM "s"."t" WHERE "ts" >= now() - $1::interval',
    );
    expect(time.values).toEqual(['30 day']);
  });

  it('quotes every identifier, so no name can inject SQL', () => {
    const evil = 'x"; drop table t; --';
    const statement = sampleRowsStatement(source({ kind: 'table' }, [evil]), [`"${evil.replace(/"/g, '""')}"::text AS s0`], 5);
    expect(statement.text).toBe(
      'WITH sample AS (SELECT "x""; drop table t; --" FROM "s"."t")\nSELECT "x""; drop table t; --"::text AS s0 FROM sample LIMIT $1',
    );
  });

  it('sizes a ROWS draw with a margin over the estimate, and reads the whole table when that is most of it', () => {
    expect(rowsSamplePercent(1000, 1_000_000)).toBeCloseTo((100 * (1000 + 4 * Math.sqrt(1000) + 20)) / 1_000_000, 9);
    expect(rowsSamplePercent(1000, 1500)).toBeUndefined();
    expect(rowsSamplePercent(1000, -1)).toBeUndefined();
  });
});

describe('histogram', () => {
  it("chooses OpenMetadata's bins and labels them as it does", () => {
    expect(histogramBins({ min: 0, max: 100, firstQuartile: 25, thirdQuartile: 75, valuesCount: 1000 })).toEqual({ start: 0, width: 10, count: 10 });
    // IQR 0: width 1; a span that would need more than 100 bins falls back to Sturges.
    expect(histogramBins({ min: 0, max: 5, firstQuartile: 2, thirdQuartile: 2, valuesCount: 10 })).toEqual({ start: 0, width: 1, count: 5 });
    expect(histogramBins({ min: 0, max: 1e6, firstQuartile: 2, thirdQuartile: 2, valuesCount: 1000 })).toEqual({
      start: 0,
      width: 1e6 / 11,
      count: 11,
    });
    expect(histogramBins({ min: 0, max: Infinity, valuesCount: 3 })).toBeUndefined();
    expect(formatBound(0)).toBe('0');
    expect(formatBound(12.5)).toBe('12.500');
    expect(formatBound(1500)).toBe('1.500K');
    expect(formatBound(-3_250_000)).toBe('-3.250M');
    expect(buildHistogram({ start: 0, width: 10, count: 2 }, new Map([[1, 4]]))).toEqual({
      boundaries: ['0 to 10.000', '10.000 and up'],
      frequencies: [0, 4],
    });
  });
});
