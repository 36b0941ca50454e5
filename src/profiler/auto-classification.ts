import type { DatabaseAutoClassificationPipelineConfig, DatabaseProfilerPipelineConfig, WorkflowConfig } from '../config/types.js';

/**
 * An AutoClassification workflow as the profiler runs it: the same tables (filters, views), no metric computed and no
 * table profile sent, sampleDataCount rows read (as OpenMetadata's sampler reads them whether or not it stores them)
 * and sent with storeSampleData, PII tags with enableAutoClassification. Any other workflow is returned as it is.
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
    // Nothing stored and nothing tagged needs no row at all.
    generateSampleData: auto.storeSampleData === true || auto.enableAutoClassification !== false,
    processPiiSensitive: auto.enableAutoClassification !== false,
    confidence: auto.confidence ?? 80,
    sampleDataCount: auto.sampleDataCount ?? 50,
    classificationOnly: {
      storeSampleData: auto.storeSampleData === true,
      ...(auto.classificationFilterPattern ? { classificationFilterPattern: auto.classificationFilterPattern } : {}),
    },
  };
  return { ...config, source: { ...config.source, sourceConfig: { ...config.source.sourceConfig, config: profiler } } };
}
