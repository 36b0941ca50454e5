// Corpus cases for ingestion pipelines and the run statuses the workflow reports at the start and end of a run.
import { randomUUID } from 'node:crypto';
import type { Case } from './corpus-case.js';

const runId = randomUUID();

export const PIPELINE_CASES: Case[] = [
  {
    label: 'metadata ingestion pipeline',
    path: 'services/ingestionPipelines',
    schema: 'api/services/ingestionPipelines/createIngestionPipeline.json',
    body: (ids) => ({
      name: 'corpus_metadata',
      pipelineType: 'metadata',
      service: { id: ids.service, type: 'databaseService' },
      sourceConfig: {
        config: {
          type: 'DatabaseMetadata',
          markDeletedTables: true,
          includeViews: true,
          schemaFilterPattern: { includes: ['^sales'], excludes: [] },
        },
      },
      airflowConfig: { scheduleInterval: '0 3 * * *', startDate: '2024-01-01T00:00:00Z', retries: 2 },
      loggerLevel: 'DEBUG',
    }),
    verdict: 'both',
  },
  {
    label: 'usage ingestion pipeline',
    path: 'services/ingestionPipelines',
    schema: 'api/services/ingestionPipelines/createIngestionPipeline.json',
    body: (ids) => ({
      name: 'corpus_usage',
      pipelineType: 'usage',
      service: { id: ids.service, type: 'databaseService' },
      sourceConfig: { config: { type: 'DatabaseUsage', queryLogDuration: 1, resultLimit: 1000 } },
      airflowConfig: {},
    }),
    verdict: 'both',
  },
  {
    label: 'pipeline with a misspelled sourceConfig key',
    path: 'services/ingestionPipelines',
    schema: 'api/services/ingestionPipelines/createIngestionPipeline.json',
    body: (ids) => ({
      name: 'bad_pipeline',
      pipelineType: 'metadata',
      service: { id: ids.service, type: 'databaseService' },
      sourceConfig: { config: { type: 'DatabaseMetadata', markDeletedTablez: true } },
      airflowConfig: {},
    }),
    verdict: 'neither',
  },
  {
    label: 'pipeline with an unknown airflowConfig key',
    path: 'services/ingestionPipelines',
    schema: 'api/services/ingestionPipelines/createIngestionPipeline.json',
    body: (ids) => ({
      name: 'bad_pipeline',
      pipelineType: 'metadata',
      service: { id: ids.service, type: 'databaseService' },
      sourceConfig: { config: { type: 'DatabaseMetadata' } },
      airflowConfig: { schedule: '@daily' },
    }),
    verdict: 'neither',
  },
  {
    label: 'pipeline status at start',
    path: 'services/ingestionPipelines/corpus_svc.corpus_metadata/pipelineStatus',
    schema: 'entity/services/ingestionPipelines/ingestionPipeline.json#/definitions/pipelineStatus',
    body: () => ({ runId, pipelineState: 'running', startDate: 1_716_000_000_000, timestamp: 1_716_000_000_000 }),
    verdict: 'both',
  },
  {
    label: 'pipeline status at the end',
    path: 'services/ingestionPipelines/corpus_svc.corpus_metadata/pipelineStatus',
    schema: 'entity/services/ingestionPipelines/ingestionPipeline.json#/definitions/pipelineStatus',
    body: () => ({
      runId,
      pipelineState: 'partialSuccess',
      startDate: 1_716_000_000_000,
      timestamp: 1_716_000_000_000,
      endDate: 1_716_000_090_000,
      status: [
        {
          name: 'Postgres',
          records: 10,
          updated_records: 0,
          warnings: 0,
          errors: 1,
          filtered: 2,
          failures: [{ name: 'x', error: 'y', stackTrace: 'z' }],
        },
        { name: 'OpenMetadata', records: 9, updated_records: 1, warnings: 0, errors: 0, filtered: 0, failures: [] },
      ],
    }),
    verdict: 'both',
  },
  {
    label: 'pipeline status with an unknown state',
    path: 'services/ingestionPipelines/corpus_svc.corpus_metadata/pipelineStatus',
    schema: 'entity/services/ingestionPipelines/ingestionPipeline.json#/definitions/pipelineStatus',
    body: () => ({ runId, pipelineState: 'done', timestamp: 1 }),
    verdict: 'neither',
  },
  {
    label: 'pipeline status with an unknown step key',
    path: 'services/ingestionPipelines/corpus_svc.corpus_metadata/pipelineStatus',
    schema: 'entity/services/ingestionPipelines/ingestionPipeline.json#/definitions/pipelineStatus',
    body: () => ({ runId, pipelineState: 'failed', timestamp: 1, status: [{ name: 'Postgres', skipped: 1 }] }),
    verdict: 'neither',
  },
];
