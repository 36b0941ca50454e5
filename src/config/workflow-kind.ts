/** The six workflows omgen runs, keyed by OpenMetadata's sourceConfig `type`. */
export type WorkflowKind = 'metadata' | 'usage' | 'lineage' | 'profiler' | 'testSuite' | 'dbt';

interface KindInfo {
  kind: WorkflowKind;
  /** Source types (lower-cased, as OpenMetadata looks them up) that go with this pipeline type. */
  sourceTypes: readonly string[];
  /** Task id OpenMetadata's own DAGs use for this workflow. */
  taskId: string;
}

export const PIPELINE_KINDS: Readonly<Record<string, KindInfo>> = {
  DatabaseMetadata: { kind: 'metadata', sourceTypes: ['postgres'], taskId: 'ingestion_task' },
  DatabaseUsage: { kind: 'usage', sourceTypes: ['postgres-usage', 'query-log-usage'], taskId: 'usage_task' },
  DatabaseLineage: { kind: 'lineage', sourceTypes: ['postgres-lineage', 'query-log-lineage'], taskId: 'lineage_task' },
  Profiler: { kind: 'profiler', sourceTypes: ['postgres'], taskId: 'profiler_task' },
  TestSuite: { kind: 'testSuite', sourceTypes: ['testsuite', 'postgres'], taskId: 'test_suite_task' },
  DBT: { kind: 'dbt', sourceTypes: ['dbt', 'postgres'], taskId: 'dbt_task' },
};

export const KNOWN_SOURCE_TYPES: readonly string[] = [...new Set(Object.values(PIPELINE_KINDS).flatMap((k) => k.sourceTypes))];

export function kindOf(pipelineType: string): KindInfo | undefined {
  return PIPELINE_KINDS[pipelineType];
}
