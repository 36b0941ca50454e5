import type { EntityScope, OutputRecord, ProcessorEvent, SourceEvent } from './records.js';
import type { StepStatus } from './step-status.js';

/** The first step of every workflow: reads a system and yields records, failures and filtered names. */
export interface Source {
  /** Step name in status output, as OpenMetadata names it (`Postgres` for the database source). */
  readonly stepName: string;
  /** Connects and checks what must work before any record is produced; failures here end the run. */
  prepare(): Promise<void>;
  events(): AsyncIterable<SourceEvent>;
  close(): Promise<void>;
}

/**
 * A step between the source and the sink (OpenMetadata's Processor): takes each record and hands on what it makes of
 * it, counting warnings and failures in its own status line.
 */
export interface Processor {
  readonly status: StepStatus;
  prepare?(): Promise<void>;
  process(record: OutputRecord): AsyncIterable<ProcessorEvent> | Iterable<ProcessorEvent>;
  /** The source is exhausted: hand on whatever was held back. */
  flush?(): AsyncIterable<ProcessorEvent> | Iterable<ProcessorEvent>;
}

/**
 * The last step: delivers records and counts them in its own status (a record the destination rejects is a
 * failure there). A write that throws ends the run: the destination itself is unusable.
 */
export interface Sink {
  readonly status: StepStatus;
  /** Every status line the sink accounts for, in order (a stage and its bulk sink are two); default `[status]`. */
  readonly statuses?: readonly StepStatus[];
  /** Checks the destination before the source does any work (a bad token fails fast). */
  prepare(): Promise<void>;
  /** Resolves once the record is accepted; delivery may complete later, before finish() resolves. */
  write(record: OutputRecord): Promise<void>;
  /** The source has listed everything under a parent: sinks that mark deletions act on it. */
  endScope(scope: EntityScope): Promise<void>;
  /** The run produced everything it will: make the output final. */
  finish(): Promise<void>;
  /** The run ended early: leave nothing half-written behind. */
  abort(): Promise<void>;
  /** Where the records went, for the last line of a run (a file's path; a server's URL and the service). */
  destination(): string;
}

/** The destination cannot be reached at all; the worker exits with code 3. */
export class SinkUnavailableError extends Error {
  override name = 'SinkUnavailableError';
  readonly exitCode = 3;
}
