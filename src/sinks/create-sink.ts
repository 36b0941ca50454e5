import { ConfigError } from '../config/config-error.js';
import type { StepConfig } from '../config/types.js';
import type { Sink } from '../workflow/steps.js';
import { FileSink } from './file-sink.js';

/** The sink a workflow's `sink` section names. */
export function createSink(file: string, sink: StepConfig | undefined): Sink {
  if (sink?.type === 'file') return new FileSink(String(sink.config?.filename));
  throw new ConfigError(file, [
    { path: 'sink.type', message: `sink '${sink?.type ?? '(none)'}' is not available in this version of om-worker; use 'file'` },
  ]);
}
