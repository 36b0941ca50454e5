import type { Logger } from './logger.js';
import { redact } from './redact.js';

/** How many warnings of one shape are logged before the rest are only counted. */
const SHOWN_PER_SHAPE = 3;

/**
 * A warning's shape: its text with names, numbers and paths made alike, so that "table a.b.c is not on the server"
 * and "table a.b.d is not on the server" count as one kind of warning.
 */
export function warningShape(message: string): string {
  return message.replace(/\S*[\d./"'`\\:]\S*/g, '*');
}

export interface CollapsingLogger extends Logger {
  /** Logs, for each shape of warning past its first few, how many more there were. */
  flush(): void;
}

/**
 * A logger that logs the first few warnings of each shape and counts the rest: ten thousand tables missing on the
 * server make three lines and a count, not ten thousand lines in Airflow's log. Every warning still reaches the run's
 * status; only the log is spared.
 */
export function collapsingLogger(log: Logger): CollapsingLogger {
  const seen = new Map<string, { count: number; first: string }>();
  return {
    debug: (message) => log.debug(message),
    info: (message) => log.info(message),
    error: (message) => log.error(message),
    warn: (raw) => {
      // Redacted first: a shape with part of a secret starred out would no longer be recognised as that secret.
      const message = redact(raw);
      const shape = warningShape(message);
      const entry = seen.get(shape) ?? { count: 0, first: message };
      entry.count += 1;
      seen.set(shape, entry);
      if (entry.count <= SHOWN_PER_SHAPE) log.warn(message);
      else if (entry.count === SHOWN_PER_SHAPE + 1) log.warn(`(more warnings like this one are counted, not shown: ${shape})`);
    },
    flush: () => {
      for (const [shape, entry] of seen) {
        if (entry.count > SHOWN_PER_SHAPE) log.warn(`${entry.count - SHOWN_PER_SHAPE} more warnings like: ${shape}`);
      }
      seen.clear();
    },
  };
}
