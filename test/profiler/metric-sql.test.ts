// The profiler's SQL, built apart from any database: each metric's expression, the sample clauses, the quoting.
import { describe, expect, it } from 'vitest';
import { buildHistogram, formatBound, histogramBins } from '../../src/profiler/histogram.js';
import {
  aggregateStatement,
  distributionStatement,
  histogramStatement,
  sampleRowsStatement,
  type MetricColumn,
} from '../../src/profiler/metric-sql.js';
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
  it('puts every single-pass metric of every column in one aggregate over the sample', () => {
    // A string column without distinct counts: its length statistics are taken here.
    const lengthsOnly: ColumnMetric[] = ['valuesCount', 'min', 'max', 'minLength', 'maxLength', 'mean', 'sum', 'stddev'];
    const statement = aggregateStatement(
      source({ kind: 'table' }, ['n', 'txt']),
      [column('n', 'quantifiable'), column('txt', 'concatenable', lengthsOnly)],
      18,
    );
    expect(statement.text).toBe(
      [
        'SELECT count(*) AS row_count,',
        '       count("n") AS "c0_values",',
        '       min("n")::text AS "c0_min",',
        '       max("n")::text AS "c0_max",',
        '       avg("n")::text AS "c0_mean",',
        '       sum("n")::text AS "c0_sum",',
        '       stddev_pop("n")::text AS "c0_stddev",',
        '       count("txt") AS "c1_values",',
        '       min(char_length("txt"::text))::text AS "c1_min",',
        '       max(char_length("txt"::text))::text AS "c1_max",',
        '       min(char_length("txt"::text)) AS "c1_minLength",',
        '       max(char_length("txt"::text)) AS "c1_maxLength",',
        '       avg(char_length("txt"::text))::text AS "c1_mean",',
        '       sum(char_length("txt"::text))::text AS "c1_sum",',
        '       stddev_pop(char_length("txt"::text))::text AS "c1_stddev"',
        'FROM (SELECT "n", "txt" FROM "s"."t") AS sample',
      ].join('\n'),
    );
    expect(statement.params).toEqual([]);
    // With its distinct counts, a string's lengths come from its groups in pass two: here only its values are counted.
    const grouped = aggregateStatement(source({ kind: 'table' }, ['txt']), [column('txt', 'concatenable')], 18);
    expect(grouped.text).toBe('SELECT count(*) AS row_count,\n       count("txt") AS "c0_values"\nFROM (SELECT "txt" FROM "s"."t") AS sample');
    const second = distributionStatement(source({ kind: 'table' }, ['txt']), [column('txt', 'concatenable')], 18, { valuesCounts: [5] });
    expect(second?.text).toContain('char_length(grouped.k::text) AS l');
    expect(second?.text).not.toContain('percentile_cont');
    expect(second?.params).toEqual([1, 1, 2, 2, 3, 3]);
    // A string under a deterministic collation is grouped in the C collation; one whose equal values differ is not.
    const bytewise = distributionStatement(source({ kind: 'table' }, ['txt']), [{ ...column('txt', 'concatenable'), bytewise: true }], 18, {
      valuesCounts: [5],
    });
    expect(bytewise?.text).toContain('(SELECT "txt" COLLATE "C" AS k, count(*) AS n FROM');
    const loose = distributionStatement(source({ kind: 'table' }, ['txt']), [{ ...column('txt', 'concatenable'), looseEquality: true }], 18, {
      valuesCounts: [5],
    });
    expect(loose?.text).not.toContain('COLLATE');
    expect(loose?.text).toContain('GROUP BY "txt")');
  });

  it('counts distinct and unique values from one grouping per column, and takes the quartiles, in a second pass', () => {
    const statement = distributionStatement(
      source({ kind: 'table' }, ['n', 'u']),
      [column('n', 'quantifiable'), { ...column('u', 'countable'), knownUnique: true }],
      18,
    );
    expect(statement?.text).toBe(
      [
        'SELECT (SELECT ARRAY[count(*), count(*) FILTER (WHERE grouped.n = 1)] FROM (SELECT count(*) AS n FROM (SELECT "n", "u" FROM "s"."t") AS sample WHERE "n" IS NOT NULL GROUP BY "n") AS grouped) AS "c0_groups",',
        '       (SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY ("n")::float8) FROM (SELECT "n", "u" FROM "s"."t") AS sample) AS "c0_quartiles"',
      ].join('\n'),
    );
    // The unique column needs no grouping: its values count is both.
    expect(aggregateStatement(source({ kind: 'table' }), [{ ...column('u', 'countable'), knownUnique: true }], 18).text).toContain(
      'count("u") AS "c0_values"',
    );
    expect(distributionStatement(source({ kind: 'table' }), [{ ...column('u', 'countable'), knownUnique: true }], 18)).toBeUndefined();
  });

  it('groups a number column once for its counts and quartiles when pass one counted its values', () => {
    const statement = distributionStatement(source({ kind: 'table' }, ['n', 'm']), [column('n', 'quantifiable'), column('m', 'quantifiable')], 18, {
      valuesCounts: [9, 0],
    });
    expect(statement?.text).toBe(
      [
        'SELECT (SELECT ARRAY[count(*)::float8, count(*) FILTER (WHERE ranked.n = 1)::float8, sum(ranked.n)::float8, min(ranked.v) FILTER (WHERE ranked.at > $1::int8), min(ranked.v) FILTER (WHERE ranked.at > $2::int8), min(ranked.v) FILTER (WHERE ranked.at > $3::int8), min(ranked.v) FILTER (WHERE ranked.at > $4::int8), min(ranked.v) FILTER (WHERE ranked.at > $5::int8), min(ranked.v) FILTER (WHERE ranked.at > $6::int8)] FROM (SELECT (grouped.k)::float8 AS v, grouped.n, sum(grouped.n) OVER (ORDER BY grouped.k ROWS UNBOUNDED PRECEDING) AS at FROM (SELECT "n" AS k, count(*) AS n FROM (SELECT "n", "m" FROM "s"."t") AS sample WHERE "n" IS NOT NULL GROUP BY 1) AS grouped) AS ranked) AS "c0_frequency",',
        // No values: nothing to rank, so the column is grouped and its (empty) quartiles taken as usual.
        '       (SELECT ARRAY[count(*), count(*) FILTER (WHERE grouped.n = 1)] FROM (SELECT count(*) AS n FROM (SELECT "n", "m" FROM "s"."t") AS sample WHERE "m" IS NOT NULL GROUP BY "m") AS grouped) AS "c1_groups",',
        '       (SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY ("m")::float8) FROM (SELECT "n", "m" FROM "s"."t") AS sample) AS "c1_quartiles"',
      ].join('\n'),
    );
    // Nine values: the quartiles lie at ranks 2, 4 and 6 exactly.
    expect(statement?.params).toEqual([2, 2, 4, 4, 6, 6]);
    // Only the quartiles, or only some columns, when asked.
    const quartilesOnly = distributionStatement(source({ kind: 'table' }, ['n']), [column('n', 'quantifiable')], 18, {
      valuesCounts: [9],
      parts: new Set(['quartiles']),
    });
    expect(quartilesOnly?.text).toContain('percentile_cont');
    expect(quartilesOnly?.text).not.toContain('GROUP BY');
    expect(
      distributionStatement(source({ kind: 'table' }, ['n', 'm']), [column('n', 'quantifiable'), column('m', 'quantifiable')], 18, {
        only: new Set([1]),
      })?.text,
    ).not.toContain('"n" IS NOT NULL');
  });

  it('computes only the metrics asked for, and what they are derived from', () => {
    const columns = [column('a', 'quantifiable', ['mean'])];
    const text = aggregateStatement(source({ kind: 'table' }), columns, 18).text;
    expect(text).toContain('avg("a")');
    for (const absent of ['min(', 'stddev_pop', 'count("a")']) expect(text).not.toContain(absent);
    expect(distributionStatement(source({ kind: 'table' }), columns, 18)).toBeUndefined();
    expect([...computedMetrics(new Set(['nonParametricSkew']))].sort()).toEqual(['mean', 'median', 'nonParametricSkew', 'stddev']);
  });

  it('reads dates and times as ISO text, money as numeric, and counts only what has no equality', () => {
    const columns = [column('d', 'datetime'), { ...column('m', 'quantifiable', ['sum']), readAsNumeric: true }, column('j', 'countOnly')];
    const text = aggregateStatement(source({ kind: 'table' }, ['d', 'm', 'j']), columns, 18).text;
    expect(text).toContain(`to_json(min("d")) #>> '{}' AS "c0_min"`);
    expect(text).toContain('sum("m"::numeric)::text');
    expect(distributionStatement(source({ kind: 'table' }, ['d', 'm', 'j']), columns, 18)?.text).not.toContain('GROUP BY "j"');
  });

  it('bins each histogram in a small grouping of its own, with the bounds as parameters', () => {
    const statement = histogramStatement(
      source({ kind: 'table' }),
      [column('a', 'quantifiable')],
      new Map([[0, { start: -5, width: 2.5, count: 4 }]]),
      18,
    );
    expect(statement?.text).toBe(
      'SELECT (SELECT array_agg(ARRAY[binned.bin, binned.n]) FROM (SELECT least(greatest(floor((("a")::float8 - $1::float8) / $2::float8)::int, 0), $3::int) AS bin, count(*) AS n FROM (SELECT "a" FROM "s"."t") AS sample WHERE "a" IS NOT NULL GROUP BY 1) AS binned) AS "c0_histogram"',
    );
    expect(statement?.params).toEqual([-5, 2.5, 3]);
  });

  it("keeps the user's profileQuery once (MATERIALIZED from Postgres 12) and reads a table sample where it is used", () => {
    const query = source({ kind: 'query', sql: 'select 1 as a' });
    expect(aggregateStatement(query, [column('a', 'quantifiable', ['mean'])], 18).text).toMatch(
      /^WITH sample AS MATERIALIZED \(SELECT "a" FROM \(select 1 as a\) AS profile_query\)\nSELECT .*\nFROM sample$/s,
    );
    expect(aggregateStatement(query, [column('a', 'quantifiable', ['mean'])], 11).text).toMatch(/^WITH sample AS \(SELECT/);
    const sampled = aggregateStatement(
      source({ kind: 'percentage', percent: 5, method: 'SYSTEM', seed: 1 }),
      [column('a', 'quantifiable', ['mean'])],
      18,
    );
    expect(sampled.text).toContain('FROM (SELECT "a" FROM "s"."t" TABLESAMPLE SYSTEM ($1) REPEATABLE ($2)) AS sample');
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
    const statement = sampleRowsStatement(source({ kind: 'table' }, [evil]), [`"${evil.replace(/"/g, '""')}"::text AS s0`], 5, 18);
    expect(statement.text).toBe('SELECT "x""; drop table t; --"::text AS s0 FROM (SELECT "x""; drop table t; --" FROM "s"."t") AS sample LIMIT $1');
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
