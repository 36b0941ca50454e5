import { splitFqn } from '../openmetadata/fqn.js';
import { quoteIdent } from '../postgres/quote.js';
import { SqlParams } from '../profiler/sql-params.js';
import type { TestParameters } from './test-parameters.js';
import { aborted, type TestOutcome } from './test-result.js';

type Row = Record<string, unknown>;

/** What a test runs against: the sample as a FROM item, the table's columns, a way to run statements. */
export interface TestContext {
  /** `(SELECT ... FROM table ...) AS sample`, with its own parameters. */
  from: (params: SqlParams) => string;
  columns: readonly string[];
  /** The table under test: its FQN's parts. */
  table: { database: string; schema: string; name: string };
  column?: string;
  parameters: TestParameters;
  run: (text: string, params: unknown[]) => Promise<Row[]>;
  /**
   * One row of aggregates over the sample, each `[alias, expression]`. The runner may compute those of several tests
   * in one scan, so expressions must not depend on anything but the sample's rows and their parameters.
   */
  aggregate: (build: (params: SqlParams) => Array<[string, string]>) => Promise<Row>;
  /** Why a custom SQL expression may not run, if it may not. */
  customSqlProblem: (sql: string) => string | undefined;
  /** Why a filter (a WHERE condition) may not run, if it may not. */
  filterProblem: (condition: string) => string | undefined;
}

const num = (value: unknown): number | undefined => (value === null || value === undefined ? undefined : Number(value));
const param = <T>(ctx: TestContext, name: string): T | undefined => ctx.parameters.get(name) as T | undefined;
const bounds = (min?: number, max?: number) => `[${min ?? '-inf'}, ${max ?? 'inf'}]`;
/** Bounds are inclusive; a missing bound is open. */
const within = (value: number | undefined, min?: number, max?: number): boolean =>
  value !== undefined && (min === undefined || value >= min) && (max === undefined || value <= max);

/** The select list of aggregates, aliased (aliases quoted, so none is folded to lower case). */
export const selectList = (items: Array<[string, string]>): string =>
  items.map(([alias, expression]) => `${expression} AS ${quoteIdent(alias)}`).join(', ');

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

const OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

export const EVALUATORS: Record<string, (ctx: TestContext) => Promise<TestOutcome>> = {
  async tableRowCountToBeBetween(ctx) {
    const rows = Number((await ctx.aggregate(() => [['n', 'count(*)']])).n);
    const [min, max] = [param<number>(ctx, 'minValue'), param<number>(ctx, 'maxValue')];
    return {
      status: within(rows, min, max) ? 'Success' : 'Failed',
      message: `Found ${rows} rows vs. the expected range ${bounds(min, max)}.`,
      values: [['rowCount', rows]],
    };
  },
  async tableRowCountToEqual(ctx) {
    const rows = Number((await ctx.aggregate(() => [['n', 'count(*)']])).n);
    const expected = param<number>(ctx, 'value');
    return {
      status: rows === expected ? 'Success' : 'Failed',
      message: `Found ${rows} rows vs. the expected ${expected}.`,
      values: [['rowCount', rows]],
    };
  },
  async tableColumnCountToBeBetween(ctx) {
    const count = ctx.columns.length;
    const [min, max] = [param<number>(ctx, 'minColValue'), param<number>(ctx, 'maxColValue')];
    return {
      status: within(count, min, max) ? 'Success' : 'Failed',
      message: `Found ${count} columns vs. the expected range ${bounds(min, max)}.`,
      values: [['columnCount', count]],
    };
  },
  async tableColumnCountToEqual(ctx) {
    const count = ctx.columns.length;
    const expected = param<number>(ctx, 'columnCount');
    return {
      status: count === expected ? 'Success' : 'Failed',
      message: `Found ${count} columns vs. the expected ${expected}.`,
      values: [['columnCount', count]],
    };
  },
  async tableColumnNameToExist(ctx) {
    const name = param<string>(ctx, 'columnName') as string;
    const exists = ctx.columns.includes(name);
    // OpenMetadata names this result value so (sic).
    return {
      status: exists ? 'Success' : 'Failed',
      message: `${name} column expected vs ${exists ? 'found' : 'not found'} in the table.`,
      values: [['columnNameExits', exists]],
    };
  },
  async tableColumnToMatchSet(ctx) {
    const expected = (param<string>(ctx, 'columnNames') as string)
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const ordered = param<boolean>(ctx, 'ordered') === true;
    const actual = [...ctx.columns];
    const ok = ordered
      ? JSON.stringify(actual) === JSON.stringify(expected)
      : JSON.stringify([...actual].sort()) === JSON.stringify([...expected].sort());
    return {
      status: ok ? 'Success' : 'Failed',
      message: `Found columns ${actual.join(', ')} vs. the expected ${ordered ? 'ordered ' : ''}${expected.join(', ')}.`,
      values: [['columnNames', actual.join(',')]],
    };
  },
  async tableRowInsertedCountToBeBetween(ctx) {
    const unit = String(param<string>(ctx, 'rangeType')).toUpperCase();
    if (!['HOUR', 'DAY', 'MONTH', 'YEAR'].includes(unit)) return aborted(`rangeType must be HOUR, DAY, MONTH or YEAR (got ${unit})`);
    const column = param<string>(ctx, 'columnName') as string;
    if (!ctx.columns.includes(column)) return aborted(`column ${column} is not a column of the table`);
    const interval = `${param<number>(ctx, 'rangeInterval')} ${unit.toLowerCase()}`;
    const rows = Number(
      (await ctx.aggregate((params) => [['n', `count(*) FILTER (WHERE ${quoteIdent(column)} >= now() - ${params.add(interval)}::interval)`]])).n,
    );
    const [min, max] = [param<number>(ctx, 'min'), param<number>(ctx, 'max')];
    return {
      status: within(rows, min, max) ? 'Success' : 'Failed',
      message: `Found ${rows} rows inserted in the last ${interval} vs. the expected range ${bounds(min, max)}.`,
      values: [['rowCount', rows]],
    };
  },
  async tableCustomSQLQuery(ctx) {
    const sql = param<string>(ctx, 'sqlExpression') as string;
    const problem = ctx.customSqlProblem(sql);
    if (problem) return aborted(problem);
    const strategy = String(param<string>(ctx, 'strategy') ?? 'ROWS').toUpperCase();
    const operator = param<string>(ctx, 'operator') ?? '<=';
    const compare = OPERATORS[operator];
    if (!compare) return aborted(`operator must be one of ${Object.keys(OPERATORS).join(', ')} (got ${operator})`);
    const threshold = param<number>(ctx, 'threshold') ?? 0;
    let value: number;
    if (strategy === 'COUNT') {
      const rows = await ctx.run(`SELECT * FROM (${sql}) AS custom_sql LIMIT 1`, []);
      const first = rows[0] ? Object.values(rows[0])[0] : undefined;
      const parsed = num(first);
      if (parsed === undefined || !Number.isFinite(parsed))
        return aborted('the COUNT strategy needs the query to return a number in its first column');
      value = parsed;
    } else if (strategy === 'ROWS') {
      value = Number((await ctx.run(`SELECT count(*) AS n FROM (${sql}) AS custom_sql`, []))[0]?.n);
    } else {
      return aborted(`strategy must be ROWS or COUNT (got ${strategy})`);
    }
    const ok = compare(value, threshold);
    // partitionCondition: the rows the failed rows are a share of (OpenMetadata counts the table where it holds).
    const condition = param<string>(ctx, 'partitionCondition');
    let totalRows: number | undefined;
    if (condition) {
      const problem = ctx.filterProblem(condition);
      if (problem) return aborted(problem);
      const params = new SqlParams();
      totalRows = Number((await ctx.run(`SELECT count(*) AS n FROM ${ctx.from(params)} WHERE ${condition}`, params.values))[0]?.n);
    }
    return {
      totalRows,
      status: ok ? 'Success' : 'Failed',
      message: `Found ${value} ${strategy === 'ROWS' ? 'rows' : 'as the count'} vs. the expected ${operator} ${threshold}.`,
      values: [['resultRowCount', value]],
      failedRows: strategy === 'ROWS' ? value : undefined,
    };
  },
  async tableDiff(ctx) {
    const parts = splitFqn(param<string>(ctx, 'table2') as string);
    if (parts.length !== 4) return aborted(`table2 must be service.database.schema.table (got ${param<string>(ctx, 'table2')})`);
    const [, database, schema, name] = parts as [string, string, string, string];
    if (database !== ctx.table.database)
      return aborted(`table2 is in database ${database}: om-worker compares tables of one database (${ctx.table.database})`);
    const keys = param<string[]>(ctx, 'keyColumns') ?? [];
    if (keys.length === 0) return aborted('keyColumns names no column');
    const missing = keys.find((k) => !ctx.columns.includes(k));
    if (missing) return aborted(`key column ${missing} is not a column of the table`);
    const others = ctx.columns.filter((c) => !keys.includes(c));
    const use = param<string[]>(ctx, 'useColumns') ?? others;
    const unknown = use.find((c) => !ctx.columns.includes(c));
    if (unknown) return aborted(`useColumns names ${unknown}, which is not a column of the table`);
    const where = param<string>(ctx, 'where');
    const problem = where ? ctx.filterProblem(where) : undefined;
    if (problem) return aborted(problem);
    const filter = where ? ` WHERE ${where}` : '';
    // table2's keys may have names of their own (table2.keyColumns): read under the first table's names.
    const keys2 = param<string[]>(ctx, 'table2.keyColumns') ?? keys;
    if (keys2.length !== keys.length) return aborted('table2.keyColumns must name as many columns as keyColumns');
    const rest = use.filter((c) => !keys.includes(c)).map(quoteIdent);
    const columnsOf = (names: string[]) => [...names.map((k, i) => `${quoteIdent(k)} AS ${quoteIdent(keys[i] as string)}`), ...rest].join(', ');
    const side = (schemaName: string, tableName: string, names: string[]) =>
      `(SELECT ${columnsOf(names)} FROM ${quoteIdent(schemaName)}.${quoteIdent(tableName)}${filter})`;
    // FULL JOIN needs an equality Postgres can hash or merge: rows whose key is NULL match nothing.
    const on = keys.map((k) => `a.${quoteIdent(k)} = b.${quoteIdent(k)}`).join(' AND ');
    const changed = use.filter((c) => !keys.includes(c)).map((c) => `a.${quoteIdent(c)} IS DISTINCT FROM b.${quoteIdent(c)}`);
    const rows = await ctx.run(
      `SELECT count(*) FILTER (WHERE a.present IS NULL) AS added, count(*) FILTER (WHERE b.present IS NULL) AS removed,
         count(*) FILTER (WHERE a.present AND b.present AND (${changed.length > 0 ? changed.join(' OR ') : 'false'})) AS changed
       FROM (SELECT *, true AS present FROM ${side(ctx.table.schema, ctx.table.name, keys)} AS t1) AS a
       FULL JOIN (SELECT *, true AS present FROM ${side(schema, name, keys2)} AS t2) AS b ON ${on}`,
      [],
    );
    const [added, removed, changedRows] = [Number(rows[0]?.added), Number(rows[0]?.removed), Number(rows[0]?.changed)];
    const diff = added + removed + changedRows;
    const threshold = param<number>(ctx, 'threshold') ?? 0;
    return {
      status: diff <= threshold ? 'Success' : 'Failed',
      message: `Found ${diff} different rows (${removed} removed, ${added} added, ${changedRows} changed) vs. a threshold of ${threshold}.`,
      values: [
        ['removedRows', removed],
        ['addedRows', added],
        ['changedRows', changedRows],
        ['diffCount', diff],
      ],
      failedRows: diff,
    };
  },
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
  columnValuesToBeBetween: valuesWithin((column) => column, ['minValue', 'maxValue'], ['min', 'max']),
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
