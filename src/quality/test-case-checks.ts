import type { KeyPath } from '../config/key-path.js';
import { suggestion } from '../config/did-you-mean.js';
import { TEST_DEFINITIONS, testDefinition } from './test-definitions.js';
import { readParameters } from './test-parameters.js';

/** A test case of the orm-test-runner processor, as the YAML gives it. */
export interface TestCaseConfig {
  name: string;
  displayName?: string;
  description?: string;
  testDefinitionName: string;
  columnName?: string;
  parameterValues?: Array<{ name: string; value?: unknown }> | null;
  computePassedFailedRowCount?: boolean;
}

const DEFINITION_NAMES = TEST_DEFINITIONS.map((d) => d.name);

/**
 * What is wrong with the test cases before anything runs: an unknown definition, a column test without its column (or
 * a table test with one), a parameter that is unknown, missing or of the wrong type. Each names the test case.
 */
export function testCaseIssues(testCases: readonly TestCaseConfig[] | null | undefined, add: (path: KeyPath, message: string) => void): void {
  const seen = new Set<string>();
  (testCases ?? []).forEach((testCase, i) => {
    const at = (...rest: Array<string | number>): KeyPath => ['processor', 'config', 'testCases', i, ...rest];
    const label = `test case '${testCase.name}'`;
    if (seen.has(testCase.name)) add(at('name'), `${label} is named twice`);
    seen.add(testCase.name);
    const definition = testDefinition(testCase.testDefinitionName);
    if (!definition) {
      add(
        at('testDefinitionName'),
        `${label}: unknown test definition '${testCase.testDefinitionName}'${suggestion(testCase.testDefinitionName, DEFINITION_NAMES)}`,
      );
      return;
    }
    if (definition.entity === 'COLUMN' && !testCase.columnName) add(at(), `${label}: ${definition.name} tests a column, and columnName is missing`);
    if (definition.entity === 'TABLE' && testCase.columnName) add(at('columnName'), `${label}: ${definition.name} tests the table, not a column`);
    const { problems } = readParameters(definition, testCase.parameterValues ?? []);
    for (const problem of problems) add(at('parameterValues'), `${label}: ${problem}`);
  });
}
