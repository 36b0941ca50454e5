import type { TableProfilerSettings } from '../config/types.js';
import type { TestCaseResultBody } from './test-result.js';
import type { TestCaseConfig } from './test-case-checks.js';

/** OpenMetadata's CreateTestSuite for a table's own (executable) suite, the table by FQN. */
export interface CreateTestSuiteData {
  name: string;
  displayName: string;
  description: string;
  executableEntityReference: string;
}

/** OpenMetadata's CreateTestCase. */
export interface CreateTestCaseData {
  name: string;
  displayName?: string;
  description?: string;
  testDefinition: string;
  entityLink: string;
  testSuite: string;
  parameterValues: Array<{ name: string; value: string }>;
  computePassedFailedRowCount?: boolean;
}

/** A test case's result, the case by FQN. */
export interface TestCaseResultData {
  testCase: { type: 'testCase'; fullyQualifiedName: string };
  testCaseResult: TestCaseResultBody;
}

/** The table a test suite runs on, as the catalog has it, with the test cases to run. */
export interface QualityTable {
  fqn: string;
  database: string;
  schema: string;
  name: string;
  kind: string;
  columns: Array<{ name: string; dataType: string }>;
  estimatedRows: number;
  testCases: TestCaseConfig[];
  /** The table's tableProfilerConfig on the server (metadata-rest runs): its sample, profileQuery, partitioning. */
  storedConfig?: TableProfilerSettings;
}
