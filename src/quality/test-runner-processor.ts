import type { WorkflowConfig } from '../config/types.js';
import { quoteIdent } from '../postgres/quote.js';
import { messageWithSqlState, QUERY_CANCELED, type SessionQuery, type SourcePool } from '../postgres/source-pool.js';
import { profileQueryProblem } from '../profiler/profile-query-check.js';
import { partitionSpec, sampleSpec } from '../profiler/profile-settings.js';
import { sampleSelect } from '../profiler/sample-source.js';
import { SqlParams } from '../profiler/sql-params.js';
import { loadSqlParser, type SqlParser } from '../usage/sql-parser.js';
import type { Logger } from '../util/logger.js';
import type { OutputRecord, ProcessorEvent } from '../workflow/records.js';
import { StepStatus } from '../workflow/step-status.js';
import type { Processor } from '../workflow/steps.js';
import type { QualityTable } from './quality-records.js';
import type { TestCaseConfig } from './test-case-checks.js';
import { entityLink, testCaseFqn } from './test-case-fqn.js';
import { testDefinition } from './test-definitions.js';
import { AggregateBatch } from './aggregate-batch.js';
import { EVALUATORS, selectList, type TestContext } from './test-evaluators.js';
import { readParameters } from './test-parameters.js';
import { aborted, resultBody, type TestOutcome } from './test-result.js';

/** Definitions whose SQL is only aggregates of the sample: they share one scan of the table. */
const SHAREABLE = new Set([
  'tableRowCountToBeBetween',
  'tableRowCountToEqual',
  'tableRowInsertedCountToBeBetween',
  'columnValuesToBeNotNull',
  'columnValuesToBeBetween',
  'columnValuesToMatchRegex',
  'columnValuesToNotMatchRegex',
  'columnValuesToBeInSet',
  'columnValuesToBeNotInSet',
  'columnValueLengthsToBeBetween',
  'columnValueMaxToBeBetween',
  'columnValueMinToBeBetween',
  'columnValueMeanToBeBetween',
  'columnValueMedianToBeBetween',
  'columnValueStdDevToBeBetween',
  'columnValuesSumToBeBetween',
  'columnValuesMissingCount',
]);

/** Each test statement's time limit. */
const TEST_TIMEOUT_MS = 5 * 60 * 1000;

interface TestSuitePipelineConfig {
  profileSample?: number | null;
  profileSampleType?: 'PERCENTAGE' | 'ROWS';
  samplingMethodType?: 'BERNOULLI' | 'SYSTEM';
}

/**
 * OpenMetadata's orm-test-runner processor: the table's suite and test cases, then each test run on the table's
 * sample in one read-only REPEATABLE READ transaction (each test behind a savepoint, with a statement timeout), its
 * result as OpenMetadata's TestCaseResult. Whatever a test's SQL tries, nothing is written: it is Aborted instead.
 */
export class TestRunnerProcessor implements Processor {
  readonly status = new StepStatus('Test Suite Runner');
  private parser?: SqlParser;
  private readonly pipeline: TestSuitePipelineConfig;

  constructor(
    config: WorkflowConfig,
    private readonly pool: () => SourcePool,
    private readonly log: Logger,
  ) {
    this.pipeline = config.source.sourceConfig.config as TestSuitePipelineConfig;
  }

  async prepare(): Promise<void> {
    this.parser = await loadSqlParser();
  }

  async *process(record: OutputRecord): AsyncGenerator<ProcessorEvent> {
    if (record.type !== 'qualityTable') {
      yield { kind: 'record', record };
      return;
    }
    const table = record.data;
    const suite = `${table.fqn}.testSuite`;
    yield {
      kind: 'record',
      record: {
        type: 'createTestSuite',
        data: {
          name: suite,
          displayName: `${table.fqn} Test Suite`,
          description: `Test suite of ${table.fqn}`,
          executableEntityReference: table.fqn,
        },
        entityName: suite,
      },
    };
    for (const testCase of table.testCases) {
      yield {
        kind: 'record',
        record: {
          type: 'createTestCase',
          data: {
            name: testCase.name,
            ...(testCase.displayName ? { displayName: testCase.displayName } : {}),
            ...(testCase.description ? { description: testCase.description } : {}),
            testDefinition: testCase.testDefinitionName,
            entityLink: entityLink(table.fqn, testCase.columnName),
            testSuite: suite,
            parameterValues: (testCase.parameterValues ?? []).map(({ name, value }) => ({
              name,
              value: value === undefined || value === null ? '' : String(value),
            })),
            computePassedFailedRowCount: testCase.computePassedFailedRowCount === true,
          },
          entityName: testCaseFqn(table.fqn, testCase.columnName, testCase.name),
        },
      };
    }
    const results = await this.runAll(table);
    for (const [testCase, outcome, totalRows] of results) {
      const fqn = testCaseFqn(table.fqn, testCase.columnName, testCase.name);
      const body = resultBody(outcome, Date.now(), testCase.computePassedFailedRowCount ? totalRows : undefined);
      if (outcome.status === 'Aborted') yield { kind: 'warning', name: fqn, message: `aborted: ${outcome.message}` };
      this.log.info(`${fqn}: ${outcome.status} (${outcome.message})`);
      yield {
        kind: 'record',
        record: { type: 'testCaseResult', data: { testCase: { type: 'testCase', fullyQualifiedName: fqn }, testCaseResult: body }, entityName: fqn },
      };
    }
  }

  private async runAll(table: QualityTable): Promise<Array<[TestCaseConfig, TestOutcome, number | undefined]>> {
    const pool = this.pool();
    // The rows tested: the sourceConfig's sample, else the table's stored one; profileQuery and partitioning are the
    // table's stored settings (OpenMetadata's tableProfilerConfig), as the profiler takes them.
    const stored = table.storedConfig;
    const profileQuery = stored?.profileQuery || undefined;
    const problem = profileQuery ? profileQueryProblem(this.parser as SqlParser, profileQuery) : undefined;
    if (problem) return table.testCases.map((testCase) => [testCase, aborted(`the table's ${problem}`), undefined]);
    const sourceSample = this.pipeline.profileSample ?? undefined;
    const sample = sampleSpec(
      {
        profileSample: sourceSample ?? stored?.profileSample ?? undefined,
        profileSampleType: (sourceSample !== undefined ? this.pipeline.profileSampleType : stored?.profileSampleType) ?? 'PERCENTAGE',
        profileQuery,
        sampleDataCount: 0,
        excludeColumns: [],
      },
      {
        method: this.pipeline.samplingMethodType ?? 'BERNOULLI',
        seed: Math.floor(Math.random() * 2 ** 31),
        estimatedRows: table.estimatedRows,
        sampleable: ['r', 'p', 'm'].includes(table.kind),
      },
    );
    const partitioning = stored?.partitioning?.enablePartitioning && !profileQuery ? partitionSpec(stored.partitioning) : undefined;
    if (typeof partitioning === 'string') return table.testCases.map((testCase) => [testCase, aborted(`the table's ${partitioning}`), undefined]);
    const columns = table.columns.map((c) => c.name);
    const from = (params: SqlParams) =>
      `(${sampleSelect({ schema: table.schema, table: table.name, columns, sample, partition: partitioning }, params)}) AS sample`;
    return pool.session(async (query) => {
      await query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await query(`SET LOCAL statement_timeout = ${TEST_TIMEOUT_MS}`);
      // Custom SQL names tables as a session on the table's schema (then public) would; pg_catalog still comes first.
      await query(`SET LOCAL search_path = ${quoteIdent(table.schema)}, public`);
      let totalRows: number | undefined;
      if (table.testCases.some((t) => t.computePassedFailedRowCount)) {
        // The rows passed and failed rows are shares of: the sample's, counted once for every test.
        const params = new SqlParams();
        totalRows = Number((await query<{ n: string }>(`SELECT count(*) AS n FROM ${from(params)}`, params.values))[0]?.n ?? 0);
      }
      const outcomes = new Map<TestCaseConfig, TestOutcome>();
      // One snapshot for the whole table: the same statement answers the same, so two tests asking it run it once.
      const answered = new Map<string, Promise<Array<Record<string, unknown>>>>();
      const remembered: SessionQuery = (<R extends Record<string, unknown>>(text: string, params: unknown[] = []) => {
        const key = `${text}\u0000${JSON.stringify(params)}`;
        let answer = answered.get(key);
        if (!answer) answered.set(key, (answer = query<R>(text, params)));
        return answer as Promise<R[]>;
      }) as SessionQuery;
      // Tests that need only aggregates of the sample share one scan; the rest run one after the other.
      const batch = new AggregateBatch();
      const shared = table.testCases
        .filter((testCase) => SHAREABLE.has(testCase.testDefinitionName))
        .map((testCase) => this.runOne(query, table, testCase, from, batch.request).then((outcome) => outcomes.set(testCase, outcome)));
      // Every shared test asks for its aggregates before it first awaits: one turn of the event loop collects them.
      await new Promise((resolve) => setImmediate(resolve));
      if (batch.size > 0) this.log.debug(`${table.fqn}: ${batch.size} tests share one scan of the sample`);
      await batch.execute(from, (text, params) => this.isolated(query, text, params));
      await Promise.all(shared);
      for (const testCase of table.testCases) {
        if (!outcomes.has(testCase)) outcomes.set(testCase, await this.runOne(query, table, testCase, from, undefined, remembered));
      }
      return table.testCases.map((testCase): [TestCaseConfig, TestOutcome, number | undefined] => [
        testCase,
        outcomes.get(testCase) as TestOutcome,
        totalRows,
      ]);
    });
  }

  /** One statement behind a savepoint: its failure leaves the transaction usable. */
  private async isolated(query: SessionQuery, text: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
    await query('SAVEPOINT shared_scan');
    try {
      const rows = await query<Record<string, unknown>>(text, params);
      await query('RELEASE SAVEPOINT shared_scan');
      return rows;
    } catch (error) {
      await query('ROLLBACK TO SAVEPOINT shared_scan');
      throw error;
    }
  }

  /** A test on its own session turn, or (with `sharedAggregate`) one whose aggregates a shared scan computes. */
  private async runOne(
    query: SessionQuery,
    table: QualityTable,
    testCase: TestCaseConfig,
    from: (params: SqlParams) => string,
    sharedAggregate?: TestContext['aggregate'],
    run: SessionQuery = query,
  ): Promise<TestOutcome> {
    const definition = testDefinition(testCase.testDefinitionName);
    const evaluate = EVALUATORS[testCase.testDefinitionName];
    if (!definition || !evaluate) return aborted(`om-worker does not run ${testCase.testDefinitionName}`);
    if (testCase.columnName && !table.columns.some((c) => c.name === testCase.columnName)) {
      return aborted(`column ${testCase.columnName} is not a column of ${table.fqn}`);
    }
    const { parameters } = readParameters(definition, testCase.parameterValues ?? []);
    const context: TestContext = {
      from,
      columns: table.columns.map((c) => c.name),
      table: { database: table.database, schema: table.schema, name: table.name },
      column: testCase.columnName,
      columnType: table.columns.find((c) => c.name === testCase.columnName)?.dataType,
      parameters,
      run: (text, params) => run(text, params),
      aggregate:
        sharedAggregate ??
        (async (build) => {
          const params = new SqlParams();
          const items = build(params);
          const [row = {}] = await query<Record<string, unknown>>(`SELECT ${selectList(items)} FROM ${from(params)}`, params.values);
          return row;
        }),
      customSqlProblem: (sql) => profileQueryProblem(this.parser as SqlParser, sql, 'sqlExpression'),
      // A condition is safe where `SELECT 1 WHERE <condition>` is one plain SELECT.
      filterProblem: (condition) => profileQueryProblem(this.parser as SqlParser, `SELECT 1 WHERE ${condition}`, 'where'),
    };
    // A savepoint per test: one that fails leaves the transaction usable for the next. (A shared scan has its own.)
    if (!sharedAggregate) await query('SAVEPOINT test_case');
    try {
      const outcome = await evaluate(context);
      if (!sharedAggregate) await query('RELEASE SAVEPOINT test_case');
      return outcome;
    } catch (error) {
      if (!sharedAggregate) await query('ROLLBACK TO SAVEPOINT test_case');
      const err = error as Error & { code?: string };
      if (err.code === QUERY_CANCELED) return aborted(`the test ran out of its ${TEST_TIMEOUT_MS / 1000} s`);
      return aborted(messageWithSqlState(err));
    }
  }
}
