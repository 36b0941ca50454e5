import type { LoadedWorkflow } from '../config/load-workflow.js';
import { ServerConnection } from '../openmetadata/server-connection.js';
import type { Logger } from '../util/logger.js';

/** Per-request timeout (connecting included) when `sink.config.timeoutSeconds` does not say. */
export const DEFAULT_REST_TIMEOUT_SECONDS = 60;

/** Parallel requests to OpenMetadata when `sink.config.concurrency` does not say. */
export const DEFAULT_REST_CONCURRENCY = 8;

const positiveOr = (value: number, fallback: number): number => (Number.isFinite(value) && value > 0 ? value : fallback);

/** What every step of one run shares: the workflow, the logger, and one lazily connected OpenMetadata client. */
export class RunContext {
  readonly server: ServerConnection;
  /** Requests in flight at once, for the sink's scheduler and the client's sockets alike. */
  readonly concurrency: number;
  /** Per-request timeout, connecting included. */
  readonly timeoutMs: number;

  constructor(
    readonly loaded: LoadedWorkflow,
    readonly log: Logger,
  ) {
    const sink = loaded.config.sink?.config;
    const concurrency = Number(sink?.concurrency ?? DEFAULT_REST_CONCURRENCY);
    this.concurrency = Number.isInteger(concurrency) && concurrency > 0 ? concurrency : DEFAULT_REST_CONCURRENCY;
    this.timeoutMs = positiveOr(Number(sink?.timeoutSeconds), DEFAULT_REST_TIMEOUT_SECONDS) * 1000;
    this.server = new ServerConnection(loaded.config.workflowConfig.openMetadataServerConfig, {
      log,
      concurrency: this.concurrency,
      timeoutMs: this.timeoutMs,
    });
  }

  close(): void {
    this.server.close();
  }
}
