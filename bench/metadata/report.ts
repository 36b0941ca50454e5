import { RSS_METHOD } from '../support/child-run.js';
import { loadAverageText as la } from '../support/format.js';
import type { Machine } from '../support/machine-facts.js';
import type { Quiet } from '../support/quiet-machine.js';
import type { BaselineRun } from './baseline.js';
import { fmtS } from './format.js';
import type { GeneratedDatabase } from './generate.js';
import { EXPECTED_TABLES, type OutputCheck } from './output-check.js';
import type { ServerStat } from './server-stats.js';
import type { WorkerRun } from './worker-run.js';

/** The embedded Postgres major to measure on: OMGEN_BENCH_PG names an installed binary package (pg11, pg15, pg18). */
export function benchPostgresPackage(): string {
  return process.env.OMGEN_BENCH_PG ?? 'pg18';
}

/** `metadata` on Postgres 18 (the default), `metadata-pg15` and so on on the others: each keeps its own section. */
export function benchSectionName(): string {
  const pkg = benchPostgresPackage();
  return pkg === 'pg18' ? 'metadata' : `metadata-${pkg}`;
}

const TARGET_RATIO = 2;
const TARGET_RSS_MB = 300;

export interface Report {
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
  quiet: Quiet[];
  maxBusy: number;
  command: string;
}

function quietLine(r: Report): string {
  if (r.maxBusy >= 1) return 'no wait for a quiet machine';
  const loud = r.quiet.filter((q) => !q.quiet).length;
  const busiest = Math.max(...r.quiet.map((q) => q.busy));
  return `each measured pair started once machine-wide CPU use was ≤ ${(r.maxBusy * 100).toFixed(0)}% for 1 s${loud > 0 ? ` (**${loud} of ${r.quiet.length} started without**, up to ${(busiest * 100).toFixed(0)}% busy)` : ''}`;
}

export function renderSection(r: Report): string {
  const best = r.baseline.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  const bestWorker = r.worker.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  const maxRss = Math.max(...r.worker.map((w) => w.peakRssKb));
  const ratio = bestWorker.wallMs / best.totalMs;
  const ok = (pass: boolean): string => (pass ? 'met' : '**missed**');
  const n = (x: number): string => x.toLocaleString('en-US');
  const c = r.db.counts;
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
  const records = Object.entries(r.check.records)
    .map(([type, count]) => `${type} ${n(count)}`)
    .join(', ');
  return `## ${benchSectionName()}

The full metadata workflow (\`dist/om-worker run\`, file sink) against the catalog's physical limit: the same
set-based catalog queries alone, one after another on one connection, every row read (CatalogReader + SourcePool).

- Command: \`${r.command}\` (best of ${r.runs} after one warm-up, each side; baseline and worker runs alternate)
- Date: ${r.date}
- Machine: ${r.machine.nproc} × ${r.machine.cpu}, ${r.machine.memoryGb.toFixed(0)} GB RAM, Linux ${r.machine.kernel};
  load average (1/5/15 min) ${la(r.load.before)} before, ${la(r.load.after)} after; ${quietLine(r)}
- Node ${r.machine.node}; Postgres ${r.machine.postgres} (embedded \`${benchPostgresPackage()}\` package: default settings plus fsync off)
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
(${n(r.check.columnsWithDescription)} with a description); constraints ${Object.entries(r.check.constraints)
    .map(([k, count]) => `${k} ${n(count)}`)
    .join(', ')};
${r.check.viewsWithDdl} views with their definition. ${r.check.problems.length === 0 ? 'All counts match the catalog.' : `**Mismatches:** ${r.check.problems.join('; ')}.`}
`;
}
