import type { OutputRecord, SourceEvent } from './records.js';

/** The first step of every workflow: reads a system and yields records, failures and filtered names. */
export interface Source {
  /** Step name in status output, as OpenMetadata names it (`Postgres` for the database source). */
  readonly stepName: string;
  /** Connects and checks what must work before any record is produced; failures here end the run. */
  prepare(): Promise<void>;
  events(): AsyncIterable<SourceEvent>;
  close(): Promise<void>;
}

/** The last step: delivers records. A rejected write is one failure; a SinkUnavailableError ends the run. */
export interface Sink {
  readonly stepName: string;
  write(record: OutputRecord): Promise<void>;
  /** The run produced everything it will: make the output final. */
  finish(): Promise<void>;
  /** The run ended early: leave nothing half-written behind. */
  abort(): Promise<void>;
}

/** The destination cannot be reached at all; the worker exits with code 3. */
export class SinkUnavailableError extends Error {
  override name = 'SinkUnavailableError';
  readonly exitCode = 3;
}
