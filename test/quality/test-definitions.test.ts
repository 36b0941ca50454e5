// Every test definition on real Postgres, with data that passes and data that fails, NULLs and boundaries: each
// status, result value and row count checked against SQL written differently here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, execSql, withClient, type TestDatabase } from '../support/pg.js';
import { runQuality } from '../support/run-quality.js';

let db: TestDatabase;
let table: string;

beforeAll(async () => {
  db = await createTestDatabase('quality_defs');
  table = `svc.${db.name}.public.dq`;
  await execSql(db.url, [
    `create table dq (id int primary key, amount numeric, name text, status text, code text, created timestamptz)`,
    `insert into dq select i,
       case when i % 10 = 0 then null else i end,
       case when i % 7 = 0 then null when i % 5 = 0 then 'BAD-' || i else 'name_' || i end,
       case i % 3 when 0 then 'open' when 1 then 'closed' else 'void' end,
       case when i % 4 = 0 then 'N/A' when i % 9 = 0 then null else 'c' || (i % 20) end,
       case when i <= 30 then now() - interval '2 hours' else now() - interval '40 days' end
     from generate_series(1, 100) i`,
    // A copy with 2 rows removed, 1 added and 3 changed, for tableDiff.
    'create table dq_copy as select * from dq',
    'delete from dq_copy where id in (1, 2)',
    `insert into dq_copy (id, amount, name, status) values (1000, 1, 'new', 'open')`,
    `update dq_copy set status = 'changed' where id in (10, 11, 12)`,
  ]);
});

afterAll(async () => {
  await db?.drop();
});

const scalar = (sql: string): Promise<number> => withClient(db.url, async (c) => Number((await c.query(sql)).rows[0].v));

type Case = {
  name: string;
  testDefinitionName: string;
  columnName?: string;
  parameterValues?: Array<{ name: string; value: string }>;
  computePassedFailedRowCount?: boolean;
};
const tc = (name: string, testDefinitionName: string, columnName: string | undefined, params: Record<string, string> = {}): Case => ({
  name,
  testDefinitionName,
  ...(columnName ? { columnName } : {}),
  parameterValues: Object.entries(params).map(([n, value]) => ({ name: n, value })),
  computePassedFailedRowCount: true,
});

describe('data quality test definitions', () => {
  it('each definition passes and fails as OpenMetadata defines it, with its values and row counts', async () => {
    const cases: Array<[Case, 'Success' | 'Failed', Record<string, string | number>, number | undefined]> = [];
    const add = (c: Case, status: 'Success' | 'Failed', values: Record<string, string | number>, failed?: number) =>
      cases.push([c, status, values, failed]);
    const rows = await scalar('select count(*) as v from dq');
    add(tc('rows_ok', 'tableRowCountToBeBetween', undefined, { minValue: '100', maxValue: '100' }), 'Success', { rowCount: rows });
    add(tc('rows_open_max', 'tableRowCountToBeBetween', undefined, { minValue: '101' }), 'Failed', { rowCount: rows });
    add(tc('rows_eq', 'tableRowCountToEqual', undefined, { value: '99' }), 'Failed', { rowCount: rows });
    add(tc('cols_between', 'tableColumnCountToBeBetween', undefined, { minColValue: '6', maxColValue: '6' }), 'Success', { columnCount: 6 });
    add(tc('cols_eq', 'tableColumnCountToEqual', undefined, { columnCount: '5' }), 'Failed', { columnCount: 6 });
    add(tc('col_exists', 'tableColumnNameToExist', undefined, { columnName: 'status' }), 'Success', { columnNameExits: 'True' });
    add(tc('col_missing', 'tableColumnNameToExist', undefined, { columnName: 'nope' }), 'Failed', { columnNameExits: 'False' });
    add(tc('set_any_order', 'tableColumnToMatchSet', undefined, { columnNames: 'name, id, amount, status, code, created' }), 'Success', {});
    add(tc('set_ordered', 'tableColumnToMatchSet', undefined, { columnNames: 'name,id,amount,status,code,created', ordered: 'true' }), 'Failed', {});
    const recent = await scalar(`select sum(case when created > now() - interval '1 day' then 1 else 0 end) as v from dq`);
    add(
      tc('inserted', 'tableRowInsertedCountToBeBetween', undefined, {
        columnName: 'created',
        rangeType: 'DAY',
        rangeInterval: '1',
        min: '30',
        max: '30',
      }),
      'Success',
      { rowCount: recent },
    );
    const bad = await scalar(`select count(*) as v from dq where name like 'BAD-%'`);
    add(
      tc('custom_rows', 'tableCustomSQLQuery', undefined, { sqlExpression: `select * from dq where name like 'BAD-%'`, threshold: String(bad) }),
      'Success',
      { resultRowCount: bad },
      bad,
    );
    add(
      tc('custom_rows_fail', 'tableCustomSQLQuery', undefined, { sqlExpression: `select * from dq where name like 'BAD-%'` }),
      'Failed',
      { resultRowCount: bad },
      bad,
    );
    cases.push([
      tc('custom_partition', 'tableCustomSQLQuery', undefined, {
        sqlExpression: `select * from dq where id <= 20 and name like 'BAD-%'`,
        threshold: '10',
        partitionCondition: 'id <= 20',
      }),
      'Success',
      { resultRowCount: 4 },
      undefined,
    ]);
    add(
      tc('custom_count', 'tableCustomSQLQuery', undefined, {
        sqlExpression: 'select count(*) from dq',
        strategy: 'COUNT',
        operator: '==',
        threshold: '100',
      }),
      'Success',
      { resultRowCount: 100 },
    );
    const removed = await scalar('select count(*) as v from (select id from dq except select id from dq_copy) x');
    const addedRows = await scalar('select count(*) as v from (select id from dq_copy except select id from dq) x');
    const changedRows = await scalar('select count(*) as v from dq join dq_copy using (id) where dq.status is distinct from dq_copy.status');
    const diff = removed + addedRows + changedRows;
    const copy = `svc.${db.name}.public.dq_copy`;
    add(tc('diff', 'tableDiff', undefined, { table2: copy, keyColumns: '["id"]', useColumns: '["status"]', threshold: String(diff) }), 'Success', {
      removedRows: removed,
      addedRows,
      changedRows,
      diffCount: diff,
    });
    add(
      tc('diff_fail', 'tableDiff', undefined, { table2: copy, keyColumns: "['id']", 'table2.keyColumns': '["id"]', caseSensitiveColumns: 'true' }),
      'Failed',
      { diffCount: diff },
    );
    const nulls = await scalar('select count(*) - count(amount) as v from dq');
    add(tc('not_null', 'columnValuesToBeNotNull', 'amount'), 'Failed', { nullCount: nulls }, nulls);
    add(tc('not_null_ok', 'columnValuesToBeNotNull', 'status'), 'Success', { nullCount: 0 }, 0);
    add(tc('unique_ok', 'columnValuesToBeUnique', 'id'), 'Success', { valueCount: 100, uniqueCount: 100 }, 0);
    const statusRepeats = await scalar('select count(*) as v from dq d where (select count(*) from dq e where e.status = d.status) > 1');
    add(tc('unique_fail', 'columnValuesToBeUnique', 'status'), 'Failed', { valueCount: 100, uniqueCount: 3 }, statusRepeats);
    const [lo, hi] = [await scalar('select min(amount) as v from dq'), await scalar('select max(amount) as v from dq')];
    add(tc('between_ok', 'columnValuesToBeBetween', 'amount', { minValue: String(lo), maxValue: String(hi) }), 'Success', { min: lo, max: hi }, 0);
    const above50 = await scalar('select count(*) as v from dq where amount > 50');
    add(tc('between_open_min', 'columnValuesToBeBetween', 'amount', { maxValue: '50' }), 'Failed', { min: lo, max: hi }, above50);
    const matching = await scalar(`select count(*) as v from dq where name ~ '^name_\\d+$'`);
    add(tc('regex', 'columnValuesToMatchRegex', 'name', { regex: '^name_\\d+$' }), 'Failed', { likeCount: matching }, rows - matching);
    add(tc('not_regex', 'columnValuesToNotMatchRegex', 'name', { forbiddenRegex: '^BAD-' }), 'Failed', { notLikeCount: bad }, bad);
    const open = await scalar(`select count(*) as v from dq where status = 'open'`);
    // In-set passes when one value is in the set; matchEnum asks every row.
    add(tc('in_set', 'columnValuesToBeInSet', 'status', { allowedValues: '["open"]' }), 'Success', { allowedValueCount: open }, rows - open);
    add(tc('in_set_enum', 'columnValuesToBeInSet', 'status', { allowedValues: "['open', 'closed']", matchEnum: 'true' }), 'Failed', {
      allowedValueCount: rows - (await scalar(`select count(*) as v from dq where status = 'void'`)),
    });
    add(tc('not_in_set', 'columnValuesToBeNotInSet', 'status', { forbiddenValues: '["archived"]' }), 'Success', { countForbiddenValues: 0 }, 0);
    const [minLen, maxLen] = [await scalar('select min(length(name)) as v from dq'), await scalar('select max(length(name)) as v from dq')];
    add(tc('lengths', 'columnValueLengthsToBeBetween', 'name', { minLength: '6', maxLength: '7' }), 'Failed', {
      minValueLength: minLen,
      maxValueLength: maxLen,
    });
    add(tc('max', 'columnValueMaxToBeBetween', 'amount', { minValueForMaxInCol: '99', maxValueForMaxInCol: '99' }), 'Success', { max: hi });
    add(tc('min', 'columnValueMinToBeBetween', 'amount', { minValueForMinInCol: '2' }), 'Failed', { min: lo });
    const mean = await scalar('select sum(amount) / count(amount) as v from dq');
    add(tc('mean', 'columnValueMeanToBeBetween', 'amount', { minValueForMeanInCol: '0', maxValueForMeanInCol: '100' }), 'Success', { mean });
    add(tc('median', 'columnValueMedianToBeBetween', 'amount', { maxValueForMedianInCol: '10' }), 'Failed', {});
    add(tc('stddev', 'columnValueStdDevToBeBetween', 'amount', { minValueForStdDevInCol: '0' }), 'Success', {});
    const sum = await scalar('select sum(amount) as v from dq');
    add(tc('sum', 'columnValuesSumToBeBetween', 'amount', { minValueForColSum: String(sum), maxValueForColSum: String(sum) }), 'Success', { sum });
    const missing = await scalar(`select count(*) as v from dq where code is null or code = 'N/A'`);
    add(
      tc('missing', 'columnValuesMissingCount', 'code', { missingCountValue: String(missing), missingValueMatch: '["N/A"]' }),
      'Success',
      { nullCount: missing },
      missing,
    );

    const run = await runQuality(
      db.url,
      table,
      cases.map(([c]) => c),
    );
    expect(run.result.status.steps.flatMap((s) => s.failures)).toEqual([]);
    const results = new Map(
      run.lines
        .filter((l) => l.type === 'testCaseResult')
        .map((l) => [(l.data as any).testCase.fullyQualifiedName as string, (l.data as any).testCaseResult]),
    );
    for (const [c, status, values, failed] of cases) {
      const fqn = c.columnName ? `${table}.${c.columnName}.${c.name}` : `${table}.${c.name}`;
      const result = results.get(fqn);
      expect(result, fqn).toBeDefined();
      expect(result.testCaseStatus, `${c.name}: ${result.result}`).toBe(status);
      const got = Object.fromEntries((result.testResultValue as Array<{ name: string; value: string }>).map((v) => [v.name, v.value]));
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'number') expect(Number(got[name]), `${c.name} ${name}`).toBeCloseTo(value, 9);
        else expect(got[name], `${c.name} ${name}`).toBe(value);
      }
      if (failed !== undefined) {
        expect(result.failedRows, `${c.name} failedRows`).toBe(failed);
        expect(result.passedRows + result.failedRows).toBe(rows);
        expect(result.failedRowsPercentage).toBeCloseTo((failed / rows) * 100, 9);
      }
    }
    // partitionCondition: the failed rows are a share of the rows where it holds (20), not of the table.
    const partitioned = results.get(`${table}.custom_partition`);
    const inPartition = await scalar('select count(*) as v from dq where id <= 20');
    expect(partitioned).toMatchObject({ failedRows: 4, passedRows: inPartition - 4 });
    expect(partitioned.failedRowsPercentage).toBeCloseTo((4 / inPartition) * 100, 9);
    // The suite and the cases come first, as OpenMetadata creates them before it sends results.
    expect(run.lines[0]).toMatchObject({ type: 'createTestSuite', data: { name: `${table}.testSuite`, executableEntityReference: table } });
    expect(run.lines.filter((l) => l.type === 'createTestCase')).toHaveLength(cases.length);
    expect(run.lines.find((l) => l.type === 'createTestCase' && (l.data as any).name === 'not_null')?.data).toMatchObject({
      testDefinition: 'columnValuesToBeNotNull',
      entityLink: `<#E::table::${table}::columns::amount>`,
      testSuite: `${table}.testSuite`,
    });
    expect(run.result.exitCode).toBe(0);
    // The tests that are aggregates of the sample (all but the grouping, custom SQL, diff and catalog ones) shared a scan.
    expect(run.debug.some((l) => /public\.dq: 2[0-9] tests share one scan of the sample/.test(l))).toBe(true);
  });
});
