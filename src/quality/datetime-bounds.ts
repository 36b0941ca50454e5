import { quoteIdent } from '../postgres/quote.js';
import { param, type TestContext } from './test-context.js';
import type { TestOutcome } from './test-result.js';

/** The column types whose between-bounds are points in time (OpenMetadata's is_date_time). */
const DATE_TIME_TYPES = new Set(['DATE', 'DATETIME', 'TIMESTAMP', 'TIMESTAMPZ']);

export const isDateTimeColumn = (ctx: TestContext): boolean => DATE_TIME_TYPES.has(ctx.columnType ?? '');

/**
 * A bound as OpenMetadata reads one for a date or time column: an epoch timestamp, in seconds, or in milliseconds
 * when written with 13 digits or more. Returned in seconds.
 */
export function epochSeconds(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Math.abs(value) >= 1e12 ? value / 1000 : value;
}

/** Python's str() of a UTC datetime, as OpenMetadata's result values print one (`2024-01-31 06:00:00+00:00`). */
export function pythonDateTime(seconds: number, zoned: boolean): string {
  // Postgres's 'infinity' and '-infinity' are dates too; Python has no such datetime, so they are said as they are.
  if (!Number.isFinite(seconds)) return seconds > 0 ? 'infinity' : '-infinity';
  const date = new Date(Math.floor(seconds * 1000));
  const micros = Math.round((seconds - Math.floor(seconds)) * 1e6) % 1e6;
  const text = date.toISOString().slice(0, 19).replace('T', ' ');
  return `${text}${micros > 0 ? `.${String(micros).padStart(6, '0')}` : ''}${zoned ? '+00:00' : ''}`;
}

/**
 * columnValuesToBeBetween on a date or time column: the earliest and latest values against epoch bounds, as
 * OpenMetadata does it: a date is its whole day (from 00:00 for the minimum, to the day's last microsecond for the
 * maximum), a timestamp without time zone is read as UTC, a missing bound is open. Failed rows are those outside.
 */
export async function dateTimeValuesBetween(ctx: TestContext): Promise<TestOutcome> {
  const column = quoteIdent(ctx.column as string);
  const zoned = ctx.columnType === 'TIMESTAMPZ';
  const start = ctx.columnType === 'DATE' ? `(${column}::timestamp AT TIME ZONE 'UTC')` : zoned ? column : `(${column} AT TIME ZONE 'UTC')`;
  const end = ctx.columnType === 'DATE' ? `(${start} + interval '1 day' - interval '1 microsecond')` : start;
  const min = epochSeconds(param<number>(ctx, 'minValue'));
  const max = epochSeconds(param<number>(ctx, 'maxValue'));
  const row = await ctx.aggregate((params) => {
    const outside = [
      min === undefined ? undefined : `${start} < to_timestamp(${params.add(min)}::float8)`,
      max === undefined ? undefined : `${end} > to_timestamp(${params.add(max)}::float8)`,
    ].filter(Boolean);
    return [
      ['low', `extract(epoch from min(${start}))::float8`],
      ['high', `extract(epoch from max(${end}))::float8`],
      ['outside', `count(*) FILTER (WHERE ${outside.length > 0 ? outside.join(' OR ') : 'false'})`],
    ];
  });
  const low = row.low === null || row.low === undefined ? undefined : Number(row.low);
  const high = row.high === null || row.high === undefined ? undefined : Number(row.high);
  const inside = (value: number) => (min === undefined || value >= min) && (max === undefined || value <= max);
  const ok = low === undefined || high === undefined || (inside(low) && inside(high));
  const shown = (seconds: number | undefined) => (seconds === undefined ? 'None' : pythonDateTime(seconds, zoned));
  const range = `[${min === undefined ? '-inf' : pythonDateTime(min, true)}, ${max === undefined ? 'inf' : pythonDateTime(max, true)}]`;
  return {
    status: ok ? 'Success' : 'Failed',
    message: `Found min=${shown(low)}, max=${shown(high)} vs. the expected range ${range}.`,
    values: [
      ['min', shown(low)],
      ['max', shown(high)],
    ],
    failedRows: Number(row.outside),
  };
}
