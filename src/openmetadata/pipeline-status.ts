import { randomUUID } from 'node:crypto';
import type { WorkflowConfig } from '../config/types.js';
import { kindOf } from '../config/workflow-kind.js';
import { redact } from '../util/redact.js';
import type { WorkflowStatus } from '../workflow/workflow-status.js';
import { OpenMetadataApiError } from './api-errors.js';
import { splitFqn } from './fqn.js';
import type { OpenMetadataClient } from './openmetadata-client.js';

const encode = (fqn: string) => encodeURIComponent(fqn);

/**
 * Reports a run's state to the IngestionPipeline named by `ingestionPipelineFQN` (creating the pipeline when the
 * service exists and it does not), as OpenMetadata's own workflows do: `running` at the start, then `success`,
 * `partialSuccess` or `failed` with a summary per step. On a first run the service does not exist yet: as in
 * OpenMetadata, there is no `running` then, and the pipeline is created at the end, once the run has made the service.
 */
export class PipelineStatusReporter {
  readonly runId: string;
  private readonly startDate = Date.now();
  private pipelineExists = false;

  /**
   * `sourceConfig` is the pipeline's sourceConfig.config as the user wrote it: with omgen's defaults filled in it
   * would carry keys newer than the server (markDeletedSchemas, ...), which an older server refuses.
   */
  constructor(
    private readonly client: OpenMetadataClient,
    private readonly config: WorkflowConfig,
    private readonly pipelineFqn: string,
    private readonly sourceConfig: object = config.source.sourceConfig.config,
  ) {
    this.runId = config.pipelineRunId ?? randomUUID();
  }

  private get statusPath(): string {
    return `services/ingestionPipelines/${encode(this.pipelineFqn)}/pipelineStatus`;
  }

  /** Whether the pipeline exists, creating it when its service does; false while the service does not exist. */
  private async ensurePipeline(): Promise<boolean> {
    if (this.pipelineExists) return true;
    if (!(await this.client.getByName('services/ingestionPipelines', this.pipelineFqn))) {
      const service = await this.client.getByName('services/databaseServices', this.config.source.serviceName);
      if (!service) return false;
      const pipelineType = kindOf(this.config.source.sourceConfig.config.type)?.serverPipelineType ?? 'metadata';
      await this.client.put('services/ingestionPipelines', {
        name: splitFqn(this.pipelineFqn).pop(),
        pipelineType,
        service: { id: service.id, type: 'databaseService' },
        sourceConfig: { config: this.sourceConfig },
        airflowConfig: {},
      });
    }
    this.pipelineExists = true;
    return true;
  }

  /** Reports `running`; false (and nothing sent) when the service, and so the pipeline, does not exist yet. */
  async start(): Promise<boolean> {
    if (!(await this.ensurePipeline())) return false;
    await this.client.put(this.statusPath, { runId: this.runId, pipelineState: 'running', startDate: this.startDate, timestamp: this.startDate });
    return true;
  }

  async finish(status: WorkflowStatus): Promise<void> {
    if (!(await this.ensurePipeline())) {
      throw new Error(`ingestion pipeline ${this.pipelineFqn} does not exist and neither does service ${this.config.source.serviceName}`);
    }
    const body = {
      runId: this.runId,
      pipelineState: status.state,
      startDate: this.startDate,
      timestamp: this.startDate,
      endDate: Date.now(),
      status: status.steps.map((step) => {
        const summary = step.summary(10);
        return {
          ...summary,
          failures: summary.failures.map((f) => ({
            name: redact(f.name),
            error: redact(f.error),
            stackTrace: f.stackTrace ? redact(f.stackTrace) : undefined,
          })),
        };
      }),
    };
    await this.client.put(this.statusPath, body);
  }
}

export function isApiError(error: unknown): error is OpenMetadataApiError {
  return error instanceof OpenMetadataApiError;
}
