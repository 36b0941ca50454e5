import type { CreateTestCaseData, TestCaseResultData } from '../quality/quality-records.js';
import { entityLink, testCaseFqn } from '../quality/test-case-fqn.js';
import type { TestCaseResultBody } from '../quality/test-result.js';
import type { DbtRelationNode } from './dbt-nodes.js';
import type { CreateTestDefinitionData } from './dbt-tests.js';
import { suiteName } from './dbt-tests.js';
import type { FreshnessResult } from './source-freshness.js';

/** The one definition every source's freshness check is a case of. */
export const FRESHNESS_DEFINITION = 'source_freshness';

export function freshnessDefinition(): CreateTestDefinitionData {
  return {
    name: FRESHNESS_DEFINITION,
    displayName: 'dbt source freshness',
    description: 'The newest row of a dbt source is younger than its warn_after and error_after thresholds (dbt source freshness).',
    entityType: 'TABLE',
    testPlatforms: ['DBT'],
    parameterDefinition: [
      { name: 'warn_after', displayName: 'warn_after', required: false },
      { name: 'error_after', displayName: 'error_after', required: false },
    ],
  };
}

/** The test case of a source's freshness, named as OpenMetadata names it (`<source table>_freshness`). */
export const freshnessCaseName = (source: DbtRelationNode): string => `${source.name}_freshness`;

export function freshnessCase(source: DbtRelationNode, tableFqn: string, result: FreshnessResult): CreateTestCaseData {
  return {
    name: freshnessCaseName(source),
    description: `dbt source freshness of ${source.uniqueId}`,
    testDefinition: FRESHNESS_DEFINITION,
    entityLink: entityLink(tableFqn),
    testSuite: suiteName(tableFqn),
    parameterValues: [
      ...(result.warnAfter ? [{ name: 'warn_after', value: result.warnAfter }] : []),
      ...(result.errorAfter ? [{ name: 'error_after', value: result.errorAfter }] : []),
    ],
  };
}

/**
 * Past warn_after or error_after the data is stale: Failed either way (dbt's warn only lowers the severity). A
 * runtime error (the freshness query failed) reached no verdict: Aborted.
 */
function freshnessStatus(status: string): TestCaseResultBody['testCaseStatus'] {
  if (status === 'pass') return 'Success';
  return status === 'warn' || status === 'error' ? 'Failed' : 'Aborted';
}

export function freshnessResult(source: DbtRelationNode, tableFqn: string, result: FreshnessResult, fallbackTime: number): TestCaseResultData {
  const completed = result.completedAt ? Date.parse(result.completedAt) : Number.NaN;
  const age = result.ageSeconds === undefined ? 'unknown age' : `${(result.ageSeconds / 3600).toFixed(1)} h old`;
  const thresholds = [result.warnAfter && `warn after ${result.warnAfter}`, result.errorAfter && `error after ${result.errorAfter}`].filter(Boolean);
  const message =
    result.status === 'runtime error'
      ? `runtime error: ${result.error ?? 'the freshness query failed'}`
      : `${result.status}: newest row loaded at ${result.maxLoadedAt ?? 'unknown'}, ${age}${thresholds.length > 0 ? ` (${thresholds.join(', ')})` : ''}`;
  return {
    testCase: { type: 'testCase', fullyQualifiedName: testCaseFqn(tableFqn, undefined, freshnessCaseName(source)) },
    testCaseResult: {
      timestamp: Number.isFinite(completed) ? completed : fallbackTime,
      testCaseStatus: freshnessStatus(result.status),
      result: message,
      testResultValue: [
        ...(result.maxLoadedAt ? [{ name: 'maxLoadedAt', value: result.maxLoadedAt }] : []),
        ...(result.ageSeconds !== undefined ? [{ name: 'maxLoadedAtTimeAgoInS', value: String(result.ageSeconds) }] : []),
      ],
    },
  };
}
