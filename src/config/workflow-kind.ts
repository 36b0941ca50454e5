/** The six kinds of workflow omgen runs (an AutoClassification workflow is the profiler's), keyed by OpenMetadata's sourceConfig `type`. */
export type WorkflowKind = 'metadata' | 'usage' | 'lineage' | 'profiler' | 'testSuite' | 'dbt';

interface KindInfo {
  kind: WorkflowKind;
  /** Source types (lower-cased, as OpenMetadata looks them up) that go with this pipeline type. */
  sourceTypes: readonly string[];
  /** Task id OpenMetadata's own DAGs use for this workflow. */
  taskId: string;
  /** What a generated DAG's default id ends in, when not the kind (two types of one kind need two DAGs). */
  dagSuffix?: string;
  /** Whether this version of om-worker carries the workflow out (every kind validates, and gets a DAG with --force). */
  runnable: boolean;
  /** The IngestionPipeline's pipelineType on the server. */
  serverPipelineType: string;
  /** The final step: a sink of one of these types, or OpenMetadata's bulk sink (usage, through its stage). */
  output: { step: 'sink'; types: readonly string[] } | { step: 'bulkSink'; types: readonly string[] };
}

/** The sinks every kind but usage writes to. */
export const SINK_TYPES = ['metadata-rest', 'file'] as const;
const SINKS = { step: 'sink', types: SINK_TYPES } as const;

export const PIPELINE_KINDS: Readonly<Record<string, KindInfo>> = {
  DatabaseMetadata: {
    kind: 'metadata',
    sourceTypes: ['postgres'],
    taskId: 'ingestion_task',
    runnable: true,
    serverPipelineType: 'metadata',
    output: SINKS,
  },
  DatabaseUsage: {
    kind: 'usage',
    sourceTypes: ['postgres-usage', 'query-log-usage'],
    taskId: 'usage_task',
    runnable: true,
    serverPipelineType: 'usage',
    output: { step: 'bulkSink', types: ['metadata-usage'] },
  },
  DatabaseLineage: {
    kind: 'lineage',
    sourceTypes: ['postgres-lineage', 'query-log-lineage'],
    taskId: 'lineage_task',
    runnable: true,
    serverPipelineType: 'lineage',
    output: SINKS,
  },
  Profiler: { kind: 'profiler', sourceTypes: ['postgres'], taskId: 'profiler_task', runnable: true, serverPipelineType: 'profiler', output: SINKS },
  // OpenMetadata 1.7 moved PII tagging and sample data out of the profiler into this workflow: omgen's profiler runs it.
  AutoClassification: {
    kind: 'profiler',
    sourceTypes: ['postgres'],
    taskId: 'auto_classification_task',
    dagSuffix: 'autoClassification',
    runnable: true,
    serverPipelineType: 'autoClassification',
    output: SINKS,
  },
  TestSuite: {
    kind: 'testSuite',
    sourceTypes: ['testsuite', 'postgres'],
    taskId: 'test_suite_task',
    runnable: true,
    serverPipelineType: 'TestSuite',
    output: SINKS,
  },
  DBT: { kind: 'dbt', sourceTypes: ['dbt', 'postgres'], taskId: 'dbt_task', runnable: true, serverPipelineType: 'dbt', output: SINKS },
};

export const KNOWN_SOURCE_TYPES: readonly string[] = [...new Set(Object.values(PIPELINE_KINDS).flatMap((k) => k.sourceTypes))];

export function kindOf(pipelineType: string): KindInfo | undefined {
  return PIPELINE_KINDS[pipelineType];
}

/** How a generated DAG names the workflow (its id's end, its tag): the kind, unless its type needs a name of its own. */
export const workflowLabel = (info: KindInfo | undefined): string | undefined => info?.dagSuffix ?? info?.kind;

/**
 * Why this version cannot run the workflow, or undefined when it can. Said by `omgen validate` and `omgen dag` as
 * well as by the worker, so a DAG that could only fail is never written unawares.
 */
export function unsupportedReason(pipelineType: string, version: string): string | undefined {
  const info = kindOf(pipelineType);
  if (!info || info.runnable) return undefined;
  const runnable = Object.entries(PIPELINE_KINDS)
    .filter(([, kind]) => kind.runnable)
    .map(([type]) => type);
  return `om-worker ${version} cannot run the ${pipelineType} workflow yet (it runs ${runnable.join(', ')}); the config is valid and will run unchanged once a release supports it`;
}
