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

function columnAggregates(column: MetricColumn, index: number): string[] {
  const ref = quoteIdent(column.name);
  const value = valueOf(column);
  const m = column.metrics;
  const out: string[] = [];
  const add = (what: string, expression: string) => out.push(`${expression} AS ${quoteIdent(resultKey(index, what))}`);
  if (m.has('valuesCount') || m.has('nullCount')) add('values', `count(${ref})`);
  if (m.has('distinctCount')) add('distinct', `count(DISTINCT ${ref})`);
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
  if (QUARTILES.some((q) => m.has(q))) {
    add('quartiles', `percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY (${value})::float8)`);
  }
  return out;
}

/**
 * The one pass over the sample: its row count and every single-pass metric of every column (counts, distinct counts,
 * bounds, lengths, mean, sum, standard deviation) together with the quartiles (one ordered-set aggregate a column).
 */
export function aggregateStatement(source: SampleSource, columns: readonly MetricColumn[]): Statement {
  const params = new SqlParams();
  const sample = sampleSelect(source, params);
  const selects = ['count(*) AS row_count', ...columns.flatMap((column, index) => columnAggregates(column, index))];
  return { text: `WITH sample AS (${sample})\nSELECT ${selects.join(',\n       ')}\nFROM sample`, params: params.values };
}

/** Bins for the columns that get a histogram, by column index. */
export type BinsByColumn = ReadonlyMap<number, HistogramBins>;

/**
 * The second pass, only for what needs the first one's results or a grouping: each column's count of values seen
 * exactly once, and every histogram's bin counts in one grouping over all columns. Undefined when no column asks.
 */
export function groupedStatement(source: SampleSource, columns: readonly MetricColumn[], bins: BinsByColumn): Statement | undefined {
  const uniques = columns.map((column, index) => ({ column, index })).filter(({ column }) => column.metrics.has('uniqueCount'));
  if (uniques.length === 0 && bins.size === 0) return undefined;
  const params = new SqlParams();
  const sample = sampleSelect(source, params);
  const selects = uniques.map(({ column, index }) => {
    const ref = quoteIdent(column.name);
    return `(SELECT count(*) FROM (SELECT 1 FROM sample WHERE ${ref} IS NOT NULL GROUP BY ${ref} HAVING count(*) = 1) AS once) AS ${quoteIdent(resultKey(index, 'unique'))}`;
  });
  if (bins.size > 0) {
    const rows = [...bins].map(([index, bin]) => {
      const value = `(${valueOf(columns[index] as MetricColumn)})::float8`;
      const start = `${params.add(bin.start)}::float8`;
      const width = `${params.add(bin.width)}::float8`;
      const last = `${params.add(bin.count - 1)}::int`;
      // NaN and ±Infinity belong to no bin: x − x is 0 only for a finite x.
      return `(${index}, CASE WHEN ${value} - ${value} = 0 THEN least(greatest(floor((${value} - ${start}) / ${width})::int, 0), ${last}) END)`;
    });
    selects.push(
      `(SELECT coalesce(json_agg(json_build_array(binned.col, binned.bin, binned.n)), '[]'::json) FROM (SELECT v.col, v.bin, count(*) AS n FROM sample CROSS JOIN LATERAL (VALUES ${rows.join(', ')}) AS v(col, bin) WHERE v.bin IS NOT NULL GROUP BY v.col, v.bin) AS binned) AS histograms`,
    );
  }
  return { text: `WITH sample AS (${sample})\nSELECT ${selects.join(',\n       ')}`, params: params.values };
}

/** The sample rows sent as the table's sample data, each value in a form the serialiser reads exactly. */
export function sampleRowsStatement(source: SampleSource, readAs: readonly string[], limit: number): Statement {
  const params = new SqlParams();
  const sample = sampleSelect(source, params);
  return { text: `WITH sample AS (${sample})\nSELECT ${readAs.join(', ')} FROM sample LIMIT ${params.add(limit)}`, params: params.values };
}

/** The whole table's row count, when the metrics ran over a sample (OpenMetadata's rowCount is the table's). */
export function tableRowCountStatement(schema: string, table: string): Statement {
  return { text: `SELECT count(*) AS row_count FROM ${quoteIdent(schema)}.${quoteIdent(table)}`, params: [] };
}
