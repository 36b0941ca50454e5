// Lineage of statement texts apart from any database: a catalog in memory, the parser, and the limits that keep one
// statement from holding a run (parsingTimeoutLimit, the size cap), and the errors a bad statement raises.
import { beforeAll, describe, expect, it } from 'vitest';
import { LineageCatalog } from '../../src/lineage/lineage-catalog.js';
import { LineageTimeoutError } from '../../src/lineage/query-analyzer.js';
import { MAX_STATEMENT_CHARS, textLineage } from '../../src/lineage/text-lineage.js';
import { loadSqlParser, SqlSyntaxError, type SqlParser } from '../../src/usage/sql-parser.js';

const catalog = new LineageCatalog([
  { schema: 'public', name: 'wide', columns: Array.from({ length: 400 }, (_, i) => `c${i}`), kind: 'table' },
  { schema: 'public', name: 'sink', columns: Array.from({ length: 400 }, (_, i) => `c${i}`), kind: 'table' },
]);

let parser: SqlParser;
beforeAll(async () => {
  parser = await loadSqlParser();
});

describe('textLineage', () => {
  it('maps a wide INSERT … SELECT column by column', () => {
    const columns = Array.from({ length: 400 }, (_, i) => `coalesce(c${i}, c${(i + 1) % 400})`).join(', ');
    const lineage = textLineage(parser, `insert into sink select ${columns} from wide`, { catalog, searchPath: ['public'] });
    expect(lineage.edges).toHaveLength(1);
    expect([...(lineage.edges[0]?.columns.get('c7') ?? [])].sort()).toEqual(['c7', 'c8']);
  });

  it('gives up past parsingTimeoutLimit with a LineageTimeoutError', () => {
    const columns = Array.from({ length: 400 }, (_, i) => `c${i} + c${(i + 7) % 400} * 2`).join(', ');
    const run = () => textLineage(parser, `insert into sink select ${columns} from wide`, { catalog, searchPath: ['public'], timeoutSeconds: 0 });
    expect(run).toThrow(LineageTimeoutError);
  });

  it('refuses a statement over the size cap before parsing it', () => {
    const huge = `select ${'1 + '.repeat(MAX_STATEMENT_CHARS / 4)}1`;
    expect(() => textLineage(parser, huge, { catalog, searchPath: ['public'] })).toThrow(/not parsed \(limit/);
  });

  it('says where the parser stopped in a statement Postgres would refuse', () => {
    try {
      textLineage(parser, 'insert into sink selec 1', { catalog, searchPath: ['public'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SqlSyntaxError);
      expect((error as SqlSyntaxError).message).toBe('syntax error at or near "selec"');
      expect((error as SqlSyntaxError).position).toBe('insert into sink '.length); // 0-based: where "selec" starts
    }
  });

  it('refuses an expression nested too deeply as a syntax error, and parses the next statement as before', () => {
    const deep = `insert into sink (c0) select ${'c0 + '.repeat(50_000)}c0 from wide`;
    expect(() => textLineage(parser, deep, { catalog, searchPath: ['public'] })).toThrow(/nested too deeply to parse/);
    expect(() => parser.parse(`select ${'('.repeat(20_000)}1${')'.repeat(20_000)}`)).toThrow(SqlSyntaxError);
    expect(textLineage(parser, 'insert into sink (c0) select c1 from wide', { catalog, searchPath: ['public'] }).edges).toHaveLength(1);
  });

  it('splits a text of several statements, multi-byte names included, and keeps each one its text', () => {
    const statements = parser.parse('select 1 from "données";\ninsert into sink (c0) select c1 from wide');
    expect(statements.map((s) => s.text)).toEqual(['select 1 from "données"', 'insert into sink (c0) select c1 from wide']);
  });
});
