import { InterruptedError } from '../workflow/interrupted.js';

/** How long cleanup after a signal may take (removing files, reporting the pipeline failed) before the exit is forced. */
const CLEANUP_GRACE_MS = 20_000;

/**
 * SIGTERM and SIGINT abort the returned signal: the run stops, cleans up and exits with 128 + the signal's number.
 * A second signal, or cleanup that outlasts the grace period, exits at once; temporary files are removed even then
 * (see util/temp-files).
 */
export function watchSignals(onFirst: (signal: NodeJS.Signals) => void = () => undefined): AbortSignal {
  const controller = new AbortController();
  const handle = (signal: NodeJS.Signals) => {
    const reason = new InterruptedError(signal);
    if (controller.signal.aborted) process.exit(reason.exitCode);
    onFirst(signal);
    controller.abort(reason);
    setTimeout(() => process.exit(reason.exitCode), CLEANUP_GRACE_MS).unref();
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
  return controller.signal;
}
