import { splitFqn } from '../openmetadata/fqn.js';
import { quoteIdent } from '../postgres/quote.js';
import { SqlParams } from '../profiler/sql-params.js';
import { bounds, num, param, within, type TestContext } from './test-context.js';
import { aborted, type TestOutcome } from './test-result.js';

const OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

/** The table tests: counts of rows and columns, column names, inserted rows, custom SQL, a diff with another table. */
export const TABLE_TESTS: Record<string, (ctx: TestContext) => Promise<TestOutcome>> = {
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
};
