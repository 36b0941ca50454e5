import { quoteIdent } from '../postgres/quote.js';
import { SqlParams } from '../profiler/sql-params.js';
import { dateTimeValuesBetween, isDateTimeColumn } from './datetime-bounds.js';
import { bounds, num, param, within, type TestContext } from './test-context.js';
import type { TestOutcome } from './test-result.js';

/** A column statistic checked against two bounds (max, min, mean, median, stddev, sum). */
function statisticBetween(name: string, expression: (column: string) => string, minKey: string, maxKey: string) {
  return async (ctx: TestContext): Promise<TestOutcome> => {
    const column = quoteIdent(ctx.column as string);
    const row = await ctx.aggregate(() => [['v', `(${expression(column)})::float8`]]);
    const value = num(row.v);
    const [min, max] = [param<number>(ctx, minKey), param<number>(ctx, maxKey)];
    const ok = within(value, min, max);
    return {
      status: ok ? 'Success' : 'Failed',
      message: `Found ${name}=${value ?? 'None'} vs. the expected range ${bounds(min, max)}.`,
      values: [[name, value]],
    };
  };
}

/** A count of matching rows: regexes and sets. NULLs do not match, so they count as failed rows. */
async function matching(
  ctx: TestContext,
  condition: (column: string, params: SqlParams) => string,
): Promise<{ matched: number; values: number; rows: number }> {
  const column = quoteIdent(ctx.column as string);
  const row = await ctx.aggregate((params) => [
    ['matched', `count(*) FILTER (WHERE ${condition(column, params)})`],
    ['values', `count(${column})`],
    ['rows', 'count(*)'],
  ]);
  return { matched: Number(row.matched), values: Number(row.values), rows: Number(row.rows) };
}

/** A list parameter bound as text, the column compared as text: values as the user wrote them. */
const inList = (column: string, params: SqlParams, list: string[]): string => `${column}::text = ANY(${params.add(list)}::text[])`;

/**
 * Every value (or its length) within two bounds: the lowest and highest found are the result values, and the rows
 * outside the bounds the failed rows (NULLs are neither).
 */
function valuesWithin(of: (column: string) => string, [minKey, maxKey]: [string, string], [lowName, highName]: [string, string]) {
  return async (ctx: TestContext): Promise<TestOutcome> => {
    const value = of(quoteIdent(ctx.column as string));
    const [min, max] = [param<number>(ctx, minKey), param<number>(ctx, maxKey)];
    const row = await ctx.aggregate((params) => {
      const outside = [
        min === undefined ? undefined : `${value} < ${params.add(min)}`,
        max === undefined ? undefined : `${value} > ${params.add(max)}`,
      ].filter(Boolean);
      return [
        ['low', `min(${value})::float8`],
        ['high', `max(${value})::float8`],
        ['outside', `count(*) FILTER (WHERE ${outside.length > 0 ? outside.join(' OR ') : 'false'})`],
      ];
    });
    const [low, high] = [num(row.low), num(row.high)];
    const ok = low === undefined || (within(low, min, max) && within(high, min, max));
    return {
      status: ok ? 'Success' : 'Failed',
      message: `Found ${lowName}=${low ?? 'None'}, ${highName}=${high ?? 'None'} vs. the expected range ${bounds(min, max)}.`,
      values: [
        [lowName, low],
        [highName, high],
      ],
      failedRows: Number(row.outside),
    };
  };
}

/** The column tests: nulls, uniqueness, bounds, regexes, sets, lengths, statistics, missing values. */
export const COLUMN_TESTS: Record<string, (ctx: TestContext) => Promise<TestOutcome>> = {
  async columnValuesToBeNotNull(ctx) {
    const column = quoteIdent(ctx.column as string);
    const nulls = Number((await ctx.aggregate(() => [['n', `count(*) FILTER (WHERE ${column} IS NULL)`]])).n);
    return {
      status: nulls === 0 ? 'Success' : 'Failed',
      message: `Found nullCount=${nulls}. It should be 0.`,
      values: [['nullCount', nulls]],
      failedRows: nulls,
    };
  },
  async columnValuesToBeUnique(ctx) {
    const column = quoteIdent(ctx.column as string);
    // A grouping of its own: not an aggregate another test's scan can share.
    const params = new SqlParams();
    const from = ctx.from(params);
    const [row = {}] = await ctx.run(
      `SELECT coalesce(sum(n), 0) AS values, count(*) AS distinct_values, coalesce(sum(n) FILTER (WHERE n > 1), 0) AS repeated FROM (SELECT count(*) AS n FROM ${from} WHERE ${column} IS NOT NULL GROUP BY ${column}) AS grouped`,
      params.values,
    );
    const [values, unique] = [Number(row.values), Number(row.distinct_values)];
    return {
      status: values === unique ? 'Success' : 'Failed',
      message: `Found valueCount=${values} and uniqueCount=${unique}. They should be equal.`,
      values: [
        ['valueCount', values],
        ['uniqueCount', unique],
      ],
      failedRows: Number(row.repeated),
    };
  },
  columnValuesToBeBetween: (ctx) =>
    isDateTimeColumn(ctx) ? dateTimeValuesBetween(ctx) : valuesWithin((column) => column, ['minValue', 'maxValue'], ['min', 'max'])(ctx),
  async columnValuesToMatchRegex(ctx) {
    const regex = param<string>(ctx, 'regex') as string;
    const { matched, values, rows } = await matching(ctx, (column, params) => `${column}::text ~ ${params.add(regex)}`);
    return {
      status: matched === values ? 'Success' : 'Failed',
      message: `Found ${matched} value(s) matching the regex pattern vs ${values} value(s) in the column.`,
      values: [['likeCount', matched]],
      failedRows: rows - matched,
    };
  },
  async columnValuesToNotMatchRegex(ctx) {
    const regex = param<string>(ctx, 'forbiddenRegex') as string;
    const { matched } = await matching(ctx, (column, params) => `${column}::text ~ ${params.add(regex)}`);
    return {
      status: matched === 0 ? 'Success' : 'Failed',
      message: `Found ${matched} value(s) matching the forbidden regex pattern vs 0 expected.`,
      values: [['notLikeCount', matched]],
      failedRows: matched,
    };
  },
  async columnValuesToBeInSet(ctx) {
    const allowed = param<string[]>(ctx, 'allowedValues') ?? [];
    const matchEnum = param<boolean>(ctx, 'matchEnum') === true;
    const { matched, rows } = await matching(ctx, (column, params) => inList(column, params, allowed));
    // OpenMetadata passes when at least one value is in the set; matchEnum asks that every row's value be.
    const ok = matchEnum ? matched === rows : matched > 0;
    return {
      status: ok ? 'Success' : 'Failed',
      message: `Found countInSet=${matched}${matchEnum ? ` of ${rows} rows` : ''}.`,
      values: [['allowedValueCount', matched]],
      failedRows: rows - matched,
    };
  },
  async columnValuesToBeNotInSet(ctx) {
    const forbidden = param<string[]>(ctx, 'forbiddenValues') ?? [];
    const { matched } = await matching(ctx, (column, params) => inList(column, params, forbidden));
    return {
      status: matched === 0 ? 'Success' : 'Failed',
      message: `Found countInSet=${matched}. It should be 0.`,
      values: [['countForbiddenValues', matched]],
      failedRows: matched,
    };
  },
  columnValueLengthsToBeBetween: valuesWithin(
    (column) => `char_length(${column}::text)`,
    ['minLength', 'maxLength'],
    ['minValueLength', 'maxValueLength'],
  ),
  columnValueMaxToBeBetween: statisticBetween('max', (c) => `max(${c})`, 'minValueForMaxInCol', 'maxValueForMaxInCol'),
  columnValueMinToBeBetween: statisticBetween('min', (c) => `min(${c})`, 'minValueForMinInCol', 'maxValueForMinInCol'),
  columnValueMeanToBeBetween: statisticBetween('mean', (c) => `avg(${c})`, 'minValueForMeanInCol', 'maxValueForMeanInCol'),
  columnValueMedianToBeBetween: statisticBetween(
    'median',
    (c) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${c}::float8)`,
    'minValueForMedianInCol',
    'maxValueForMedianInCol',
  ),
  columnValueStdDevToBeBetween: statisticBetween('stddev', (c) => `stddev_pop(${c})`, 'minValueForStdDevInCol', 'maxValueForStdDevInCol'),
  columnValuesSumToBeBetween: statisticBetween('sum', (c) => `sum(${c})`, 'minValueForColSum', 'maxValueForColSum'),
  async columnValuesMissingCount(ctx) {
    const extra = param<string[]>(ctx, 'missingValueMatch') ?? [];
    const expected = param<number>(ctx, 'missingCountValue');
    const column = quoteIdent(ctx.column as string);
    const row = await ctx.aggregate((params) => [['n', `count(*) FILTER (WHERE ${column} IS NULL OR ${inList(column, params, extra)})`]]);
    const missing = Number(row.n);
    // OpenMetadata reports the observed missing count under the name nullCount.
    return {
      status: missing === expected ? 'Success' : 'Failed',
      message: `Found missingCount=${missing} vs. the expected ${expected}.`,
      values: [['nullCount', missing]],
      failedRows: missing,
    };
  },
};
