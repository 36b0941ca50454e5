import { closeSync, openSync, writeSync } from 'node:fs';
import { ndjson } from './ndjson.js';

const CHUNK_CHARS = 1 << 20;

/** Appends NDJSON lines to a file a megabyte at a time: never the whole file as one string. */
export class NdjsonAppender {
  private readonly fd: number;
  private chunk = '';

  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }

  append(value: unknown): void {
    this.chunk += ndjson(value);
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    if (this.chunk) writeSync(this.fd, this.chunk);
    this.chunk = '';
  }
}

/** Writes one NDJSON line per value. */
export function writeNdjsonFile(file: string, values: Iterable<unknown>): void {
  const out = new NdjsonAppender(file);
  try {
    for (const value of values) out.append(value);
  } finally {
    out.close();
  }
}
