/** OpenMetadata's TestCaseResult (1.4 fields). */
export interface TestCaseResultBody {
  timestamp: number;
  testCaseStatus: 'Success' | 'Failed' | 'Aborted';
  result: string;
  testResultValue: Array<{ name: string; value: string }>;
  passedRows?: number;
  failedRows?: number;
  passedRowsPercentage?: number;
  failedRowsPercentage?: number;
}

/** What one test found, before it is dated and its row counts turned into percentages. */
export interface TestOutcome {
  status: TestCaseResultBody['testCaseStatus'];
  message: string;
  values: Array<[string, number | string | boolean | null | undefined]>;
  /** Rows that fail the test (with computePassedFailedRowCount). */
  failedRows?: number;
  /** The rows the failed rows are a share of, when not the whole sample (custom SQL's partitionCondition). */
  totalRows?: number;
}

export const aborted = (message: string): TestOutcome => ({ status: 'Aborted', message, values: [] });

/** A number as a result value: integers as they are, others to the digits they need. */
export function valueText(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  return typeof value === 'boolean' ? (value ? 'True' : 'False') : value;
}

export function resultBody(outcome: TestOutcome, timestamp: number, totalRows: number | undefined): TestCaseResultBody {
  const body: TestCaseResultBody = {
    timestamp,
    testCaseStatus: outcome.status,
    result: outcome.message,
    testResultValue: outcome.values.map(([name, value]) => ({ name, value: valueText(value) })),
  };
  if (outcome.totalRows !== undefined && totalRows !== undefined) totalRows = outcome.totalRows;
  if (outcome.failedRows !== undefined && totalRows !== undefined) {
    const failed = Math.min(outcome.failedRows, totalRows);
    body.failedRows = failed;
    body.passedRows = totalRows - failed;
    body.failedRowsPercentage = totalRows === 0 ? 0 : (failed / totalRows) * 100;
    body.passedRowsPercentage = totalRows === 0 ? 100 : ((totalRows - failed) / totalRows) * 100;
  }
  return body;
}
