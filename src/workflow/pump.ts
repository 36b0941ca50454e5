import type { Logger } from '../util/logger.js';
import type { StepStatus } from './step-status.js';
import type { Sink, Source } from './steps.js';

/** Moves every event of the source into the sink and the source's status, until the source is exhausted. */
export async function pump(source: Source, sink: Sink, sourceStatus: StepStatus, log: Logger): Promise<void> {
  for await (const event of source.events()) {
    switch (event.kind) {
      case 'record':
        sourceStatus.records++;
        await sink.write(event.record);
        break;
      case 'scope':
        await sink.endScope(event.scope);
        break;
      case 'failure':
        sourceStatus.failures.push(event.failure);
        // Counted under Errors in the summary, so logged as one.
        log.error(`${event.failure.name}: ${event.failure.error}`);
        break;
      case 'filtered':
        sourceStatus.filtered.push({ name: event.name, reason: event.reason });
        log.debug(`${event.reason}: ${event.name}`);
        break;
      case 'fact':
        sourceStatus.facts.set(event.name, event.value);
        log.info(`${event.name}: ${event.value}`);
        break;
      case 'warning':
        sourceStatus.warnings.push({ name: event.name, message: event.message });
        log.warn(`${event.name}: ${event.message}`);
        break;
    }
  }
}
