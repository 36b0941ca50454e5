// The CSV record reader under the query log: RFC 4180 fields, and broken records that cost one line, never the rest.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvRecord, readCsvRecords, type CsvEvent } from '../../src/usage/csv-records.js';

describe('parseCsvRecord', () => {
  it('reads plain, quoted, escaped and empty fields', () => {
    expect(parseCsvRecord('a,"b,c","d ""e""",,')).toEqual({ kind: 'fields', fields: ['a', 'b,c', 'd "e"', '', ''] });
    expect(parseCsvRecord('"multi\nline",x')).toEqual({ kind: 'fields', fields: ['multi\nline', 'x'] });
  });

  it('says incomplete for an open quote and invalid for text after a closing one', () => {
    expect(parseCsvRecord('"open,x')).toEqual({ kind: 'incomplete' });
    expect(parseCsvRecord('"closed"x,y').kind).toBe('invalid');
  });
});

describe('readCsvRecords', () => {
  it('reports a broken record by its first line and reads on from the next', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omgen-csv-'));
    try {
      const file = join(dir, 'x.csv');
      await writeFile(file, ['h1,h2', '"ok\nacross lines",1', '"never closed,2', 'after,3', '"bad"x,4', 'last,5'].join('\n'));
      const events: CsvEvent[] = [];
      for await (const event of readCsvRecords(file)) events.push(event);
      expect(events).toEqual([
        { kind: 'record', line: 1, fields: ['h1', 'h2'] },
        { kind: 'record', line: 2, fields: ['ok\nacross lines', '1'] },
        { kind: 'broken', line: 4, reason: expect.any(String) },
        { kind: 'record', line: 5, fields: ['after', '3'] },
        { kind: 'broken', line: 6, reason: expect.stringMatching(/text after a closing quote/) },
        { kind: 'record', line: 7, fields: ['last', '5'] },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
