import type { LoadedWorkflow } from '../config/load-workflow.js';
import type { Logger } from '../util/logger.js';
import type { Sink } from '../workflow/steps.js';
import { FileSink } from './file-sink.js';
import { MetadataRestSink } from './metadata-rest-sink.js';

/** Per-request timeout (connecting included) when `sink.config.timeoutSeconds` does not say. */
export const DEFAULT_REST_TIMEOUT_SECONDS = 60;

/** Parallel requests to OpenMetadata when `sink.config.concurrency` does not say. */
export const DEFAULT_REST_CONCURRENCY = 8;

/** The sink a workflow's `sink` section names (validation has checked the type and its config). */
export function createSink(loaded: LoadedWorkflow, log: Logger): Sink {
  const sink = loaded.config.sink;
  if (sink?.type === 'file') return new FileSink(String(sink.config?.filename));
  return createRestSink(loaded, log);
}

/** The metadata-rest sink for a workflow's server, whatever its `sink` section says (what push uses). */
export function createRestSink(loaded: LoadedWorkflow, log: Logger): MetadataRestSink {
  const sink = loaded.config.sink;
  const concurrency = Number(sink?.config?.concurrency ?? DEFAULT_REST_CONCURRENCY);
  return new MetadataRestSink({
    config: loaded.config,
    serviceConnection: loaded.asWritten.source.serviceConnection?.config,
    log,
    concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : DEFAULT_REST_CONCURRENCY,
    timeoutMs: positiveOr(Number(sink?.config?.timeoutSeconds), DEFAULT_REST_TIMEOUT_SECONDS) * 1000,
  });
}

function positiveOr(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
