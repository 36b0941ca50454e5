import type { Logger } from '../util/logger.js';
import type { OutputRecord, ProcessorEvent, SourceEvent } from './records.js';
import type { StepStatus } from './step-status.js';
import type { Processor, Sink, Source } from './steps.js';

/** Counts what a step said about its records in that step's status (and the log). */
function count(event: Exclude<SourceEvent, { kind: 'record' } | { kind: 'scope' }>, status: StepStatus, log: Logger): void {
  switch (event.kind) {
    case 'failure':
      status.failures.push(event.failure);
      // Counted under Errors in the summary, so logged as one.
      log.error(`${event.failure.name}: ${event.failure.error}`);
      break;
    case 'filtered':
      status.filtered.push({ name: event.name, reason: event.reason });
      log.debug(`${event.reason}: ${event.name}`);
      break;
    case 'fact':
      status.facts.set(event.name, event.value);
      log.info(`${event.name}: ${event.value}`);
      break;
    case 'warning':
      status.warnings.push({ name: event.name, message: event.message });
      log.warn(`${event.name}: ${event.message}`);
      break;
    case 'total':
      status.expected = event.count;
      break;
  }
}

/**
 * Moves every event of the source through the processors into the sink, each step counting in its own status,
 * until the source is exhausted; then flushes the processors in order.
 */
export async function pump(source: Source, processors: readonly Processor[], sink: Sink, sourceStatus: StepStatus, log: Logger): Promise<void> {
  const deliver = async (record: OutputRecord, from: number): Promise<void> => {
    const processor = processors[from];
    if (!processor) {
      await sink.write(record);
      return;
    }
    processor.status.records++;
    await handOn(processor.process(record), from);
  };
  const handOn = async (events: AsyncIterable<ProcessorEvent> | Iterable<ProcessorEvent>, from: number): Promise<void> => {
    for await (const event of events) {
      if (event.kind === 'record') await deliver(event.record, from + 1);
      else count(event, (processors[from] as Processor).status, log);
    }
  };

  for await (const event of source.events()) {
    if (event.kind === 'record') {
      sourceStatus.records++;
      await deliver(event.record, 0);
    } else if (event.kind === 'scope') await sink.endScope(event.scope);
    else count(event, sourceStatus, log);
  }
  for (let i = 0; i < processors.length; i++) {
    const flushed = processors[i]?.flush?.();
    if (flushed) await handOn(flushed, i);
  }
}
