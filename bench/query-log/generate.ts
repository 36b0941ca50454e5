/**
 * The query-log bench's input, deterministic (seeded PRNG): a warehouse catalog (catalog.ts: 60 tables in 5 schemas,
 * 8–30 columns each, 5 roles) and OpenMetadata's query-log CSV of its statements (statements.ts), 100,000 rows by
 * default, spread over 7 days.
 *
 * Rows: about 60 % reads and 36 % writes of many shapes; 1 % aborted; 0.3 % of another database (neither usage nor
 * lineage reads them); 0.3 % statements Postgres refuses, 0.15 % rows the CSV reader cannot read (a quoted field with
 * an unescaped quote) and 0.05 % rows without query_text (about 0.5 % broken in all). Each row is written with what
 * usage and lineage should find in it, summed up in QueryLogExpectations.
 *
 * Run on its own: `npx tsx bench/query-log/generate.ts [--statements N] [--seed S] [--database NAME] OUT.csv`
 * writes OUT.csv and the catalog's DDL beside it (OUT.sql).
 */
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildCatalog, type Catalog } from './catalog.js';
import { Rng } from './rng.js';
import { generateStatement, type GeneratedStatement, type StatementKind } from './statements.js';

export const DEFAULT_STATEMENTS = 100_000;
export const DEFAULT_SEED = 20261205;
export const DEFAULT_DATABASE = 'omgen_bench_query_log';
/** Rows naming this database are another database's: the workflows skip them. */
export const OTHER_DATABASE = 'legacy_dw';
/** The log's first day (UTC); it covers this day and the six after it. */
export const FIRST_DAY = '2026-11-24';
const DAYS = 7;

const BROKEN_ROW = 0.0015;
const EMPTY_ROW = 0.0005;
const ABORTED = 0.01;
const OTHER_DB = 0.003;

export interface QueryLogExpectations {
  /** Data rows of the CSV (the header not counted): the statements of the log. */
  rows: number;
  /** Rows the CSV reader yields as queries (rows it cannot read and rows without query_text left out). */
  queries: number;
  brokenRows: number;
  emptyRows: number;
  aborted: number;
  otherDatabase: number;
  /** Statements made to be refused by Postgres's parser. */
  unparseable: number;
  multiLine: number;
  kinds: Record<string, number>;
  /** Statements both workflows analyse (read, not aborted, of the bench database) that touch a table. */
  readStatements: number;
  writeStatements: number;
  /** `schema.table` NUL `YYYY-MM-DD` → statements that touched the table that day (each statement counts a table once). */
  usage: Map<string, number>;
  /** Sum of `usage`. */
  usageTouches: number;
  /** Of those, tables only a DELETE touched (neither read nor written as lineage sees it). */
  deleteOnlyTouches: number;
  /** `from -> to` (`schema.table` each): every table a write reads feeds every table it writes. */
  edges: Set<string>;
  bytes: number;
}

/** RFC 4180 quoting: a field with a comma, quote, line break or edge space goes in quotes, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** OpenMetadata's `%Y-%m-%d %H:%M:%S.%f` (UTC, microseconds). */
function logTime(ms: number, micro: number): string {
  return `${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}${String(micro).padStart(3, '0')}`;
}

/** A row the CSV reader must skip: a quoted field holding a quote nobody escaped (a hand-made export). */
function brokenRow(rng: Rng, catalog: Catalog): string {
  const table = rng.pick(catalog.tables);
  const column = rng.pick(table.columns.filter((c) => c.kind === 'text'));
  return `"select "${column.name}", count(*) from ${table.schema}.${table.name} where amount > ${rng.int(1, 999)} group by "${column.name}""`;
}

export async function generateQueryLog(options: {
  file: string;
  statements?: number;
  seed?: number;
  database?: string;
}): Promise<QueryLogExpectations> {
  const rows = options.statements ?? DEFAULT_STATEMENTS;
  const seed = options.seed ?? DEFAULT_SEED;
  const database = options.database ?? DEFAULT_DATABASE;
  const catalog = buildCatalog(seed);
  const rng = new Rng(seed ^ 0x5bd1e995);
  const x: QueryLogExpectations = {
    rows,
    queries: 0,
    brokenRows: 0,
    emptyRows: 0,
    aborted: 0,
    otherDatabase: 0,
    unparseable: 0,
    multiLine: 0,
    kinds: {},
    readStatements: 0,
    writeStatements: 0,
    usage: new Map(),
    usageTouches: 0,
    deleteOnlyTouches: 0,
    edges: new Set(),
    bytes: 0,
  };
  const out = createWriteStream(options.file, { highWaterMark: 1 << 20 });
  const write = (text: string): Promise<void> | undefined => {
    x.bytes += Buffer.byteLength(text);
    if (out.write(text)) return undefined;
    return new Promise((resolve) => out.once('drain', () => resolve()));
  };
  await write('query_text,user_name,start_time,end_time,duration,database_name,schema_name,aborted\n');
  const start = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  const span = DAYS * 24 * 3600 * 1000;
  for (let i = 0; i < rows; i++) {
    const at = start + Math.floor(((i + rng.next()) / rows) * span);
    const startTime = logTime(at, rng.int(0, 999));
    const r = rng.next();
    if (r < BROKEN_ROW) {
      x.brokenRows++;
      await write(`${brokenRow(rng, catalog)},analyst,${startTime},,${rng.int(1, 900)},${database},,false\n`);
      continue;
    }
    if (r < BROKEN_ROW + EMPTY_ROW) {
      x.emptyRows++;
      await write(`,${rng.pick(catalog.roles).name},${startTime},,0.5,${database},,\n`);
      continue;
    }
    const statement = generateStatement(rng, catalog);
    x.queries++;
    x.kinds[statement.kind] = (x.kinds[statement.kind] ?? 0) + 1;
    if (statement.text.includes('\n')) x.multiLine++;
    if (!statement.parseable) x.unparseable++;
    const write_ = statement.targets.size + statement.deleted.size > 0;
    const duration = (rng.next() ** 3 * (write_ ? 600_000 : 60_000)).toFixed(3);
    const end = rng.chance(0.8) ? logTime(at + Math.round(Number(duration)), rng.int(0, 999)) : '';
    const aborted = rng.chance(ABORTED);
    const other = !aborted && rng.chance(OTHER_DB);
    const dbName = other ? OTHER_DATABASE : rng.chance(0.8) ? database : '';
    const schema = rng.chance(0.7) ? '' : (statement.role.searchPath?.[0] ?? 'public');
    const abortedText = aborted ? rng.pick(['true', 'true', 't']) : rng.pick(['false', 'false', 'false', '', 'f']);
    if (aborted) x.aborted++;
    if (other) x.otherDatabase++;
    const fields = [statement.text, statement.role.name, startTime, end, duration, dbName, schema, abortedText];
    await write(`${fields.map(csvField).join(',')}\n`);
    if (!aborted && !other && statement.parseable) expect(x, statement, startTime.slice(0, 10));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return x;
}

/** What usage and lineage should make of one statement they both analyse. */
function expect(x: QueryLogExpectations, s: GeneratedStatement, day: string): void {
  const touched = new Set([...s.reads, ...s.targets, ...s.deleted]);
  if (touched.size === 0) return;
  if (s.targets.size + s.deleted.size > 0) x.writeStatements++;
  else x.readStatements++;
  for (const table of touched) {
    const key = `${table}\u0000${day}`;
    x.usage.set(key, (x.usage.get(key) ?? 0) + 1);
    x.usageTouches++;
    if (!s.reads.has(table) && !s.targets.has(table)) x.deleteOnlyTouches++;
  }
  for (const to of s.targets) for (const from of s.reads) if (from !== to) x.edges.add(`${from} -> ${to}`);
}

/** The kinds in a fixed order, for reports. */
export const kindCounts = (x: QueryLogExpectations): [StatementKind, number][] =>
  (Object.entries(x.kinds) as [StatementKind, number][]).sort((a, b) => b[1] - a[1]);

/** Creates (or re-creates) the bench database and its catalog; roles are server-wide, so one that exists is kept. */
export async function createWarehouse(adminUrl: string, database: string, catalog: Catalog): Promise<{ url: string; seconds: number }> {
  const started = performance.now();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${database}`);
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const statement of catalog.ddl) {
      if (statement.startsWith('create role ')) {
        await client.query(`do $$ begin ${statement}; exception when duplicate_object then null; end $$`);
      } else {
        await client.query(statement);
      }
    }
  } finally {
    await client.end();
  }
  return { url: url.toString(), seconds: (performance.now() - started) / 1000 };
}

async function cli(argv: string[]): Promise<void> {
  let statements = DEFAULT_STATEMENTS;
  let seed = DEFAULT_SEED;
  let database = DEFAULT_DATABASE;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--statements') statements = Number(argv[++i]);
    else if (argv[i] === '--seed') seed = Number(argv[++i]);
    else if (argv[i] === '--database') database = argv[++i];
    else file = argv[i];
  }
  if (!file) throw new Error('usage: npx tsx bench/query-log/generate.ts [--statements N] [--seed S] [--database NAME] OUT.csv');
  const x = await generateQueryLog({ file, statements, seed, database });
  await fs.writeFile(
    file.replace(/\.csv$/, '') + '.sql',
    buildCatalog(seed)
      .ddl.map((s) => `${s};\n`)
      .join(''),
  );
  const { usage: _usage, edges, ...counts } = x;
  process.stdout.write(`${JSON.stringify({ ...counts, edges: edges.size }, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
