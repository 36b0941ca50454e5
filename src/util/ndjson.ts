import { open } from 'node:fs/promises';

/** One line of an NDJSON file: its value, or why it is none. Blank lines are skipped. */
export type NdjsonLine = { line: number; value: unknown } | { line: number; error: string };

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * A text file's lines (`\n` or `\r\n`), read a megabyte at a time. Each line is decoded on its own: a flat string
 * that holds nothing of its neighbours (a substring of a decoded chunk would keep the whole chunk alive).
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  const file = await open(path, 'r');
  try {
    /** The start of a line that goes on in the next chunk (a long line may span several). */
    let pending: Buffer[] = [];
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE, start); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
        if (pending.length > 0) {
          const line = Buffer.concat([...pending, chunk.subarray(start, end)]);
          pending = [];
          yield decodeLine(line, 0, line.length);
        } else {
          yield decodeLine(chunk, start, end);
        }
        start = end + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
    if (pending.length > 0) {
      const line = Buffer.concat(pending);
      yield decodeLine(line, 0, line.length);
    }
  } finally {
    await file.close();
  }
}

function decodeLine(buffer: Buffer, start: number, end: number): string {
  return buffer.toString('utf8', start, end > start && buffer[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
}

/** Reads an NDJSON file line by line (never the whole file in memory). */
export async function* readNdjson(path: string): AsyncGenerator<NdjsonLine> {
  let line = 0;
  for await (const text of readLines(path)) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (error) {
      yield { line, error: `not JSON: ${(error as Error).message}` };
    }
  }
}

/** A value as one NDJSON line. */
export const ndjson = (value: unknown): string => `${JSON.stringify(value)}\n`;
