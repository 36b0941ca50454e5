// A test's SQL cannot write or escape: a data-modifying WITH, a function that writes, COPY TO PROGRAM, SET ROLE,
// several statements, a call that acts on the server; each is Aborted with its reason and the data is unchanged. A
// bad regex or a missing column is Aborted too. Wrong test cases are config errors naming the case and its line.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, formatIssue } from '../../src/config/config-error.js';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createTestDatabase, execSql, withClient, type TestDatabase } from '../support/pg.js';
import { qualityWorkflow, runQuality } from '../support/run-quality.js';

let db: TestDatabase;
let table: string;
const MARKER = `/tmp/omgen-copy-to-program-${process.pid}`;

beforeAll(async () => {
  db = await createTestDatabase('quality_safety');
  table = `svc.${db.name}.public.victim`;
  await execSql(db.url, [
    'create table victim (id int, name text)',
    `insert into victim select i, 'n' || i from generate_series(1, 10) i`,
    `create function bump() returns int language sql as 'insert into victim values (99, ''x'') returning 1'`,
  ]);
});

afterAll(async () => {
  await db?.drop();
});

const custom = (name: string, sqlExpression: string) => ({
  name,
  testDefinitionName: 'tableCustomSQLQuery',
  parameterValues: [{ name: 'sqlExpression', value: sqlExpression }],
});

describe('test SQL that tries to write or escape', () => {
  it('is Aborted with its reason, and leaves the data as it was', async () => {
    const cases = [
      custom('cte_delete', 'with d as (delete from victim returning *) select * from d'),
      custom('writing_function', 'select bump()'),
      custom('copy_program', `copy victim to program 'touch ${MARKER}'`),
      custom('set_role', 'set role postgres'),
      custom('two_statements', 'select 1; delete from victim'),
      custom('terminate', 'select pg_terminate_backend(pg_backend_pid())'),
      custom('update', 'update victim set name = null'),
      { name: 'bad_regex', testDefinitionName: 'columnValuesToMatchRegex', columnName: 'name', parameterValues: [{ name: 'regex', value: '([' }] },
      { name: 'no_column', testDefinitionName: 'columnValuesToBeNotNull', columnName: 'nope' },
      custom('fine_after', 'select * from victim where id > 100'),
    ];
    const run = await runQuality(db.url, table, cases);
    const results = new Map(
      run.lines
        .filter((l) => l.type === 'testCaseResult')
        .map((l) => [(l.data as any).testCase.fullyQualifiedName.split('.').at(-1), (l.data as any).testCaseResult]),
    );
    const reason = (name: string) => `${results.get(name)?.testCaseStatus}: ${results.get(name)?.result}`;
    expect(reason('cte_delete')).toMatch(/^Aborted: sqlExpression must not change data/);
    expect(reason('writing_function')).toMatch(/^Aborted: cannot execute INSERT in a read-only transaction/);
    expect(reason('copy_program')).toMatch(/^Aborted: sqlExpression must be a SELECT \(it is CopyStmt\)/);
    expect(reason('set_role')).toMatch(/^Aborted: sqlExpression must be a SELECT \(it is VariableSetStmt\)/);
    expect(reason('two_statements')).toMatch(/^Aborted: sqlExpression must be one SELECT statement \(it has 2\)/);
    expect(reason('terminate')).toMatch(/^Aborted: sqlExpression must not call pg_terminate_backend\(\)/);
    expect(reason('update')).toMatch(/^Aborted: sqlExpression must be a SELECT \(it is UpdateStmt\)/);
    expect(reason('bad_regex')).toMatch(/^Aborted: invalid regular expression/);
    expect(reason('no_column')).toMatch(/^Aborted: column nope is not a column of/);
    // A test after an aborted one still runs: each test has its own savepoint.
    expect(reason('fine_after')).toMatch(/^Success/);
    const after = await withClient(db.url, (c) =>
      c.query(`select count(*)::int as n, count(*) filter (where name is null)::int as nulls from victim`),
    );
    expect(after.rows[0]).toEqual({ n: 10, nulls: 0 });
    expect(existsSync(MARKER)).toBe(false);
    // Aborted tests are warnings of the runner, not failures of the run.
    expect(run.result.exitCode).toBe(0);
  });
});

describe('test cases the worker cannot run as written', () => {
  const issues = (testCases: unknown[]): string[] => {
    const yaml = JSON.stringify(qualityWorkflow('postgres://u@localhost:5432/db', 'svc.db.public.t', testCases, '/tmp/out.ndjson'), null, 2);
    try {
      loadWorkflowText(yaml, 'quality.yaml', {});
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.issues.map(formatIssue);
    }
  };

  it('are config errors that name the test case and its line, found before anything runs', () => {
    const found = issues([
      { name: 'typo', testDefinitionName: 'columnValuesToBeNotNul', columnName: 'a' },
      { name: 'no_column', testDefinitionName: 'columnValuesToBeBetween', parameterValues: [{ name: 'minValue', value: '1' }] },
      { name: 'table_with_column', testDefinitionName: 'tableRowCountToEqual', columnName: 'a', parameterValues: [{ name: 'value', value: '3' }] },
      { name: 'bad_number', testDefinitionName: 'columnValuesToBeBetween', columnName: 'a', parameterValues: [{ name: 'minValue', value: 'ten' }] },
      {
        name: 'unknown_param',
        testDefinitionName: 'tableRowCountToEqual',
        parameterValues: [
          { name: 'value', value: '3' },
          { name: 'valu', value: '3' },
        ],
      },
      { name: 'missing_param', testDefinitionName: 'tableRowCountToEqual' },
    ]);
    expect(found).toEqual([
      expect.stringMatching(
        /^processor\.config\.testCases\[0\]\.testDefinitionName \(line \d+, col \d+\): test case 'typo': unknown test definition 'columnValuesToBeNotNul'; did you mean 'columnValuesToBeNotNull'\?/,
      ),
      expect.stringMatching(
        /^processor\.config\.testCases\[1\] \(line \d+, col \d+\): test case 'no_column': columnValuesToBeBetween tests a column, and columnName is missing/,
      ),
      expect.stringMatching(
        /testCases\[2\]\.columnName \(line \d+.*test case 'table_with_column': tableRowCountToEqual tests the table, not a column/,
      ),
      expect.stringMatching(
        /testCases\[3\]\.parameterValues \(line \d+.*test case 'bad_number': parameter 'minValue' must be a number \(got 'ten'\)/,
      ),
      expect.stringMatching(/testCases\[4\]\.parameterValues \(line \d+.*test case 'unknown_param': tableRowCountToEqual has no parameter 'valu'/),
      expect.stringMatching(/testCases\[5\]\.parameterValues \(line \d+.*test case 'missing_param': tableRowCountToEqual needs parameter 'value'/),
    ]);
  });
});
