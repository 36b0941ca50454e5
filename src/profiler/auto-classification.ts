import type { DatabaseAutoClassificationPipelineConfig, DatabaseProfilerPipelineConfig, WorkflowConfig } from '../config/types.js';

/**
 * An AutoClassification workflow as the profiler runs it: the same tables (filters, views), no metric computed and no
 * table profile sent, sample rows read for classification (and sent with storeSampleData), PII tags with
 * enableAutoClassification. Any other workflow is returned as it is.
 */
export function asProfilerWorkflow(config: WorkflowConfig): WorkflowConfig {
  const pipeline = config.source.sourceConfig.config;
  if (pipeline.type !== 'AutoClassification') return config;
  const auto = pipeline as DatabaseAutoClassificationPipelineConfig;
  const profiler: DatabaseProfilerPipelineConfig = {
    type: 'Profiler',
    ...(auto.databaseFilterPattern ? { databaseFilterPattern: auto.databaseFilterPattern } : {}),
    ...(auto.schemaFilterPattern ? { schemaFilterPattern: auto.schemaFilterPattern } : {}),
    ...(auto.tableFilterPattern ? { tableFilterPattern: auto.tableFilterPattern } : {}),
    includeViews: auto.includeViews !== false,
    useFqnForFiltering: auto.useFqnForFiltering === true,
    computeMetrics: false,
    generateSampleData: auto.storeSampleData === true,
    processPiiSensitive: auto.enableAutoClassification !== false,
    confidence: auto.confidence ?? 80,
    sampleDataCount: auto.sampleDataCount ?? 50,
    classificationOnly: auto.classificationFilterPattern ? { classificationFilterPattern: auto.classificationFilterPattern } : {},
  };
  return { ...config, source: { ...config.source, sourceConfig: { ...config.source.sourceConfig, config: profiler } } };
}
