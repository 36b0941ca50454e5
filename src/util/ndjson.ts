import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One line of an NDJSON file: its value, or why it is none. Blank lines are skipped. */
export type NdjsonLine = { line: number; value: unknown } | { line: number; error: string };

/** Reads an NDJSON file line by line (never the whole file in memory). */
export async function* readNdjson(path: string): AsyncGenerator<NdjsonLine> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
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
