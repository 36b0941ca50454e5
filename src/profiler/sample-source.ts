import { qualifiedName, quoteIdent } from '../postgres/quote.js';
import type { SqlParams } from './sql-params.js';

/** TABLESAMPLE's methods, or HASH: a row is in when a hash of its text and the seed falls under the share. */
export type SamplingMethod = 'BERNOULLI' | 'SYSTEM' | 'HASH';

/** The rows a table's metrics are computed over. */
export type SampleSpec =
  | { kind: 'table' }
  /** A share of the table's rows (or of its blocks, with SYSTEM), the same rows for every statement of the run. */
  | { kind: 'percentage'; percent: number; method: SamplingMethod; seed: number }
  /** At most `rows` rows: drawn from a sample sized from the table's row estimate, or the first ones in scan order. */
  | { kind: 'rows'; rows: number; percent?: number; method: SamplingMethod; seed: number }
  /** The user's own SELECT (tableConfig profileQuery): its result is the sample. */
  | { kind: 'query'; sql: string };

export type PartitionSpec =
  | { kind: 'timeUnit'; column: string; interval: number; unit: 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' }
  | { kind: 'integerRange'; column: string; start: number; end: number }
  | { kind: 'columnValue'; column: string; values: unknown[] };

export interface SampleSource {
  schema: string;
  table: string;
  /** The columns the statement reads (quoted here). */
  columns: readonly string[];
  sample: SampleSpec;
  partition?: PartitionSpec;
}

function partitionCondition(partition: PartitionSpec, params: SqlParams): string {
  const column = quoteIdent(partition.column);
  switch (partition.kind) {
    case 'timeUnit':
      return `${column} >= now() - ${params.add(`${partition.interval} ${partition.unit.toLowerCase()}`)}::interval`;
    case 'integerRange':
      return `${column} BETWEEN ${params.add(partition.start)} AND ${params.add(partition.end)}`;
    case 'columnValue':
      // Untyped parameters take the column's type, so values compare as the column's values do.
      return partition.values.length === 0 ? 'false' : `${column} IN (${partition.values.map((value) => params.add(value)).join(', ')})`;
  }
}

/** The SELECT that yields the sample's rows, for a `WITH sample AS (...)`. */
export function sampleSelect(source: SampleSource, params: SqlParams): string {
  const columns = source.columns.length > 0 ? source.columns.map(quoteIdent).join(', ') : 'NULL';
  const { sample } = source;
  if (sample.kind === 'query') return `SELECT ${columns} FROM (${sample.sql}) AS profile_query`;
  const from = qualifiedName(source.schema, source.table);
  if (sample.kind === 'table') {
    const where = source.partition ? ` WHERE ${partitionCondition(source.partition, params)}` : '';
    return `SELECT ${columns} FROM ${from}${where}`;
  }
  const draw = (percent: number, method: SamplingMethod, seed: number): { clause: string; condition?: string } => {
    if (method !== 'HASH') return { clause: ` TABLESAMPLE ${method} (${params.add(percent)}) REPEATABLE (${params.add(seed)})` };
    // hashtext is int4: masked to 31 bits, then compared with the share of 2^31.
    const under = params.add(Math.round((percent / 100) * 2 ** 31));
    return { clause: ' AS sampled_row', condition: `(hashtext(sampled_row::text || ${params.add(String(seed))})::bigint & 2147483647) < ${under}` };
  };
  const withDraw = (drawn: { clause: string; condition?: string } | undefined): string => {
    const partition = source.partition ? partitionCondition(source.partition, params) : undefined;
    const conditions = [drawn?.condition, partition].filter((c): c is string => c !== undefined);
    return `SELECT ${columns} FROM ${from}${drawn?.clause ?? ''}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
  };
  if (sample.kind === 'percentage') return withDraw(draw(sample.percent, sample.method, sample.seed));
  const drawn = sample.percent !== undefined && sample.percent < 100 ? draw(sample.percent, sample.method, sample.seed) : undefined;
  return `${withDraw(drawn)} LIMIT ${params.add(sample.rows)}`;
}

/**
 * The share of a table to draw so that a ROWS sample almost surely finds its rows: the rows asked for plus a margin
 * of four standard deviations (a Bernoulli draw's count is binomial), over the planner's row estimate. Undefined
 * when the whole table is needed (no estimate, or a small table).
 */
export function rowsSamplePercent(rows: number, estimatedRows: number): number | undefined {
  if (!(estimatedRows > 0)) return undefined;
  const wanted = rows + 4 * Math.sqrt(rows) + 20;
  const percent = (100 * wanted) / estimatedRows;
  return percent >= 50 ? undefined : percent;
}
