import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { holdTemp, releaseTemp, sweepStaleTemps, tempPathFor } from '../util/temp-files.js';
import type { EntityScope, OutputRecord } from '../workflow/records.js';
import { StepStatus } from '../workflow/step-status.js';
import type { Sink } from '../workflow/steps.js';

/** The line type that records an EntityScope. */
export const ENTITY_SCOPE = 'entityScope';

/** JSON cannot carry NaN or ±Infinity; a metric with such a value is left out rather than written as null. */
function finiteOnly(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? undefined : value;
}

/** Record types whose data can hold computed numbers (profiles, test results); the rest are catalog facts. */
const MAY_HOLD_NON_FINITE = new Set<string>(['tableProfile', 'testCaseResult', 'usageRequest']);

export function ndjsonLine(record: OutputRecord): string {
  // A replacer makes JSON.stringify call back for every key and value (~2 M calls for 10,000 tables, twice the
  // time of the plain stringify): pay for it only where NaN or ±Infinity can occur.
  const replacer = MAY_HOLD_NON_FINITE.has(record.type) ? finiteOnly : undefined;
  return `${JSON.stringify({ type: record.type, data: record.data }, replacer)}\n`;
}

/**
 * Resolves once the stream drains, rejects if it fails first; either way both listeners go, so waiting thousands of
 * times leaves none behind.
 */
function drained(stream: WriteStream): Promise<void> {
  return new Promise<void>((done, fail) => {
    const onDrain = () => {
      stream.off('error', onError);
      done();
    };
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      fail(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/**
 * Writes one NDJSON line per record into a temporary file beside the target and renames it into place when the
 * run finishes, so a reader never sees a half-written file and a failed run leaves the previous file untouched.
 */
export class FileSink implements Sink {
  readonly status = new StepStatus('File');
  private readonly target: string;
  private readonly temp: string;
  private stream?: WriteStream;
  private streamError?: Error;
  private aborted = false;

  constructor(filename: string) {
    this.target = resolve(filename);
    this.temp = tempPathFor(this.target);
  }

  private open(): WriteStream {
    // After abort() the run is over: nothing may bring the temporary file back.
    if (this.aborted) throw new Error('the file sink was aborted');
    if (!this.stream) {
      mkdirSync(dirname(this.target), { recursive: true });
      sweepStaleTemps(this.target);
      holdTemp(this.temp);
      // 1 MB instead of 16 KB: ~30 waits for 'drain' in a 29 MB file instead of ~1,800.
      this.stream = createWriteStream(this.temp, { flags: 'w', highWaterMark: 1024 * 1024 });
      this.stream.on('error', (error) => {
        this.streamError = error;
      });
    }
    return this.stream;
  }

  async prepare(): Promise<void> {
    // Nothing to check: the folder is created, and the file written, only once records come.
  }

  async write(record: OutputRecord): Promise<void> {
    const stream = this.open();
    if (this.streamError) throw this.streamError;
    if (!stream.write(ndjsonLine(record))) await drained(stream);
    this.status.records++;
  }

  /** Kept in the file (not counted as a record) so that `om-worker push` can mark deletions as a direct run would. */
  async endScope(scope: EntityScope): Promise<void> {
    const stream = this.open();
    if (this.streamError) throw this.streamError;
    if (!stream.write(`${JSON.stringify({ type: ENTITY_SCOPE, data: scope })}\n`)) await drained(stream);
  }

  async finish(): Promise<void> {
    const stream = this.open(); // a run with no records still leaves an (empty) file
    await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())));
    if (this.streamError) throw this.streamError;
    renameSync(this.temp, this.target);
    releaseTemp(this.temp);
  }

  async abort(): Promise<void> {
    this.aborted = true;
    const stream = this.stream;
    if (stream && !stream.closed) {
      await new Promise<void>((done) => {
        stream.once('close', () => done());
        stream.destroy();
      });
    }
    rmSync(this.temp, { force: true });
    releaseTemp(this.temp);
  }

  get path(): string {
    return this.target;
  }

  destination(): string {
    return this.target;
  }
}
