import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** A record's fields, or why its text is none. */
export type CsvParse = { kind: 'fields'; fields: string[] } | { kind: 'incomplete' } | { kind: 'invalid'; reason: string };

/**
 * One CSV record (RFC 4180: comma-separated, fields optionally in double quotes, `""` a quote inside them). A quoted
 * field still open at the end is incomplete (the record goes on on the next line); text after a closing quote is
 * invalid.
 */
export function parseCsvRecord(text: string): CsvParse {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) return { kind: 'incomplete' };
        value += text.slice(i, close);
        if (text[close + 1] === '"') {
          value += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      if (i < text.length && text[i] !== ',') return { kind: 'invalid', reason: `text after a closing quote at character ${i + 1}` };
      fields.push(value);
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      fields.push(text.slice(i, end));
      i = end;
    }
    if (i >= text.length) return { kind: 'fields', fields };
    i++; // the comma
    if (i === text.length) {
      fields.push('');
      return { kind: 'fields', fields };
    }
  }
}

export type CsvEvent = { kind: 'record'; line: number; fields: string[] } | { kind: 'broken'; line: number; reason: string };

/** A record may span lines (a quoted statement with newlines), up to this many. */
const MAX_RECORD_LINES = 10_000;
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/**
 * Reads a CSV file record by record, streaming. A broken record costs one line: its first line is reported and
 * reading starts again on the next one, so an unbalanced quote never swallows the rest of the file.
 */
export async function* readCsvRecords(path: string): AsyncGenerator<CsvEvent> {
  const input = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  /** Lines of a record still open (its first line opened a quote that is not closed yet). */
  let pending: Array<{ line: number; text: string }> = [];
  let pendingChars = 0;

  /** Adds a line; when the record is complete (or proves broken) says so. Lines after a broken first line go again. */
  function* feed(entry: { line: number; text: string }, atEnd: boolean): Generator<CsvEvent> {
    pending.push(entry);
    pendingChars += entry.text.length;
    yield* settle(atEnd);
  }

  function* settle(atEnd: boolean): Generator<CsvEvent> {
    if (pending.length === 0) return;
    const text = pending.length === 1 ? (pending[0] as { text: string }).text : pending.map((entry) => entry.text).join('\n');
    const parsed = parseCsvRecord(text);
    const first = pending[0] as { line: number; text: string };
    if (parsed.kind === 'fields') {
      pending = [];
      pendingChars = 0;
      if (text.trim() !== '') yield { kind: 'record', line: first.line, fields: parsed.fields };
      return;
    }
    const tooLong = pending.length >= MAX_RECORD_LINES || pendingChars >= MAX_RECORD_CHARS;
    if (parsed.kind === 'incomplete' && !atEnd && !tooLong) return;
    yield { kind: 'broken', line: first.line, reason: parsed.kind === 'invalid' ? parsed.reason : 'a quoted field is never closed' };
    const again = pending.slice(1);
    pending = [];
    pendingChars = 0;
    for (const entry of again) yield* feed(entry, atEnd);
  }

  let lineNumber = 0;
  for await (const text of input) yield* feed({ line: ++lineNumber, text }, false);
  yield* settle(true);
}
