/**
 * The metadata benchmark: how close does the worker get to the catalog's physical limit?
 *
 *   npx tsx bench/metadata/run.ts [--runs N] [--max-busy 0..1] [--no-write] [--worker PATH] [--cpu-prof]
 *
 * 1. Starts embedded Postgres 18 and builds the bench database (bench/metadata/generate.ts: 10,000 tables ×
 *    20 columns in 20 schemas, 500 views).
 * 2. BASELINE: the set-based catalog queries that fetch every fact the workflow writes, one after another on one
 *    connection, through CatalogReader + SourcePool (so each row is read and shaped, and the marker comment sent).
 * 3. WORKER: `dist/om-worker run -c <yaml>` (the single executable) to the file sink, as a child process, wall time
 *    and peak RSS (under `/usr/bin/time -v` when installed, else by polling /proc/<pid>/status VmRSS every 20 ms).
 * Each is run once to warm up, then N times (default 3); the best run counts. Targets: worker / baseline ≤ 2,
 * peak RSS ≤ 300 MB. The output of the last worker run is checked (10,500 createTable records, columns, constraints).
 * The "metadata" section of bench/RESULTS.md is rewritten with the figures unless --no-write is given.
 * Before each baseline/worker pair the runner waits (up to 2 minutes) until the machine's CPU use over one second is
 * at most --max-busy (default 0.15), since a shared 2-core machine makes single runs swing by ±30%.
 * --cpu-prof additionally runs dist/om-worker.cjs once under `node --cpu-prof` and prints the top functions.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { PostgresConnectionConfig } from '../../src/config/types.js';
import { startEmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { CatalogReader } from '../../src/postgres/catalog-reader.js';
import { SourcePool } from '../../src/postgres/source-pool.js';
import { generateMetadataDatabase, type GeneratedDatabase } from './generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_FILE = path.join(ROOT, 'bench', 'RESULTS.md');
const COMMAND = 'npx tsx bench/metadata/run.ts';
const TARGET_RATIO = 2;
const TARGET_RSS_MB = 300;
const EXPECTED_TABLES = 10_500;
const VIEW_BATCH = 250;

interface Args {
  runs: number;
  /** Highest machine-wide CPU use (0..1) at which a measured pair may start; 1 disables the wait. */
  maxBusy: number;
  write: boolean;
  worker: string;
  cpuProf: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 3, maxBusy: 0.15, write: true, worker: path.join(ROOT, 'dist', 'om-worker'), cpuProf: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--no-write') args.write = false;
    else if (a === '--max-busy') args.maxBusy = Number(argv[++i]);
    else if (a === '--worker') args.worker = path.resolve(argv[++i]);
    else if (a === '--cpu-prof') args.cpuProf = true;
    else throw new Error(`unknown argument ${a} (usage: ${COMMAND} [--runs N] [--max-busy 0..1] [--no-write] [--worker PATH] [--cpu-prof])`);
  }
  return args;
}

const log = (message: string): void => {
  process.stderr.write(`[bench:metadata] ${message}\n`);
};
const ms = (start: number): number => performance.now() - start;
const fmtS = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(3)} s`;

// ---------------------------------------------------------------- machine

interface Machine {
  nproc: number;
  cpu: string;
  memoryGb: number;
  kernel: string;
  node: string;
  postgres: string;
  worker: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    return line ? line.split(':').slice(1).join(':').trim() : os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function workerFacts(worker: string): string {
  const info = statSync(worker);
  const head = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--', 'src']) ? ', src/ has uncommitted changes' : '';
  const srcNewest = newestMtime(path.join(ROOT, 'src'));
  const stale = srcNewest > info.mtimeMs ? `; **older than src/** (last change ${new Date(srcNewest).toISOString()}): rebuild with npm run build` : '';
  return `${path.relative(ROOT, worker)} (${(info.size / 1024 / 1024).toFixed(1)} MB, built ${info.mtime.toISOString()}; HEAD ${head}${dirty}${stale})`;
}

// ---------------------------------------------------------------- a quiet machine

function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/**
 * On a shared machine, waits (up to `timeoutMs`) until the whole machine's CPU use over one second is below
 * `maxBusy` (0..1) while this bench is idle, so each measured pair starts on a quiet machine. Returns whether it did.
 */
async function waitForQuiet(maxBusy: number, timeoutMs: number): Promise<{ quiet: boolean; busy: number; waitedMs: number }> {
  const start = performance.now();
  let busy = 1;
  while (performance.now() - start < timeoutMs) {
    const a = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const b = cpuTimes();
    busy = (b.busy - a.busy) / Math.max(1, b.total - a.total);
    if (busy <= maxBusy) return { quiet: true, busy, waitedMs: ms(start) };
  }
  return { quiet: false, busy, waitedMs: ms(start) };
}

// ---------------------------------------------------------------- baseline

interface QueryTiming {
  name: string;
  ms: number;
  rows: number;
  statements: number;
}

interface BaselineRun {
  totalMs: number;
  /** CPU this process spent during the run (reading and shaping rows), user + system, ms. */
  cpuMs: number;
  queries: QueryTiming[];
  server: ServerStat[];
}

function connectionOf(url: string): PostgresConnectionConfig {
  const u = new URL(url);
  return { type: 'Postgres', username: decodeURIComponent(u.username), hostPort: `${u.hostname}:${u.port}`, database: u.pathname.slice(1), sslMode: 'disable' };
}

/** Every fact the workflow writes, by the set-based queries, sequentially on one connection. */
async function baselineOnce(pool: SourcePool): Promise<BaselineRun> {
  const reader = new CatalogReader(pool);
  const queries: QueryTiming[] = [];
  const timed = async <T>(name: string, statements: number, rowsOf: (r: T) => number, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await run();
    queries.push({ name, ms: ms(start), rows: rowsOf(result), statements });
    return result;
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await timed('database', 1, () => 1, () => reader.currentDatabase());
  const schemas = await timed('schemas', 1, (r) => r.length, () => reader.schemas());
  const schemaOids = schemas.map((s) => s.oid);
  const relations = await timed('relations', 1, (r) => r.length, () => reader.relations(schemaOids));
  await timed('types', 1, (r) => r.size, () => reader.types(schemaOids));
  const oids = relations.map((r) => r.oid);
  await timed('columns', 1, (r) => r.length, () => reader.columns(oids));
  await timed('constraints', 1, (r) => r.length, () => reader.constraints(oids));
  const viewOids = relations.filter((r) => r.kind === 'v' || r.kind === 'm').map((r) => r.oid);
  const batches = Math.ceil(viewOids.length / VIEW_BATCH);
  await timed(`view definitions (${batches} × ≤${VIEW_BATCH})`, batches, (r) => r, async () => {
    let rows = 0;
    for (let i = 0; i < viewOids.length; i += VIEW_BATCH) rows += (await reader.viewDefinitions(viewOids.slice(i, i + VIEW_BATCH))).size;
    return rows;
  });
  await timed('policies', 1, (r) => r.length, () => reader.policies(schemaOids));
  await timed('routines', 1, (r) => r.length, () => reader.routines(schemaOids));
  const cpu = process.cpuUsage(cpuStart);
  return { totalMs: ms(start), cpuMs: (cpu.user + cpu.system) / 1000, queries, server: [] };
}

// ---------------------------------------------------------------- server-side time (pg_stat_statements)

/** Top-level statements since the last reset, grouped by catalog query; our own pg_stat_statements reads left out. */
interface ServerStat {
  name: string;
  calls: number;
  ms: number;
  rows: number;
}

const QUERY_KINDS: [RegExp, string][] = [
  [/pg_get_viewdef/, 'view definitions'],
  [/from pg_catalog\.pg_constraint/, 'constraints'],
  [/from pg_catalog\.pg_attribute a\s+left join pg_catalog\.pg_description|format_type/, 'columns'],
  [/with recursive used/, 'types'],
  [/from pg_catalog\.pg_class c\s+left join pg_catalog\.pg_description/, 'relations'],
  [/pg_catalog\.pg_policy/, 'policies'],
  [/pg_catalog\.pg_proc/, 'routines'],
  [/from pg_catalog\.pg_namespace n/, 'schemas'],
  [/pg_catalog\.pg_database/, 'database'],
  [/current_setting/, 'server version (connect)'],
];

function kindOf(query: string): string {
  for (const [re, name] of QUERY_KINDS) if (re.test(query)) return name;
  return query.replace(/\s+/g, ' ').slice(0, 60);
}

class ServerStats {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<ServerStats> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // The server preloads the library; the view needs the extension in this database. Its objects belong to the
    // extension, so the workflow leaves them out.
    await client.query('create extension if not exists pg_stat_statements');
    return new ServerStats(client);
  }

  async reset(): Promise<void> {
    await this.client.query('select pg_stat_statements_reset()');
  }

  async read(): Promise<ServerStat[]> {
    const { rows } = await this.client.query<{ query: string; calls: string; ms: number; rows: string }>(
      `select query, calls, total_exec_time as ms, rows from pg_stat_statements
       where toplevel and dbid = (select oid from pg_database where datname = current_database())
         and query not like '%pg_stat_statements%'`,
    );
    const byKind = new Map<string, ServerStat>();
    for (const r of rows) {
      const name = kindOf(r.query);
      const s = byKind.get(name) ?? { name, calls: 0, ms: 0, rows: 0 };
      s.calls += Number(r.calls);
      s.ms += Number(r.ms);
      s.rows += Number(r.rows);
      byKind.set(name, s);
    }
    return [...byKind.values()].sort((a, b) => b.ms - a.ms);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

// ---------------------------------------------------------------- worker

interface WorkerRun {
  wallMs: number;
  peakRssKb: number;
  /** User and system CPU seconds of the worker process (from /usr/bin/time; NaN when polling). */
  userS: number;
  sysS: number;
  server: ServerStat[];
  exitCode: number;
  stderr: string;
  stdout: string;
}

const HAS_GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;
const RSS_METHOD = HAS_GNU_TIME
  ? '`/usr/bin/time -v` ("Maximum resident set size": the kernel\'s peak RSS of the worker process)'
  : 'polling /proc/<pid>/status VmRSS every 20 ms, keeping the maximum';

function readVmRssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function runWorkerOnce(command: string, args: string[]): Promise<WorkerRun> {
  const argv = HAS_GNU_TIME ? ['/usr/bin/time', ['-v', command, ...args]] as const : [command, args] as const;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(argv[0], argv[1], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakRssKb = 0;
    let userS = Number.NaN;
    let sysS = Number.NaN;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const poll = HAS_GNU_TIME ? undefined : setInterval(() => {
      if (child.pid) peakRssKb = Math.max(peakRssKb, readVmRssKb(child.pid));
    }, 20);
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = ms(start);
      if (poll) clearInterval(poll);
      if (HAS_GNU_TIME) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        peakRssKb = m ? Number(m[1]) : 0;
        userS = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN);
        sysS = Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN);
        const exit = /Exit status: (\d+)/.exec(stderr);
        code = exit ? Number(exit[1]) : code;
        stderr = stderr.replace(/\n?\s*Command being timed:[\s\S]*$/, '\n');
      }
      resolve({ wallMs, peakRssKb, userS, sysS, server: [], exitCode: code ?? -1, stderr, stdout });
    });
  });
}

function workflowYaml(db: GeneratedDatabase, outFile: string): string {
  const c = connectionOf(db.url);
  return `# Written by bench/metadata/run.ts
source:
  type: postgres
  serviceName: bench_pg
  serviceConnection:
    config:
      type: Postgres
      username: ${c.username}
      hostPort: ${c.hostPort}
      database: ${c.database}
      ingestAllDatabases: false
      sslMode: disable
  sourceConfig:
    config:
      type: DatabaseMetadata
      markDeletedTables: true
      includeTables: true
      includeViews: true
      includeTags: true
      includeOwners: true
      includeStoredProcedures: true
      includeDDL: true
      schemaFilterPattern:
        excludes:
          - ^information_schema$
          - ^pg_temp.*
      tableFilterPattern:
        excludes:
          - .*_backup$
          - ^tmp_.*
sink:
  type: file
  config:
    filename: ${outFile}
workflowConfig:
  loggerLevel: INFO
  openMetadataServerConfig:
    hostPort: http://localhost:8585/api
    authProvider: openmetadata
    securityConfig:
      jwtToken: bench-token-not-used
`;
}

interface OutputCheck {
  bytes: number;
  records: Record<string, number>;
  tables: number;
  views: number;
  viewsWithDdl: number;
  columns: number;
  columnsWithDescription: number;
  constraints: Record<string, number>;
  problems: string[];
}

async function checkOutput(file: string, db: GeneratedDatabase): Promise<OutputCheck> {
  const out: OutputCheck = {
    bytes: statSync(file).size, records: {}, tables: 0, views: 0, viewsWithDdl: 0, columns: 0, columnsWithDescription: 0, constraints: {}, problems: [],
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const { type, data } = JSON.parse(line) as { type: string; data: Record<string, unknown> };
    out.records[type] = (out.records[type] ?? 0) + 1;
    if (type !== 'createTable') continue;
    out.tables++;
    if (data.tableType === 'View') {
      out.views++;
      if (typeof data.schemaDefinition === 'string') out.viewsWithDdl++;
    }
    const columns = data.columns as { description?: string }[];
    out.columns += columns.length;
    out.columnsWithDescription += columns.filter((c) => c.description).length;
    for (const c of (data.tableConstraints as { constraintType: string }[] | undefined) ?? []) {
      out.constraints[c.constraintType] = (out.constraints[c.constraintType] ?? 0) + 1;
    }
  }
  const expect = (what: string, got: number, want: number): void => {
    if (got !== want) out.problems.push(`${what}: ${got}, expected ${want}`);
  };
  const c = db.counts;
  expect('createTable records', out.tables, EXPECTED_TABLES);
  expect('createTable records (vs the catalog)', out.tables, c.tables + c.views);
  expect('views', out.views, c.views);
  expect('views with schemaDefinition', out.viewsWithDdl, c.views);
  expect('columns', out.columns, c.columns);
  expect('column descriptions', out.columnsWithDescription, c.columnComments);
  expect('PRIMARY_KEY constraints', out.constraints.PRIMARY_KEY ?? 0, c.primaryKeys);
  expect('FOREIGN_KEY constraints', out.constraints.FOREIGN_KEY ?? 0, c.foreignKeys);
  expect('UNIQUE constraints', out.constraints.UNIQUE ?? 0, c.uniqueConstraints);
  expect('createDatabaseSchema records', out.records.createDatabaseSchema ?? 0, c.userSchemas);
  expect('createStoredProcedure records', out.records.createStoredProcedure ?? 0, c.routines);
  return out;
}

// ---------------------------------------------------------------- cpu profile

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function of a .cpuprofile, top `limit`. */
function topSelfTime(profile: CpuProfile, limit: number): { name: string; ms: number; share: number }[] {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    total += t;
    const f = node.callFrame;
    const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
    const name = `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + t);
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, t]) => ({ name, ms: t / 1000, share: t / total }));
}

async function cpuProfile(configFile: string, dir: string): Promise<string> {
  const bundle = path.join(ROOT, 'dist', 'om-worker.cjs');
  const profDir = path.join(dir, 'prof');
  const run = await runWorkerOnce(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, bundle, 'run', '-c', configFile]);
  if (run.exitCode !== 0) throw new Error(`profiled run failed (${run.exitCode}): ${run.stderr}`);
  const [file] = (await fs.readdir(profDir)).filter((f) => f.endsWith('.cpuprofile'));
  const keep = path.join(os.tmpdir(), `omgen-bench-metadata-${Date.now()}.cpuprofile`);
  await fs.copyFile(path.join(profDir, file), keep);
  const profile = JSON.parse(await fs.readFile(keep, 'utf8')) as CpuProfile;
  const lines = topSelfTime(profile, 25).map((t) => `  ${t.ms.toFixed(0).padStart(6)} ms ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.name}`);
  return `CPU profile of node ${path.relative(ROOT, bundle)} (wall ${fmtS(run.wallMs)}, peak RSS ${(run.peakRssKb / 1024).toFixed(0)} MB), saved to ${keep}\nTop self time:\n${lines.join('\n')}`;
}

// ---------------------------------------------------------------- results file

const HEADER = `# omgen benchmarks

Each section below is written by one bench runner and rewritten in place on its next run (between its
\`<!-- bench:NAME:start -->\` / \`<!-- bench:NAME:end -->\` markers); add a new bench as a new section with its own
markers. Figures are only comparable on the machine each section names.
`;

async function writeSection(name: string, body: string): Promise<void> {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(RESULTS_FILE) ? await fs.readFile(RESULTS_FILE, 'utf8') : HEADER;
  const i = current.indexOf(start);
  const j = current.indexOf(end);
  const next = i >= 0 && j > i ? `${current.slice(0, i)}${block}${current.slice(j + end.length)}` : `${current.trimEnd()}\n\n${block}\n`;
  const temp = `${RESULTS_FILE}.${process.pid}.tmp`;
  await fs.writeFile(temp, next);
  await fs.rename(temp, RESULTS_FILE);
}

interface Report {
  date: string;
  machine: Machine;
  db: GeneratedDatabase;
  runs: number;
  baseline: BaselineRun[];
  worker: WorkerRun[];
  check: OutputCheck;
  /** 1/5/15-minute load averages before the baseline and after the worker runs. */
  load: { before: number[]; after: number[] };
  /** The wait for a quiet machine before each measured pair. */
  quiet: { quiet: boolean; busy: number; waitedMs: number }[];
  maxBusy: number;
  command: string;
}

function quietLine(r: Report): string {
  if (r.maxBusy >= 1) return 'no wait for a quiet machine';
  const loud = r.quiet.filter((q) => !q.quiet).length;
  const busiest = Math.max(...r.quiet.map((q) => q.busy));
  return `each measured pair started once machine-wide CPU use was ≤ ${(r.maxBusy * 100).toFixed(0)}% for 1 s${loud > 0 ? ` (**${loud} of ${r.quiet.length} started without**, up to ${(busiest * 100).toFixed(0)}% busy)` : ''}`;
}

function renderSection(r: Report): string {
  const best = r.baseline.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  const bestWorker = r.worker.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  const maxRss = Math.max(...r.worker.map((w) => w.peakRssKb));
  const ratio = bestWorker.wallMs / best.totalMs;
  const ok = (pass: boolean): string => (pass ? 'met' : '**missed**');
  const n = (x: number): string => x.toLocaleString('en-US');
  const c = r.db.counts;
  const la = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' / ');
  const cpu = Number.isNaN(bestWorker.userS) ? 'not measured' : `${bestWorker.userS.toFixed(2)} s user + ${bestWorker.sysS.toFixed(2)} s system`;

  const clientMs = new Map(best.queries.map((q) => [q.name.replace(/ \(.*\)$/, ''), q]));
  const names = [...new Set([...best.queries.map((q) => q.name.replace(/ \(.*\)$/, '')), ...bestWorker.server.map((s) => s.name)])];
  const baseServer = new Map(best.server.map((s) => [s.name, s]));
  const workerServer = new Map(bestWorker.server.map((s) => [s.name, s]));
  const sum = (list: ServerStat[]): number => list.reduce((t, s) => t + s.ms, 0);
  const queryRows = names.map((name) => {
    const q = clientMs.get(name);
    const bs = baseServer.get(name);
    const ws = workerServer.get(name);
    return `| ${name} | ${q ? n(q.rows) : ''} | ${bs ? `${bs.calls} / ${bs.ms.toFixed(0)} ms` : ''} | ${q ? `${q.ms.toFixed(0)} ms` : ''} | ${ws ? `${ws.calls} / ${ws.ms.toFixed(0)} ms` : ''} |`;
  });
  const records = Object.entries(r.check.records).map(([type, count]) => `${type} ${n(count)}`).join(', ');
  return `## metadata

The full metadata workflow (\`dist/om-worker run\`, file sink) against the catalog's physical limit: the same
set-based catalog queries alone, one after another on one connection, every row read (CatalogReader + SourcePool).

- Command: \`${r.command}\` (best of ${r.runs} after one warm-up, each side; baseline and worker runs alternate)
- Date: ${r.date}
- Machine: ${r.machine.nproc} × ${r.machine.cpu}, ${r.machine.memoryGb.toFixed(0)} GB RAM, Linux ${r.machine.kernel};
  load average (1/5/15 min) ${la(r.load.before)} before, ${la(r.load.after)} after; ${quietLine(r)}
- Node ${r.machine.node}; Postgres ${r.machine.postgres} (embedded \`pg18\` package: default settings plus fsync off)
- Worker: ${r.machine.worker}

Database (bench/metadata/generate.ts, built in ${r.db.seconds.toFixed(1)} s): ${c.schemas} schemas (+ public), ${n(c.tables)} tables,
${c.views} views, ${n(c.columns)} columns, ${n(c.primaryKeys)} primary keys, ${n(c.foreignKeys)} foreign keys,
${n(c.uniqueConstraints)} unique constraints, ${n(c.tableComments)} table and ${n(c.columnComments)} column comments, ${c.routines} routines,
${c.policies} policies.

| measure | result | target | |
| --- | --- | --- | --- |
| baseline: catalog queries, one connection | ${fmtS(best.totalMs)} (runs: ${r.baseline.map((b) => fmtS(b.totalMs)).join(', ')}) | | |
| worker: \`om-worker run\`, wall time | ${fmtS(bestWorker.wallMs)} (runs: ${r.worker.map((w) => fmtS(w.wallMs)).join(', ')}) | | |
| **ratio worker / baseline** | **${ratio.toFixed(2)}** | ≤ ${TARGET_RATIO} | ${ok(ratio <= TARGET_RATIO)} |
| **worker peak RSS** (max over runs) | **${(maxRss / 1024).toFixed(0)} MB** (runs: ${r.worker.map((w) => (w.peakRssKb / 1024).toFixed(0)).join(', ')} MB) | ≤ ${TARGET_RSS_MB} MB | ${ok(maxRss / 1024 <= TARGET_RSS_MB)} |
| createTable records written | ${n(r.check.tables)} | ${n(EXPECTED_TABLES)} | ${ok(r.check.tables === EXPECTED_TABLES)} |
| client CPU time (best runs) | baseline ${fmtS(best.cpuMs)} (reading and shaping rows); worker ${cpu} | | |
| server time (sum of statements) | baseline ${sum(best.server).toFixed(0)} ms, worker ${sum(bestWorker.server).toFixed(0)} ms | | |

Peak RSS measured by ${RSS_METHOD}.
Worker wall time runs from spawn to exit (process start, config validation and connecting included); the
baseline's excludes connecting. Client CPU: the baseline's is this process's CPU during its run, the worker's is
from \`/usr/bin/time\`.

Per catalog query, best run of each side. Server time is pg_stat_statements' total_exec_time of top-level
statements (calls / ms); the worker runs up to three statements at once on ${r.machine.nproc} cores beside its own
process, so its server times include waiting for a CPU.

| query | rows | baseline server | baseline client-measured | worker server |
| --- | --- | --- | --- | --- |
${queryRows.join('\n')}

Worker output (last run): ${(r.check.bytes / 1024 / 1024).toFixed(1)} MB NDJSON; ${records}; ${n(r.check.columns)} columns
(${n(r.check.columnsWithDescription)} with a description); constraints ${Object.entries(r.check.constraints).map(([k, count]) => `${k} ${n(count)}`).join(', ')};
${r.check.viewsWithDdl} views with their definition. ${r.check.problems.length === 0 ? 'All counts match the catalog.' : `**Mismatches:** ${r.check.problems.join('; ')}.`}
`;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.worker)) {
    log(`${args.worker} is missing: running npm run build`);
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0 || !existsSync(args.worker)) throw new Error('npm run build failed');
  }
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'omgen-bench-metadata-'));
  log('starting embedded Postgres 18');
  const server = await startEmbeddedPostgres({ binaryPackage: 'pg18' });
  try {
    log('generating the database');
    const db = await generateMetadataDatabase({ adminUrl: server.url });
    log(`generated in ${db.seconds.toFixed(1)} s: ${JSON.stringify(db.counts)} phases ${JSON.stringify(db.phases)}`);

    const postgres = await (async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        return (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0].v;
      } finally {
        await c.end();
      }
    })();
    const machine: Machine = {
      nproc: os.availableParallelism(),
      cpu: cpuModel(),
      memoryGb: os.totalmem() / 1024 ** 3,
      kernel: os.release(),
      node: process.version,
      postgres,
      worker: workerFacts(args.worker),
    };

    const stats = await ServerStats.open(db.url);
    const loadBefore = os.loadavg();
    const configFile = path.join(work, 'metadata.yaml');
    const outFile = path.join(work, 'metadata.ndjson');
    await fs.writeFile(configFile, workflowYaml(db, outFile));
    // Baseline: one connection, so every query runs after the previous one. Baseline and worker runs alternate, so
    // both sides see the same conditions when the machine is shared.
    const pool = await SourcePool.open(connectionOf(db.url), db.database, { maxConnections: 1 });
    const baseline: BaselineRun[] = [];
    const worker: WorkerRun[] = [];
    const quiet: { quiet: boolean; busy: number; waitedMs: number }[] = [];
    try {
      for (let i = 0; i <= args.runs; i++) {
        const label = i === 0 ? 'warm-up' : `run ${i}`;
        if (i > 0 && args.maxBusy < 1) {
          const q = await waitForQuiet(args.maxBusy, 120_000);
          quiet.push(q);
          log(`${q.quiet ? 'quiet' : 'NOT quiet'} (CPU ${(q.busy * 100).toFixed(0)}% busy) after ${fmtS(q.waitedMs)}`);
        }
        await stats.reset();
        const base = await baselineOnce(pool);
        base.server = await stats.read();
        log(`baseline ${label}: ${fmtS(base.totalMs)} (${base.queries.map((q) => `${q.name} ${q.ms.toFixed(0)} ms`).join(', ')})`);

        await stats.reset();
        const run = await runWorkerOnce(args.worker, ['run', '-c', configFile]);
        run.server = await stats.read();
        if (run.exitCode !== 0) throw new Error(`om-worker exited with ${run.exitCode}\n${run.stderr}\n${run.stdout}`);
        log(`worker ${label}: ${fmtS(run.wallMs)}, peak RSS ${(run.peakRssKb / 1024).toFixed(0)} MB, CPU ${run.userS} s user + ${run.sysS} s system`);
        if (i > 0) {
          baseline.push(base);
          worker.push(run);
        }
      }
    } finally {
      await pool.close();
    }
    process.stderr.write(worker[worker.length - 1].stdout);
    await stats.close();
    const load = { before: loadBefore, after: os.loadavg() };

    const check = await checkOutput(outFile, db);
    const report: Report = { date: new Date().toISOString(), machine, db, runs: args.runs, baseline, worker, check, load, quiet, maxBusy: args.maxBusy,
      command: [COMMAND, ...process.argv.slice(2).filter((a) => a !== '--no-write')].join(' ') };
    const section = renderSection(report);
    process.stdout.write(`${section}\n`);
    if (args.write) {
      await writeSection('metadata', section);
      log(`wrote the metadata section of ${path.relative(ROOT, RESULTS_FILE)}`);
    }
    if (args.cpuProf) process.stdout.write(`\n${await cpuProfile(configFile, work)}\n`);
    if (check.problems.length > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench:metadata] ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
