import { quoteIdent } from '../postgres/quote.js';
import type { ColumnKind } from './column-kinds.js';
import type { HistogramBins } from './histogram.js';
import type { ColumnMetric } from './metrics.js';
import { sampleSelect, type SampleSource } from './sample-source.js';
import { quartileRanks } from './quartile-ranks.js';
import { SqlParams } from './sql-params.js';

/** A column to profile and the metrics to compute for it. */
export interface MetricColumn {
  name: string;
  kind: ColumnKind;
  /** Postgres has no avg() for some number types (money): their values are read as numeric. */
  readAsNumeric?: boolean;
  /** A unique constraint covers the column (and the sample is rows of the table): no value repeats. */
  knownUnique?: boolean;
  /** Equal values may differ (a non-deterministic collation, citext): one value cannot stand for its group. */
  looseEquality?: boolean;
  /** A deterministic collation: equal values are the same bytes, so the column groups alike in the C collation. */
  bytewise?: boolean;
  metrics: ReadonlySet<ColumnMetric>;
}

export interface Statement {
  text: string;
  params: unknown[];
}

/** The value statistics are taken of: the number itself, or a string's length in characters. */
function valueOf(column: MetricColumn, ref = quoteIdent(column.name)): string {
  if (column.kind === 'concatenable') return `char_length(${ref}::text)`;
  return column.readAsNumeric ? `${ref}::numeric` : ref;
}

/**
 * What a column is grouped by. A string under a deterministic collation is grouped in the C collation: the groups
 * are the same (equal means the same bytes), and a sort compares bytes instead of calling the locale's collation,
 * ~4× faster under a libc en_US.UTF-8 collation on 5M distinct strings.
 */
const groupKey = (column: MetricColumn): string => (column.bytewise ? `${quoteIdent(column.name)} COLLATE "C"` : quoteIdent(column.name));

/** Result column names: c<index>_<what>, so no column name ever reaches an alias. */
export const resultKey = (index: number, what: string): string => `c${index}_${what}`;

const QUARTILES = ['firstQuartile', 'median', 'thirdQuartile'] as const;
export const needsQuartiles = (column: MetricColumn): boolean => QUARTILES.some((q) => column.metrics.has(q));
export const needsGrouping = (column: MetricColumn): boolean =>
  !column.knownUnique && (column.metrics.has('distinctCount') || column.metrics.has('uniqueCount'));

/**
 * The sample as a FROM item, and the statement's parameters so far. A sample that reads the table (whole, by
 * TABLESAMPLE REPEATABLE, or its first rows in a fixed scan order) is named where it is used, so that each pass can
 * read the table directly (in parallel where Postgres can); the user's profileQuery is run once and kept
 * (MATERIALIZED from Postgres 12; earlier versions always keep a WITH query).
 */
function sampleFrom(source: SampleSource, major: number): { with: string; from: string; params: SqlParams } {
  const params = new SqlParams();
  const select = sampleSelect(source, params);
  if (source.sample.kind === 'query') {
    return { with: `WITH sample AS ${major >= 12 ? 'MATERIALIZED ' : ''}(${select})\n`, from: 'sample', params };
  }
  return { with: '', from: `(${select}) AS sample`, params };
}

function columnAggregates(column: MetricColumn, index: number): string[] {
  const ref = quoteIdent(column.name);
  const value = valueOf(column);
  const m = column.metrics;
  const out: string[] = [];
  const add = (what: string, expression: string) => out.push(`${expression} AS ${quoteIdent(resultKey(index, what))}`);
  // A unique column's distinct and unique counts are its values count.
  const countsDistinct = m.has('distinctCount') || m.has('uniqueCount');
  const byGroups = lengthsByGroups(column);
  if (m.has('valuesCount') || m.has('nullCount') || (column.knownUnique && countsDistinct) || byGroups) add('values', `count(${ref})`);
  // Pass two takes these strings' lengths from their groups: one char_length per distinct value, not six per row.
  if (byGroups) return out;
  for (const bound of ['min', 'max'] as const) {
    if (!m.has(bound)) continue;
    // Dates and times as ISO 8601 text (to_json's form); numbers as text, so no digit is lost on the way.
    add(bound, column.kind === 'datetime' ? `to_json(${bound}(${ref})) #>> '{}'` : `${bound}(${value})::text`);
  }
  if (m.has('minLength')) add('minLength', `min(char_length(${ref}::text))`);
  if (m.has('maxLength')) add('maxLength', `max(char_length(${ref}::text))`);
  if (m.has('mean')) add('mean', `avg(${value})::text`);
  if (m.has('sum')) add('sum', `sum(${value})::text`);
  if (m.has('stddev')) add('stddev', `stddev_pop(${value})::text`);
  return out;
}

/**
 * Pass one: the sample's row count and every single-pass metric of every column (counts, bounds, lengths, mean, sum,
 * standard deviation) in one aggregate. All of them combine partial results, so Postgres may scan in parallel.
 */
export function aggregateStatement(source: SampleSource, columns: readonly MetricColumn[], major: number): Statement {
  const sample = sampleFrom(source, major);
  const selects = ['count(*) AS row_count', ...columns.flatMap((column, index) => columnAggregates(column, index))];
  return { text: `${sample.with}SELECT ${selects.join(',\n       ')}\nFROM ${sample.from}`, params: sample.params.values };
}

/** What pass two computes of a column: its groups (distinct and unique counts), its quartiles, or both. */
export type DistributionPart = 'groups' | 'quartiles';

/**
 * Whether a column's counts and quartiles come from one grouping: a number column that needs both, whose values pass
 * one counted (`valuesCount`, what the quartiles' ranks are taken over).
 */
export const groupsOnce = (column: MetricColumn, valuesCount: number | undefined): valuesCount is number =>
  column.kind === 'quantifiable' && needsGrouping(column) && needsQuartiles(column) && valuesCount !== undefined && valuesCount > 0;

/**
 * Whether a string column's length statistics (bounds, sum, mean, standard deviation, quartiles) come from the
 * grouping of its values that its distinct and unique counts need, rather than from pass one: a string's length is
 * then computed once per distinct value instead of once per row and metric.
 */
export const lengthsByGroups = (column: MetricColumn): boolean => column.kind === 'concatenable' && needsGrouping(column) && !column.looseEquality;

/** The order of lengthsSelect's array. */
export const LENGTH_FACTS = ['distinct', 'unique', 'seen', 'minLength', 'maxLength', 'sum', 'mean', 'stddev'] as const;

/**
 * One grouping of a string column's values, then of those groups by length (a few rows), walked in order of length
 * with a running count: as one float8 array, LENGTH_FACTS then the lengths at the ranks the quartiles lie between.
 * The sum and the standard deviation are taken in numeric (N·Σl² − (Σl)² is exact, then divided by N² before the
 * root, as stddev_pop does) before becoming float8.
 */
function lengthsSelect(column: MetricColumn, index: number, valuesCount: number, from: string, params: SqlParams): string {
  const ref = quoteIdent(column.name);
  const atRanks = quartileRanks(Math.max(valuesCount, 1)).map((rank) => `min(bylength.l) FILTER (WHERE bylength.at > ${params.add(rank)}::int8)`);
  const total = 'sum(bylength.m)';
  const sumOf = 'sum(bylength.m * bylength.l)';
  const items = [
    // Over no values there are no groups: the counts are 0, the rest NULL.
    'coalesce(sum(bylength.c), 0)',
    'coalesce(sum(bylength.u), 0)',
    `coalesce(${total}, 0)`,
    'min(bylength.l)',
    'max(bylength.l)',
    sumOf,
    `${sumOf} / ${total}`,
    `sqrt((sum(bylength.m * bylength.l * bylength.l) * ${total} - ${sumOf} ^ 2) / (${total} * ${total}))`,
  ].map((item) => `(${item})::float8`);
  return (
    `(SELECT ARRAY[${[...items, ...atRanks].join(', ')}] FROM (SELECT lengths.l, lengths.c, lengths.u, lengths.m, ` +
    `sum(lengths.m) OVER (ORDER BY lengths.l ROWS UNBOUNDED PRECEDING) AS at FROM (SELECT char_length(grouped.k::text) AS l, ` +
    `count(*) AS c, count(*) FILTER (WHERE grouped.n = 1) AS u, sum(grouped.n)::numeric AS m FROM (SELECT ${groupKey(column)} AS k, count(*) AS n ` +
    `FROM ${from} WHERE ${ref} IS NOT NULL GROUP BY 1) AS grouped GROUP BY 1) AS lengths) AS bylength) AS ${quoteIdent(resultKey(index, 'lengths'))}`
  );
}

/**
 * One grouping of a number column's values, walked in order with a running count: as one float8 array, the distinct
 * and unique counts, the number of values seen (which must equal the `valuesCount` the ranks were taken over), and the
 * values at the ranks its quartiles lie between (quartileRanks). The column is sorted or hashed once instead of twice.
 */
function frequencySelect(column: MetricColumn, index: number, valuesCount: number, from: string, params: SqlParams): string {
  const ref = quoteIdent(column.name);
  // Ordering by the value and by its float8 form agree (the cast never reorders), so the least float8 past a rank
  // is the value at that rank.
  const atRanks = quartileRanks(valuesCount).map((rank) => `min(ranked.v) FILTER (WHERE ranked.at > ${params.add(rank)}::int8)`);
  const items = ['count(*)::float8', 'count(*) FILTER (WHERE ranked.n = 1)::float8', 'sum(ranked.n)::float8', ...atRanks];
  return (
    `(SELECT ARRAY[${items.join(', ')}] FROM (SELECT (${valueOf(column, 'grouped.k')})::float8 AS v, grouped.n, ` +
    `sum(grouped.n) OVER (ORDER BY grouped.k ROWS UNBOUNDED PRECEDING) AS at FROM (SELECT ${groupKey(column)} AS k, count(*) AS n ` +
    `FROM ${from} WHERE ${ref} IS NOT NULL GROUP BY 1) AS grouped) AS ranked) AS ${quoteIdent(resultKey(index, 'frequency'))}`
  );
}

/**
 * Pass two, per column: distinct and unique counts from one aggregate of its values (groups, and groups of one),
 * and the quartiles (one ordered-set aggregate); for a number column needing both, given pass one's `valuesCounts`,
 * one grouping for all of them (frequencySelect). Undefined when no column needs either.
 */
export function distributionStatement(
  source: SampleSource,
  columns: readonly MetricColumn[],
  major: number,
  options: { only?: ReadonlySet<number>; parts?: ReadonlySet<DistributionPart>; valuesCounts?: ReadonlyArray<number | undefined> } = {},
): Statement | undefined {
  const { only, parts = new Set(['groups', 'quartiles']), valuesCounts = [] } = options;
  const sample = sampleFrom(source, major);
  const selects: string[] = [];
  columns.forEach((column, index) => {
    if (only && !only.has(index)) return;
    const ref = quoteIdent(column.name);
    const valuesCount = valuesCounts[index];
    if (parts.has('groups') && parts.has('quartiles') && groupsOnce(column, valuesCount)) {
      selects.push(frequencySelect(column, index, valuesCount, sample.from, sample.params));
      return;
    }
    if (parts.has('groups') && lengthsByGroups(column)) {
      selects.push(lengthsSelect(column, index, valuesCount ?? 0, sample.from, sample.params));
      return;
    }
    if (parts.has('groups') && needsGrouping(column)) {
      selects.push(
        `(SELECT ARRAY[count(*), count(*) FILTER (WHERE grouped.n = 1)] FROM (SELECT count(*) AS n FROM ${sample.from} WHERE ${ref} IS NOT NULL GROUP BY ${groupKey(column)}) AS grouped) AS ${quoteIdent(resultKey(index, 'groups'))}`,
      );
    }
    if (parts.has('quartiles') && needsQuartiles(column)) {
      selects.push(
        `(SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY (${valueOf(column)})::float8) FROM ${sample.from}) AS ${quoteIdent(resultKey(index, 'quartiles'))}`,
      );
    }
  });
  if (selects.length === 0) return undefined;
  return { text: `${sample.with}SELECT ${selects.join(',\n       ')}`, params: sample.params.values };
}

/** The columns pass two has work for, by index. */
export const distributionColumns = (columns: readonly MetricColumn[]): number[] =>
  columns.flatMap((column, index) => (needsGrouping(column) || needsQuartiles(column) ? [index] : []));

/** Bins for the columns that get a histogram, by column index. */
export type BinsByColumn = ReadonlyMap<number, HistogramBins>;

/**
 * Pass three: each histogram's bin counts, one small grouping per column (at most 100 groups each), as arrays of
 * [bin, count] pairs. Undefined when no column has bins.
 */
export function histogramStatement(source: SampleSource, columns: readonly MetricColumn[], bins: BinsByColumn, major: number): Statement | undefined {
  if (bins.size === 0) return undefined;
  const sample = sampleFrom(source, major);
  const { params } = sample;
  const selects = [...bins].map(([index, bin]) => {
    const value = `(${valueOf(columns[index] as MetricColumn)})::float8`;
    const start = `${params.add(bin.start)}::float8`;
    const width = `${params.add(bin.width)}::float8`;
    const last = `${params.add(bin.count - 1)}::int`;
    // A column has bins only when pass one found its bounds finite over these same rows, so no NaN, ±Infinity or
    // value beyond float8 is among them. A plain IS NOT NULL also lets the planner see that nearly every row is
    // binned: a filter it cannot estimate made it sort all rows instead of hashing them into a hundred bins. A
    // profileQuery is run again for this statement and may return other rows: there only finite values are binned
    // (x − x is 0 only for a finite x).
    const binned = source.sample.kind === 'query' ? `${value} - ${value} = 0` : `${quoteIdent((columns[index] as MetricColumn).name)} IS NOT NULL`;
    const binOf = `least(greatest(floor((${value} - ${start}) / ${width})::int, 0), ${last})`;
    return `(SELECT array_agg(ARRAY[binned.bin, binned.n]) FROM (SELECT ${binOf} AS bin, count(*) AS n FROM ${sample.from} WHERE ${binned} GROUP BY 1) AS binned) AS ${quoteIdent(resultKey(index, 'histogram'))}`;
  });
  return { text: `${sample.with}SELECT ${selects.join(',\n       ')}`, params: params.values };
}

/** The sample rows sent as the table's sample data, each value in a form the serialiser reads exactly. */
export function sampleRowsStatement(source: SampleSource, readAs: readonly string[], limit: number, major: number): Statement {
  const sample = sampleFrom(source, major);
  return { text: `${sample.with}SELECT ${readAs.join(', ')} FROM ${sample.from} LIMIT ${sample.params.add(limit)}`, params: sample.params.values };
}

/** The whole table's row count, when the metrics ran over a sample (OpenMetadata's rowCount is the table's). */
export function tableRowCountStatement(schema: string, table: string): Statement {
  return { text: `SELECT count(*) AS row_count FROM ${quoteIdent(schema)}.${quoteIdent(table)}`, params: [] };
}
