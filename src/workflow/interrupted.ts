import { constants } from 'node:os';

/**
 * The run was stopped by a signal (Airflow's SIGTERM when a task is cleared or times out, Ctrl-C). The exit code is
 * the shell's convention, 128 + the signal's number: 143 for SIGTERM, 130 for SIGINT.
 */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  readonly exitCode: number;

  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.exitCode = 128 + (constants.signals[signal] ?? 0);
  }
}

/** A promise that rejects with the signal's reason once it is aborted, and otherwise never settles. */
export function rejectOnAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (!signal) return;
    const fail = () => reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
