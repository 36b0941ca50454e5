import { randomUUID } from 'node:crypto';
import type { WorkflowConfig } from '../config/types.js';
import { kindOf } from '../config/workflow-kind.js';
import { redact } from '../util/redact.js';
import type { WorkflowStatus } from '../workflow/workflow-status.js';
import { OpenMetadataApiError } from './api-errors.js';
import type { OpenMetadataClient } from './openmetadata-client.js';

/** OpenMetadata's pipelineType per workflow kind. */
const PIPELINE_TYPES = { metadata: 'metadata', usage: 'usage', lineage: 'lineage', profiler: 'profiler', testSuite: 'TestSuite', dbt: 'dbt' } as const;

const encode = (fqn: string) => encodeURIComponent(fqn);

/**
 * Reports a run's state to the IngestionPipeline named by `ingestionPipelineFQN` (creating the pipeline when the
 * service exists and it does not), as OpenMetadata's own workflows do: `running` at the start, then `success`,
 * `partialSuccess` or `failed` with a summary per step.
 */
export class PipelineStatusReporter {
  readonly runId: string;
  private readonly startDate = Date.now();

  constructor(
    private readonly client: OpenMetadataClient,
    private readonly config: WorkflowConfig,
    private readonly pipelineFqn: string,
  ) {
    this.runId = config.pipelineRunId ?? randomUUID();
  }

  private get statusPath(): string {
    return `services/ingestionPipelines/${encode(this.pipelineFqn)}/pipelineStatus`;
  }

  private async ensurePipeline(): Promise<void> {
    if (await this.client.getByName('services/ingestionPipelines', this.pipelineFqn)) return;
    const service = await this.client.getByName('services/databaseServices', this.config.source.serviceName);
    if (!service) throw new Error(`ingestion pipeline ${this.pipelineFqn} does not exist and neither does service ${this.config.source.serviceName}`);
    const kind = kindOf(this.config.source.sourceConfig.config.type)?.kind ?? 'metadata';
    await this.client.put('services/ingestionPipelines', {
      name: this.pipelineFqn.split('.').pop(),
      pipelineType: PIPELINE_TYPES[kind],
      service: { id: service.id, type: 'databaseService' },
      sourceConfig: { config: this.config.source.sourceConfig.config },
      airflowConfig: {},
    });
  }

  async start(): Promise<void> {
    await this.ensurePipeline();
    await this.client.put(this.statusPath, { runId: this.runId, pipelineState: 'running', startDate: this.startDate, timestamp: this.startDate });
  }

  async finish(status: WorkflowStatus): Promise<void> {
    const body = {
      runId: this.runId,
      pipelineState: status.state,
      startDate: this.startDate,
      timestamp: this.startDate,
      endDate: Date.now(),
      status: status.steps.map((step) => {
        const summary = step.summary(10);
        return { ...summary, failures: summary.failures.map((f) => ({ name: redact(f.name), error: redact(f.error), stackTrace: f.stackTrace ? redact(f.stackTrace) : undefined })) };
      }),
    };
    await this.client.put(this.statusPath, body);
  }

  close(): void {
    this.client.close();
  }
}

export function isApiError(error: unknown): error is OpenMetadataApiError {
  return error instanceof OpenMetadataApiError;
}
