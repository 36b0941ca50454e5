import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { OutputRecord } from '../workflow/records.js';
import type { Sink } from '../workflow/steps.js';

/** JSON cannot carry NaN or ±Infinity; a metric with such a value is left out rather than written as null. */
function finiteOnly(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? undefined : value;
}

export function ndjsonLine(record: OutputRecord): string {
  return `${JSON.stringify({ type: record.type, data: record.data }, finiteOnly)}\n`;
}

/**
 * Writes one NDJSON line per record into a temporary file beside the target and renames it into place when the
 * run finishes, so a reader never sees a half-written file and a failed run leaves the previous file untouched.
 */
export class FileSink implements Sink {
  readonly stepName = 'File';
  private readonly target: string;
  private readonly temp: string;
  private stream?: WriteStream;
  private streamError?: Error;

  constructor(filename: string) {
    this.target = resolve(filename);
    this.temp = join(dirname(this.target), `.${basename(this.target)}.${process.pid}.tmp`);
  }

  private open(): WriteStream {
    if (!this.stream) {
      mkdirSync(dirname(this.target), { recursive: true });
      this.stream = createWriteStream(this.temp, { flags: 'w' });
      this.stream.on('error', (error) => {
        this.streamError = error;
      });
    }
    return this.stream;
  }

  async write(record: OutputRecord): Promise<void> {
    const stream = this.open();
    if (this.streamError) throw this.streamError;
    if (!stream.write(ndjsonLine(record))) {
      await new Promise<void>((done, fail) => {
        stream.once('drain', done);
        stream.once('error', fail);
      });
    }
  }

  async finish(): Promise<void> {
    const stream = this.open(); // a run with no records still leaves an (empty) file
    await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())));
    if (this.streamError) throw this.streamError;
    renameSync(this.temp, this.target);
  }

  async abort(): Promise<void> {
    const stream = this.stream;
    if (stream && !stream.closed) {
      await new Promise<void>((done) => {
        stream.once('close', () => done());
        stream.destroy();
      });
    }
    rmSync(this.temp, { force: true });
  }

  get path(): string {
    return this.target;
  }
}
