// The lineage conformance corpus (test/lineage/corpus): every statement is first run by a real Postgres against the
// corpus catalog (so each one is valid SQL there), then its lineage is computed from the catalog read back by
// om-worker's own catalog query, and scored. Targets: table edges 100 %, column edges ≥ 95 % precision and recall.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogSnapshot, type CatalogSnapshot } from '../../src/lineage/catalog-snapshot.js';
import { textLineage } from '../../src/lineage/text-lineage.js';
import { SourcePool } from '../../src/postgres/source-pool.js';
import { loadSqlParser, type SqlParser } from '../../src/usage/sql-parser.js';
import { createTestDatabase, withClient, type TestDatabase } from '../support/pg.js';
import { CORPUS_DIR, Score, canonicalEdge, canonicalName, loadCorpus, nameOf } from './corpus-cases.js';

const corpus = loadCorpus();

let db: TestDatabase;
let pool: SourcePool;
let snapshot: CatalogSnapshot;
let parser: SqlParser;

beforeAll(async () => {
  db = await createTestDatabase('lineage_corpus');
  await withClient(db.url, (c) => c.query(readFileSync(join(CORPUS_DIR, 'catalog.sql'), 'utf8')));
  const url = new URL(db.url);
  const connection = {
    type: 'Postgres' as const,
    username: decodeURIComponent(url.username),
    authType: { password: 'x' },
    hostPort: `${url.hostname}:${url.port}`,
  };
  pool = await SourcePool.open(connection, db.name);
  snapshot = await readCatalogSnapshot(pool);
  parser = await loadSqlParser();
});

afterAll(async () => {
  await pool?.close();
  await db?.drop();
});

describe('lineage conformance corpus', () => {
  it('holds at least 200 statements with unique ids', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
  });

  it('holds only statements Postgres accepts (those not marked valid: false)', async () => {
    const rejected: string[] = [];
    await withClient(db.url, async (c) => {
      for (const entry of corpus.filter((e) => e.valid !== false)) {
        await c.query('begin');
        try {
          await c.query(`set local search_path = ${(entry.search_path ?? ['public']).map((s) => `"${s}"`).join(', ')}`);
          await c.query(entry.sql);
        } catch (error) {
          rejected.push(`${entry.id}: ${(error as Error).message}`);
        } finally {
          await c.query('rollback');
        }
      }
    });
    expect(rejected).toEqual([]);
  });

  it('scores table edges at 100 % and column edges at ≥ 95 % precision and recall', () => {
    const tables = new Score();
    const columns = new Score();
    const reads = new Score();
    const unresolved = new Score();
    for (const entry of corpus) {
      const lineage = textLineage(parser, entry.sql, { catalog: snapshot.catalog, searchPath: entry.search_path ?? ['public'] });
      const actualTables = new Set(lineage.edges.map((e) => `${nameOf(e.from.schema, e.from.name)} -> ${nameOf(e.to.schema, e.to.name)}`));
      const actualColumns = new Set(
        lineage.edges.flatMap((e) =>
          [...e.columns].flatMap(([to, froms]) =>
            [...froms].map((from) => `${nameOf(e.from.schema, e.from.name, from)} -> ${nameOf(e.to.schema, e.to.name, to)}`),
          ),
        ),
      );
      tables.add(entry.id, new Set(entry.tables.map(canonicalEdge)), actualTables);
      columns.add(entry.id, new Set(entry.columns.map(canonicalEdge)), actualColumns);
      reads.add(entry.id, new Set(entry.reads.map(canonicalName)), new Set(lineage.reads.map((t) => nameOf(t.schema, t.name))));
      if (entry.unresolved) unresolved.add(entry.id, new Set(entry.unresolved.map(canonicalName)), new Set(lineage.unresolved.map(canonicalName)));
    }
    const report = [
      `table edges: ${tables.describe()}`,
      `column edges: ${columns.describe()}`,
      `reads: ${reads.describe()}`,
      `unresolved names: ${unresolved.describe()}`,
    ];
    console.log(`Lineage corpus, ${corpus.length} statements:\n  ${report.join('\n  ')}`);
    const misses = [...tables.misses, ...columns.misses, ...reads.misses, ...unresolved.misses];
    if (misses.length > 0) console.log(misses.join('\n'));
    expect(tables.misses).toEqual([]);
    expect(reads.misses).toEqual([]);
    expect(unresolved.misses).toEqual([]);
    expect(columns.precision).toBeGreaterThanOrEqual(0.95);
    expect(columns.recall).toBeGreaterThanOrEqual(0.95);
  });
});
