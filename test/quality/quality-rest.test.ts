// The data quality workflow into OpenMetadata (the API double, in 1.4's shapes and a recent release's): the table's
// suite, its test cases and their results, in order; an existing case is left as the server has it unless forceUpdate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow } from '../../src/workflow/run-workflow.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';
import { qualityWorkflow } from '../support/run-quality.js';
import { FileReplaySource } from '../../src/sinks/file-replay-source.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runQuality } from '../support/run-quality.js';

let db: TestDatabase;
let om: OpenMetadataDouble;
let table: string;

beforeAll(async () => {
  db = await createTestDatabase('quality_rest');
  await execSql(db.url, ['create table orders (id int, amount numeric)', 'insert into orders select i, i from generate_series(1, 20) i']);
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  expect((await runMetadataRest({ url: db.url, double: om, serviceName: 'svc' })).exitCode).toBe(0);
  table = `svc.${db.name}.public.orders`;
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

async function run(testCases: unknown[], forceUpdate = false, source?: FileReplaySource) {
  const config = qualityWorkflow(db.url, table, testCases, '');
  const server = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
  const withServer = {
    ...config,
    processor: { ...config.processor, config: { ...config.processor.config, forceUpdate } },
    sink: { type: 'metadata-rest', config: {} },
    workflowConfig: { loggerLevel: 'ERROR', openMetadataServerConfig: server },
  };
  return runWorkflow(loadWorkflowText(JSON.stringify(withServer), 'quality.yaml', {}), { log: createLogger('ERROR', () => undefined), source });
}

describe('data quality into OpenMetadata', () => {
  it('creates the suite and cases, sends each result, and leaves an existing case alone unless forceUpdate', async () => {
    const rows = (max: string) => ({
      name: 'row_count',
      testDefinitionName: 'tableRowCountToBeBetween',
      parameterValues: [{ name: 'maxValue', value: max }],
    });
    const notNull = {
      name: 'amount_not_null',
      testDefinitionName: 'columnValuesToBeNotNull',
      columnName: 'amount',
      computePassedFailedRowCount: true,
    };
    const first = await run([rows('10'), notNull]);
    expect(first.exitCode, JSON.stringify(first.status.steps.map((s) => [s.failures, s.warnings]))).toBe(0);
    expect(om.testSuites()).toEqual([`${table}.testSuite`]);
    const rowCase = om.testCase(`${table}.row_count`);
    expect(rowCase?.body).toMatchObject({
      testDefinition: 'tableRowCountToBeBetween',
      entityLink: `<#E::table::${table}>`,
      parameterValues: [{ name: 'maxValue', value: '10' }],
    });
    expect(rowCase?.results).toEqual([expect.objectContaining({ testCaseStatus: 'Failed', testResultValue: [{ name: 'rowCount', value: '20' }] })]);
    expect(om.testCase(`${table}.amount.amount_not_null`)?.results).toEqual([
      expect.objectContaining({ testCaseStatus: 'Success', passedRows: 20, failedRows: 0, passedRowsPercentage: 100 }),
    ]);

    // The case exists: without forceUpdate its parameters stay as the server has them; the new result is added.
    await run([rows('30'), notNull]);
    expect(om.testCase(`${table}.row_count`)?.body.parameterValues).toEqual([{ name: 'maxValue', value: '10' }]);
    expect(om.testCase(`${table}.row_count`)?.results.map((r) => r.testCaseStatus)).toEqual(['Failed', 'Success']);
    await run([rows('30'), notNull], true);
    expect(om.testCase(`${table}.row_count`)?.body.parameterValues).toEqual([{ name: 'maxValue', value: '30' }]);
  });

  it("replays a file sink's suite, cases and results with push", async () => {
    const extracted = await runQuality(db.url, table, [
      { name: 'pushed_rows', testDefinitionName: 'tableRowCountToEqual', parameterValues: [{ name: 'value', value: '20' }] },
    ]);
    const file = join(await mkdtemp(join(tmpdir(), 'omgen-quality-push-')), 'extract.ndjson');
    await writeFile(file, extracted.lines.map((line) => JSON.stringify(line)).join('\n'));
    const pushed = await run([], false, new FileReplaySource(file));
    expect(pushed.exitCode).toBe(0);
    expect(om.testCase(`${table}.pushed_rows`)?.results).toEqual([expect.objectContaining({ testCaseStatus: 'Success' })]);
  });

  it('warns, never fails, when the table is not on the server', async () => {
    await execSql(db.url, 'create table later (id int)');
    const config = qualityWorkflow(
      db.url,
      `svc.${db.name}.public.later`,
      [{ name: 'rows', testDefinitionName: 'tableRowCountToEqual', parameterValues: [{ name: 'value', value: '0' }] }],
      '',
    );
    const server = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
    const result = await runWorkflow(
      loadWorkflowText(
        JSON.stringify({
          ...config,
          sink: { type: 'metadata-rest', config: {} },
          workflowConfig: { loggerLevel: 'ERROR', openMetadataServerConfig: server },
        }),
        'q.yaml',
        {},
      ),
      {
        log: createLogger('ERROR', () => undefined),
      },
    );
    const sink = result.status.steps.at(-1);
    expect(sink?.failures).toEqual([]);
    expect(sink?.warnings.map((w) => w.message)).toEqual([
      `table svc.${db.name}.public.later is not on the server (run the metadata workflow first)`,
      `test case svc.${db.name}.public.later.rows not sent: table svc.${db.name}.public.later is not on the server (run the metadata workflow first)`,
      `result of svc.${db.name}.public.later.rows not sent: test case svc.${db.name}.public.later.rows not sent: table svc.${db.name}.public.later is not on the server (run the metadata workflow first)`,
    ]);
  });

  it("tests the rows the table's stored profiler settings choose (profileQuery, partitioning)", async () => {
    const orders = om.get('table', table);
    const setConfig = (body: unknown) =>
      fetch(`${om.baseUrl}/v1/tables/${String(orders?.id)}/tableProfilerConfig`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const count = { name: 'stored_rows', testDefinitionName: 'tableRowCountToBeBetween', parameterValues: [{ name: 'minValue', value: '0' }] };
    const rowCount = () => om.testCase(`${table}.stored_rows`)?.results.at(-1)?.testResultValue;
    expect((await setConfig({ profileQuery: 'select * from orders where id <= 5' })).status).toBe(200);
    expect((await run([count])).exitCode).toBe(0);
    expect(rowCount()).toEqual([{ name: 'rowCount', value: '5' }]);
    expect(
      (
        await setConfig({
          partitioning: {
            enablePartitioning: true,
            partitionColumnName: 'id',
            partitionIntervalType: 'INTEGER-RANGE',
            partitionIntegerRangeStart: 3,
            partitionIntegerRangeEnd: 10,
          },
        })
      ).status,
    ).toBe(200);
    expect((await run([count])).exitCode).toBe(0);
    expect(rowCount()).toEqual([{ name: 'rowCount', value: '8' }]);
  });
});
