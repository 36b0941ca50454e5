import { testCaseFqn } from '../quality/test-case-fqn.js';
import type { OutputRecord, SourceEvent } from '../workflow/records.js';
import { relationFqn } from './data-model.js';
import type { DbtRelationNode, DbtTestNode } from './dbt-nodes.js';
import { buildTestCase, buildTestDefinition, buildTestResult, buildTestSuite, testedRelation, type CreateTestDefinitionData } from './dbt-tests.js';
import { freshnessCase, freshnessDefinition, freshnessResult } from './freshness-tests.js';
import type { RunResults } from './run-results.js';
import type { FreshnessResult } from './source-freshness.js';

interface TestContext {
  byId: ReadonlyMap<string, DbtRelationNode>;
  /** Relations the filters keep: a test of any other is left out with it. */
  kept: ReadonlySet<string>;
  /** run_results.json: dbt's tests are ingested only with it, as OpenMetadata does. */
  runResults?: RunResults;
  /** sources.json: each source's freshness. */
  freshness?: ReadonlyMap<string, FreshnessResult>;
  service: string;
}

/** Definitions and suites are sent once however many cases share them. */
class Once {
  private readonly seen = new Set<string>();

  *definition(data: CreateTestDefinitionData): Generator<SourceEvent> {
    if (this.seen.has(`definition:${data.name}`)) return;
    this.seen.add(`definition:${data.name}`);
    yield { kind: 'record', record: { type: 'createTestDefinition', data, entityName: data.name } };
  }

  *suite(tableFqn: string): Generator<SourceEvent> {
    if (this.seen.has(`suite:${tableFqn}`)) return;
    this.seen.add(`suite:${tableFqn}`);
    const suite = buildTestSuite(tableFqn);
    yield { kind: 'record', record: { type: 'createTestSuite', data: suite, entityName: suite.name } };
  }
}

const record = (value: OutputRecord): SourceEvent => ({ kind: 'record', record: value });

/**
 * dbt's tests as OpenMetadata test cases, when run_results says how they went (as OpenMetadata does): a definition
 * per distinct dbt test, the tested table's suite, the case, and its result when the run has one. With sources.json,
 * each source's freshness is a case of the `source_freshness` definition on the source's table, with its result.
 */
export function* testRecords(tests: readonly DbtTestNode[], context: TestContext): Generator<SourceEvent> {
  const once = new Once();
  const { runResults, freshness } = context;
  if (runResults) {
    const fallbackTime = runResults.generatedAt ? Date.parse(runResults.generatedAt) : Date.now();
    for (const test of tests) {
      const relation = testedRelation(test, context.byId);
      if (!relation) {
        yield { kind: 'warning', name: test.uniqueId, message: 'the test names no model, seed, snapshot or source of the manifest; not ingested' };
        continue;
      }
      if (!context.kept.has(relation.uniqueId)) continue;
      const tableFqn = relationFqn(context.service, relation);
      yield* once.definition(buildTestDefinition(test));
      yield* once.suite(tableFqn);
      const fqn = testCaseFqn(tableFqn, test.columnName, test.name);
      yield record({ type: 'createTestCase', data: buildTestCase(test, tableFqn), entityName: fqn });
      const result = runResults.results.get(test.uniqueId);
      if (result) yield record({ type: 'testCaseResult', data: buildTestResult(test, tableFqn, result, fallbackTime), entityName: fqn });
    }
  }
  for (const result of freshness?.values() ?? []) {
    const source = context.byId.get(result.uniqueId);
    if (!source) {
      yield {
        kind: 'warning',
        name: result.uniqueId,
        message: 'sources.json names a source the manifest does not have; its freshness is not ingested',
      };
      continue;
    }
    if (!context.kept.has(source.uniqueId)) continue;
    const tableFqn = relationFqn(context.service, source);
    yield* once.definition(freshnessDefinition());
    yield* once.suite(tableFqn);
    const data = freshnessCase(source, tableFqn, result);
    const fqn = testCaseFqn(tableFqn, undefined, data.name);
    yield record({ type: 'createTestCase', data, entityName: fqn });
    yield record({ type: 'testCaseResult', data: freshnessResult(source, tableFqn, result, Date.now()), entityName: fqn });
  }
}
