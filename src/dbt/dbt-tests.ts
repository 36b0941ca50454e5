import type { CreateTestCaseData, CreateTestSuiteData, TestCaseResultData } from '../quality/quality-records.js';
import { entityLink, testCaseFqn } from '../quality/test-case-fqn.js';
import type { TestCaseResultBody } from '../quality/test-result.js';
import type { DbtRelationNode, DbtTestNode } from './dbt-nodes.js';
import type { NodeResult } from './run-results.js';

/** OpenMetadata's CreateTestDefinition for a dbt test: defined by dbt, so its platform is DBT. */
export interface CreateTestDefinitionData {
  name: string;
  displayName: string;
  description: string;
  entityType: 'TABLE' | 'COLUMN';
  testPlatforms: ['DBT'];
  parameterDefinition: Array<{ name: string; displayName: string; required: false }>;
}

/** kwargs that say what is tested, not how: they are the entity link, not parameters. */
const TARGET_KWARGS = new Set(['model', 'column_name']);

const REF = /\bref\(\s*['"]([^'"]+)['"](?:\s*,\s*['"]([^'"]+)['"])?\s*\)/;
const SOURCE = /\bsource\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/;

/**
 * The relation a test is attached to: dbt names it (attached_node, v9 on); before that, the `model` kwarg's ref or
 * source among the test's parents (a relationships test depends on two models, and only one is tested); a singular
 * test's first parent.
 */
export function testedRelation(test: DbtTestNode, byId: ReadonlyMap<string, DbtRelationNode>): DbtRelationNode | undefined {
  if (test.attachedNode) return byId.get(test.attachedNode);
  const parents = test.dependsOn.map((id) => byId.get(id)).filter((node): node is DbtRelationNode => node !== undefined);
  const model = typeof test.kwargs.model === 'string' ? test.kwargs.model : '';
  const ref = REF.exec(model);
  const source = SOURCE.exec(model);
  const named = ref
    ? parents.find((p) => p.resourceType !== 'source' && p.name === (ref[2] ?? ref[1]))
    : source
      ? parents.find((p) => p.resourceType === 'source' && p.uniqueId.endsWith(`.${source[1]}.${source[2]}`))
      : undefined;
  return named ?? parents[0];
}

/** A parameter's value as OpenMetadata holds them: text, lists and maps as JSON. */
const parameterText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

/** The test definition's name: the generic test's (`unique`, `accepted_values`), a singular test's own. */
export function definitionName(test: DbtTestNode): string {
  return test.testName ?? test.name;
}

export function buildTestDefinition(test: DbtTestNode): CreateTestDefinitionData {
  const name = definitionName(test);
  const parameters = Object.keys(test.kwargs).filter((key) => !TARGET_KWARGS.has(key));
  return {
    name,
    displayName: name,
    description: test.testName
      ? `dbt ${test.namespace ? `${test.namespace}.` : ''}${test.testName} test`
      : test.description || `dbt singular test ${test.name}`,
    entityType: test.columnName ? 'COLUMN' : 'TABLE',
    testPlatforms: ['DBT'],
    parameterDefinition: parameters.map((parameter) => ({ name: parameter, displayName: parameter, required: false })),
  };
}

export const suiteName = (tableFqn: string): string => `${tableFqn}.testSuite`;

export function buildTestSuite(tableFqn: string): CreateTestSuiteData {
  return {
    name: suiteName(tableFqn),
    displayName: `${tableFqn} Test Suite`,
    description: `Test suite of ${tableFqn}`,
    executableEntityReference: tableFqn,
  };
}

export function buildTestCase(test: DbtTestNode, tableFqn: string): CreateTestCaseData {
  return {
    name: test.name,
    description: test.description || `dbt test ${test.uniqueId}`,
    testDefinition: definitionName(test),
    entityLink: entityLink(tableFqn, test.columnName),
    testSuite: suiteName(tableFqn),
    parameterValues: Object.entries(test.kwargs)
      .filter(([key]) => !TARGET_KWARGS.has(key))
      .map(([name, value]) => ({ name, value: parameterText(value) })),
  };
}

/**
 * dbt's status in OpenMetadata's words. `warn` is Failed (the rows failed the assertion; dbt only lowered the
 * severity), where OpenMetadata calls it Aborted; errors and skipped tests never ran to a verdict and are Aborted.
 */
export function testCaseStatus(status: string): TestCaseResultBody['testCaseStatus'] {
  switch (status.toLowerCase()) {
    case 'pass':
    case 'success':
      return 'Success';
    case 'fail':
    case 'failure':
    case 'warn':
      return 'Failed';
    default:
      return 'Aborted';
  }
}

export function buildTestResult(test: DbtTestNode, tableFqn: string, result: NodeResult, fallbackTime: number): TestCaseResultData {
  const status = testCaseStatus(result.status);
  const completed = result.completedAt ? Date.parse(result.completedAt) : Number.NaN;
  const failures = result.failures !== undefined ? [{ name: 'failures', value: String(result.failures) }] : [];
  const message = result.message ? `${result.status}: ${result.message}` : `dbt test ${result.status}`;
  return {
    testCase: { type: 'testCase', fullyQualifiedName: testCaseFqn(tableFqn, test.columnName, test.name) },
    testCaseResult: {
      timestamp: Number.isFinite(completed) ? completed : fallbackTime,
      testCaseStatus: status,
      result: message,
      testResultValue: failures,
    },
  };
}
