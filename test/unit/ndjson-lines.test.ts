import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines, readNdjson } from '../../src/util/ndjson.js';

const file = (content: string | Buffer): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'omgen-lines-')), 'f.ndjson');
  writeFileSync(path, content);
  return path;
};

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('readLines', () => {
  it('splits on \\n and \\r\\n, keeps a last line without a newline, and decodes UTF-8 across chunk edges', async () => {
    expect(await all(readLines(file('a\r\nb\n\nc')))).toEqual(['a', 'b', '', 'c']);
    // Lines longer than the 1 MB chunk, with multi-byte characters straddling the chunk boundaries.
    const long = 'é'.repeat(700_000) + '𝄞';
    expect(await all(readLines(file(`${long}\n${long}x\n`)))).toEqual([long, `${long}x`]);
    expect(await all(readLines(file('')))).toEqual([]);
  });

  it('reads NDJSON with line numbers, skipping blank lines and reporting broken ones', async () => {
    const lines = await all(readNdjson(file('{"a":1}\n\n{oops\n[2]\n')));
    expect(lines).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, error: expect.stringMatching(/^not JSON/) },
      { line: 4, value: [2] },
    ]);
  });
});
