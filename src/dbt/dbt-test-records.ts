import { testCaseFqn } from '../quality/test-case-fqn.js';
import type { SourceEvent } from '../workflow/records.js';
import { relationFqn } from './data-model.js';
import type { DbtRelationNode, DbtTestNode } from './dbt-nodes.js';
import { buildTestCase, buildTestDefinition, buildTestResult, buildTestSuite, definitionName, testedRelation } from './dbt-tests.js';
import type { RunResults } from './run-results.js';

interface TestContext {
  byId: ReadonlyMap<string, DbtRelationNode>;
  /** Relations the filters keep: a test of any other is left out with it. */
  kept: ReadonlySet<string>;
  runResults: RunResults;
  service: string;
}

/**
 * dbt's tests as OpenMetadata test cases, sent when run_results says how they went (as OpenMetadata does): a
 * definition per distinct dbt test, the tested table's suite, the case, and its result when the run has one.
 */
export function* testRecords(tests: readonly DbtTestNode[], context: TestContext): Generator<SourceEvent> {
  const definitions = new Set<string>();
  const suites = new Set<string>();
  const fallbackTime = context.runResults.generatedAt ? Date.parse(context.runResults.generatedAt) : Date.now();
  for (const test of tests) {
    const relation = testedRelation(test, context.byId);
    if (!relation) {
      yield { kind: 'warning', name: test.uniqueId, message: 'the test names no model, seed, snapshot or source of the manifest; not ingested' };
      continue;
    }
    if (!context.kept.has(relation.uniqueId)) continue;
    const tableFqn = relationFqn(context.service, relation);
    const definition = definitionName(test);
    if (!definitions.has(definition)) {
      definitions.add(definition);
      yield { kind: 'record', record: { type: 'createTestDefinition', data: buildTestDefinition(test), entityName: definition } };
    }
    if (!suites.has(tableFqn)) {
      suites.add(tableFqn);
      const suite = buildTestSuite(tableFqn);
      yield { kind: 'record', record: { type: 'createTestSuite', data: suite, entityName: suite.name } };
    }
    const fqn = testCaseFqn(tableFqn, test.columnName, test.name);
    yield { kind: 'record', record: { type: 'createTestCase', data: buildTestCase(test, tableFqn), entityName: fqn } };
    const result = context.runResults.results.get(test.uniqueId);
    if (result)
      yield { kind: 'record', record: { type: 'testCaseResult', data: buildTestResult(test, tableFqn, result, fallbackTime), entityName: fqn } };
  }
}
