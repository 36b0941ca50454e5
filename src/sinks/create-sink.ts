import type { RunContext } from '../workflow/run-context.js';
import type { Sink } from '../workflow/steps.js';
import { FileSink } from './file-sink.js';
import { MetadataRestSink } from './metadata-rest-sink.js';

/** The sink a workflow's `sink` section names (validation has checked the type and its config). */
export function createSink(context: RunContext): Sink {
  const sink = context.loaded.config.sink;
  if (sink?.type === 'file') return new FileSink(String(sink.config?.filename));
  return createRestSink(context);
}

/** The metadata-rest sink for a workflow's server, whatever its `sink` section says (what push and usage use). */
export function createRestSink(context: RunContext): MetadataRestSink {
  const { loaded, log } = context;
  return new MetadataRestSink({
    config: loaded.config,
    serviceConnection: loaded.asWritten.source.serviceConnection?.config,
    log,
    concurrency: context.concurrency,
    timeoutMs: context.timeoutMs,
    server: context.server,
  });
}
