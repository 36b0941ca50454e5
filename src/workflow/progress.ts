import type { Logger } from '../util/logger.js';
import type { WorkflowStatus } from './workflow-status.js';

export interface ProgressOptions {
  /** A terminal: one line, rewritten in place a few times a second. Otherwise (Airflow's logs): a line per step now and then. */
  live: boolean;
  /** How often the plain lines come, when not live. */
  intervalMs: number;
  log: Logger;
  write?: (text: string) => void;
}

const LIVE_EVERY_MS = 250;

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/** The live line: each step's count (of its total, when the source said one), the source's rate and, given a total, an ETA. */
export function progressLine(status: WorkflowStatus, elapsedMs: number): string {
  const [source] = status.steps;
  const parts = status.steps.map(
    (step) => `${step.name} ${step.records.toLocaleString('en-US')}${step.expected ? `/${step.expected.toLocaleString('en-US')}` : ''}`,
  );
  const done = source?.records ?? 0;
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const eta = source?.expected && rate > 0 && done < source.expected ? ` · ETA ${duration(((source.expected - done) / rate) * 1000)}` : '';
  return `${parts.join(' · ')} · ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s · ${duration(elapsedMs)}${eta}`;
}

/** Reports a run's progress until stop(): live on a terminal, as bounded plain lines in a log. */
export function startProgress(status: WorkflowStatus, options: ProgressOptions): { stop(): void } {
  const started = performance.now();
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const timer = options.live
    ? setInterval(() => write(`\r\x1b[K${progressLine(status, performance.now() - started)}`), LIVE_EVERY_MS)
    : setInterval(() => {
        for (const step of status.steps) {
          options.log.info(
            `${step.name}: Processed ${step.records}${step.expected ? ` of ${step.expected}` : ''} records, filtered ${step.filtered.length} records, found ${step.failures.length} errors`,
          );
        }
      }, options.intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      if (options.live) write('\r\x1b[K');
    },
  };
}
