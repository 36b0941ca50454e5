import { quoteIdent } from '../postgres/quote.js';
import type { ColumnKind } from './column-kinds.js';
import type { HistogramBins } from './histogram.js';
import type { ColumnMetric } from './metrics.js';
import { sampleSelect, type SampleSource } from './sample-source.js';
import { SqlParams } from './sql-params.js';

/** A column to profile and the metrics to compute for it. */
export interface MetricColumn {
  name: string;
  kind: ColumnKind;
  /** Postgres has no avg() for some number types (money): their values are read as numeric. */
  readAsNumeric?: boolean;
  /** A unique constraint covers the column (and the sample is rows of the table): no value repeats. */
  knownUnique?: boolean;
  metrics: ReadonlySet<ColumnMetric>;
}

export interface Statement {
  text: string;
  params: unknown[];
}

/** The value statistics are taken of: the number itself, or a string's length in characters. */
function valueOf(column: MetricColumn): string {
  const ref = quoteIdent(column.name);
  if (column.kind === 'concatenable') return `char_length(${ref}::text)`;
  return column.readAsNumeric ? `${ref}::numeric` : ref;
}

/** Result column names: c<index>_<what>, so no column name ever reaches an alias. */
export const resultKey = (index: number, what: string): string => `c${index}_${what}`;

const QUARTILES = ['firstQuartile', 'median', 'thirdQuartile'] as const;
export const needsQuartiles = (column: MetricColumn): boolean => QUARTILES.some((q) => column.metrics.has(q));
const needsGrouping = (column: MetricColumn): boolean =>
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
  if (m.has('valuesCount') || m.has('nullCount') || (column.knownUnique && countsDistinct)) add('values', `count(${ref})`);
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

/**
 * Pass two, per column: distinct and unique counts from one hash aggregate of its values (groups, and groups of one),
 * and the quartiles (one ordered-set aggregate). Undefined when no column needs either.
 */
export function distributionStatement(
  source: SampleSource,
  columns: readonly MetricColumn[],
  major: number,
  only?: ReadonlySet<number>,
): Statement | undefined {
  const sample = sampleFrom(source, major);
  const selects: string[] = [];
  columns.forEach((column, index) => {
    if (only && !only.has(index)) return;
    const ref = quoteIdent(column.name);
    if (needsGrouping(column)) {
      selects.push(
        `(SELECT ARRAY[count(*), count(*) FILTER (WHERE grouped.n = 1)] FROM (SELECT count(*) AS n FROM ${sample.from} WHERE ${ref} IS NOT NULL GROUP BY ${ref}) AS grouped) AS ${quoteIdent(resultKey(index, 'groups'))}`,
      );
    }
    if (needsQuartiles(column)) {
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
    // NaN and ±Infinity belong to no bin: x − x is 0 only for a finite x.
    const binOf = `least(greatest(floor((${value} - ${start}) / ${width})::int, 0), ${last})`;
    return `(SELECT array_agg(ARRAY[binned.bin, binned.n]) FROM (SELECT ${binOf} AS bin, count(*) AS n FROM ${sample.from} WHERE ${value} - ${value} = 0 GROUP BY 1) AS binned) AS ${quoteIdent(resultKey(index, 'histogram'))}`;
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
