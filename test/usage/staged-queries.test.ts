import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStagedQueries, StagedQueryWriter, STAGED_QUERY_TEXTS, type QueryTotals, type StagedQuery } from '../../src/usage/staged-queries.js';
import type { ParsedQuery } from '../../src/usage/usage-records.js';

const parsed = (over: Partial<ParsedQuery>): ParsedQuery => ({
  database: 'shop',
  text: 'SELECT * FROM orders',
  command: 'SELECT',
  tables: [{ schema: 'public', name: 'orders' }],
  joins: [],
  count: 1,
  accumulate: false,
  date: '2026-12-01',
  queryDate: 1000,
  ...over,
});

async function readAll(folder: string, totals: QueryTotals[]): Promise<{ queries: StagedQuery[]; errors: string[] }> {
  const errors: string[] = [];
  const queries: StagedQuery[] = [];
  for await (const q of readStagedQueries(folder, totals, (file, line) => errors.push(`${file}:${line.line} ${line.error}`))) queries.push(q);
  return { queries, errors };
}

describe('staged queries', () => {
  it('adds up a text seen again, per database, in first-seen order, without keeping texts in memory', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'omgen-staged-'));
    const writer = new StagedQueryWriter(folder);
    writer.add(parsed({ userName: 'ana', duration: 2, queryDate: 1000 }));
    writer.add(parsed({ text: 'SELECT 1 FROM items', tables: [{ schema: 'public', name: 'items' }], count: 4 }));
    writer.add(parsed({ userName: 'bob', duration: 3, queryDate: 3000, count: 2 }));
    writer.add(parsed({ userName: 'ana', queryDate: 2000 }));
    writer.add(parsed({ database: 'legacy', userName: 'carl' }));
    const totals = writer.finish();
    // Each distinct text is written once, when first seen.
    expect(readFileSync(join(folder, STAGED_QUERY_TEXTS), 'utf8').trim().split('\n')).toHaveLength(3);
    const { queries, errors } = await readAll(folder, totals);
    expect(errors).toEqual([]);
    expect(queries).toEqual([
      { ...pick(parsed({})), users: ['ana', 'bob'], duration: 5, queryDate: 3000, count: 4 },
      { ...pick(parsed({ text: 'SELECT 1 FROM items', tables: [{ schema: 'public', name: 'items' }] })), users: [], queryDate: 1000, count: 4 },
      { ...pick(parsed({ database: 'legacy' })), users: ['carl'], queryDate: 1000, count: 1 },
    ]);
  });

  it('reports a line it cannot read and goes on', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'omgen-staged-'));
    const writer = new StagedQueryWriter(folder);
    writer.add(parsed({}));
    writer.add(parsed({ text: 'SELECT 2 FROM orders' }));
    const totals = writer.finish();
    const texts = readFileSync(join(folder, STAGED_QUERY_TEXTS), 'utf8').split('\n');
    writeFileSync(join(folder, STAGED_QUERY_TEXTS), `{broken\n${texts[1]}\n`);
    const { queries, errors } = await readAll(folder, totals);
    expect(errors).toEqual([expect.stringMatching(/^queries\.ndjson:1 not JSON/)]);
    expect(queries.map((q) => q.text)).toEqual(['SELECT 2 FROM orders']);
  });
});

function pick(p: ParsedQuery): Pick<StagedQuery, 'database' | 'text' | 'command' | 'tables'> {
  return { database: p.database, text: p.text, command: p.command, tables: p.tables };
}
