import type { GeneratedDatabase } from '../metadata/generate.js';
import { loadAverageText as la, median } from '../support/format.js';
import type { Machine } from '../support/machine-facts.js';
import type { Args } from './args.js';
import { fmtS, n } from './format.js';
import type { Run } from './measure.js';
import { EXPECTED_TABLES, type Scenario } from './scenario.js';

const TARGET_TABLES_PER_S = 1_000;
const DEFAULT_CONCURRENCY_NOTE = 8; // DEFAULT_REST_CONCURRENCY in src/sinks/create-sink.ts, for the report only

export interface Report {
  date: string;
  command: string;
  args: Args;
  machine: Machine;
  db: GeneratedDatabase;
  scenarios: Scenario[];
  runs: Run[];
  load: { before: number[]; after: number[] };
  problems: string[];
}

function best(runs: Run[]): Run {
  return runs.reduce((a, b) => (b.child.wallMs < a.child.wallMs ? b : a));
}

export function renderSection(r: Report): string {
  const byScenario = new Map(r.scenarios.map((s) => [s.name, r.runs.filter((run) => run.scenario.name === s.name)]));
  const fileBest = best(byScenario.get('file sink') ?? []);
  const tps = (run: Run): number => EXPECTED_TABLES / (run.child.wallMs / 1000);
  const headline = best(byScenario.get(`REST, default concurrency, fresh double`) ?? []);
  const headlineRerun = best(byScenario.get(`REST, default concurrency, re-run`) ?? []);
  const medianOf = (runs: Run[]): number => median(runs.map((x) => x.child.wallMs));
  const headlineRuns = byScenario.get(`REST, default concurrency, fresh double`) ?? [];
  const headlineMedianTps = EXPECTED_TABLES / (medianOf(headlineRuns) / 1000);
  // Judged on the median: single runs of one configuration swing by ±10% here, so a best-of-3 alone can flatter.
  const verdict =
    headlineMedianTps >= TARGET_TABLES_PER_S
      ? 'met'
      : tps(headline) >= TARGET_TABLES_PER_S
        ? '**borderline**: the best run meets it, the median does not'
        : '**missed**';
  const quiet = r.runs.filter((run) => run.quiet);
  const loud = quiet.filter((run) => !run.quiet?.quiet);
  const quietLine =
    r.args.maxBusy >= 1
      ? 'no wait for a quiet machine'
      : `each measured run started once machine-wide CPU use was ≤ ${(r.args.maxBusy * 100).toFixed(0)}% for 1 s${loud.length > 0 ? ` (**${loud.length} of ${quiet.length} started without**, up to ${(Math.max(...loud.map((x) => x.quiet?.busy ?? 0)) * 100).toFixed(0)}% busy)` : ''}`;

  const mainRows = r.scenarios.map((s) => {
    const runs = byScenario.get(s.name) ?? [];
    const b = best(runs);
    const ratio = s.sink === 'file' ? '1' : (b.child.wallMs / fileBest.child.wallMs).toFixed(2);
    const c = b.counters;
    const requests = c
      ? `${n(c.requests)} (${Object.entries(c.byMethod)
          .sort()
          .map(([m, k]) => `${m} ${n(k)}`)
          .join(', ')})`
      : '';
    const writes = c ? `${n(c.created)} / ${n(c.updated)} / ${n(c.unchanged)}` : '';
    const tables = b.check ? `${n(b.check.tables)}${b.check.deleted ? ` (${b.check.deleted} deleted)` : ''}` : '';
    const label = s.sink === 'rest' && s.concurrency === undefined ? `${s.name} (${DEFAULT_CONCURRENCY_NOTE})` : s.name;
    return `| ${label} | ${fmtS(b.child.wallMs)} (${runs.map((x) => (x.child.wallMs / 1000).toFixed(2)).join(', ')}) | **${n(tps(b))}** | ${n(EXPECTED_TABLES / (medianOf(runs) / 1000))} | ${ratio} | ${requests} | ${writes} | ${tables} |`;
  });
  const cpuRows = r.scenarios.map((s) => {
    const runs = byScenario.get(s.name) ?? [];
    const b = best(runs);
    const maxRss = Math.max(...runs.map((x) => x.child.peakRssKb));
    const workerCpu = b.child.userS + b.child.sysS;
    const wall = b.child.wallMs / 1000;
    const other = b.machineCpuS - workerCpu - b.doubleCpuMs / 1000;
    return `| ${s.name} | ${workerCpu.toFixed(2)} s (${b.child.userS.toFixed(2)} + ${b.child.sysS.toFixed(2)}) | ${fmtS(b.doubleCpuMs)} (${(b.doubleElu * 100).toFixed(0)}%) | ${Math.max(0, other).toFixed(2)} s | ${b.machineCpuS.toFixed(2)} s (${((b.machineCpuS / wall / r.machine.nproc) * 100).toFixed(0)}% of ${r.machine.nproc} cores) | ${(maxRss / 1024).toFixed(0)} MB (${runs.map((x) => (x.child.peakRssKb / 1024).toFixed(0)).join(', ')}) |`;
  });

  const phaseRows = r.scenarios
    .filter((s) => s.sink === 'rest')
    .map((s) => {
      const b = best(byScenario.get(s.name) ?? []);
      const p = b.phases;
      if (!p) return `| ${s.name} | | | | | |`;
      const puts = (p.lastTablePut - p.firstTablePut) / 1000;
      const sent = Number.isFinite(puts);
      const lastRequest = Math.max(...[p.lastList, p.lastPut].filter(Number.isFinite));
      return `| ${s.name} | ${sent ? fmtS(p.firstTablePut) : '—'} | ${sent ? `${puts.toFixed(2)} s (${n(EXPECTED_TABLES / puts)} tables/s)` : 'none: all unchanged'} | ${p.lists} GETs, ${fmtS(p.listMs)} in the double | ${fmtS(p.end - lastRequest)} | ${b.served ? `${b.served.mean.toFixed(1)} ms / ${b.served.p99} ms` : ''} |`;
    });

  return `## rest

The metadata workflow (\`dist/om-worker run\`) pushing the metadata bench's database into the OpenMetadata API double
(test/support/openmetadata-double, in the bench's own process, ${r.args.latencyMs} ms of latency per request, request
bodies not kept) with the metadata-rest sink, against the same run to the file sink. Target (issue): 10,000 tables
into the double with 2 ms latency per request at ≥ ${n(TARGET_TABLES_PER_S)} tables/s.

- Command: \`${r.command}\` (${r.args.runs} runs of each configuration after one warm-up of the file sink and the default REST run, configurations taking turns within each round; best and median reported, the target judged on the median)
- Date: ${r.date}
- Machine: ${r.machine.nproc} × ${r.machine.cpu}, ${r.machine.memoryGb.toFixed(0)} GB RAM, Linux ${r.machine.kernel};
  load average (1/5/15 min) ${la(r.load.before)} before, ${la(r.load.after)} after; ${quietLine}
- Node ${r.machine.node}; Postgres ${r.machine.postgres} (embedded \`pg18\` package: default settings plus fsync off)
- Worker: ${r.machine.worker}
- Database: bench/metadata/generate.ts (built in ${r.db.seconds.toFixed(1)} s): ${n(r.db.counts.tables)} tables + ${n(r.db.counts.views)} views (${n(EXPECTED_TABLES)} createTable requests), ${n(r.db.counts.columns)} columns, ${r.db.counts.userSchemas} schemas, ${r.db.counts.routines} routines

| measure | result | target | |
| --- | --- | --- | --- |
| **tables/s, default concurrency, fresh double** (median; best) | **${n(headlineMedianTps)}** (${fmtS(medianOf(headlineRuns))}); best ${n(tps(headline))} (${fmtS(headline.child.wallMs)}) | ≥ ${n(TARGET_TABLES_PER_S)} (median) | ${verdict} |
| tables/s, default concurrency, re-run (all unchanged) | ${n(tps(headlineRerun))} (${fmtS(headlineRerun.child.wallMs)}) | | |
| ratio REST / file sink (wall time, default, fresh) | ${(headline.child.wallMs / fileBest.child.wallMs).toFixed(2)} (file sink ${fmtS(fileBest.child.wallMs)} = ${n(tps(fileBest))} tables/s) | | |
| tables in the double after every REST run | ${r.runs.filter((x) => x.check).every((x) => x.check?.tables === EXPECTED_TABLES && x.check.deleted === 0) ? `${n(EXPECTED_TABLES)}, none deleted, in all ${r.runs.filter((x) => x.check).length} runs` : '**not always 10,500**'} | ${n(EXPECTED_TABLES)} | ${r.problems.length === 0 ? 'met' : '**missed**'} |

Best run of each configuration (all runs in brackets, seconds). tables/s = ${n(EXPECTED_TABLES)} / wall time of the worker
process (spawn to exit: start, connecting, reading the catalog, listing, sending, mark-deleted, all included).
Requests and writes are the double's counters for the run (writes: created / updated / unchanged).

| configuration | wall time, best (all runs) | tables/s, best | tables/s, median | REST / file (best) | requests answered | writes | tables in double |
| --- | --- | --- | --- | --- | --- | --- | --- |
${mainRows.join('\n')}

CPU of the best runs: the worker's from \`/usr/bin/time -v\`; the double's is this (bench) process's
\`process.cpuUsage()\` over the run, with its event-loop utilisation in brackets (the double's one thread: 100% would
mean it is the bottleneck); "Postgres and rest" is machine-wide busy CPU (/proc/stat) less the two. Peak RSS of the
worker is \`/usr/bin/time -v\`'s maximum resident set size (max over runs, all runs in brackets).

| configuration | worker CPU (user + sys) | double CPU (ELU) | Postgres and rest | machine busy | worker peak RSS |
| --- | --- | --- | --- | --- | --- |
${cpuRows.join('\n')}

Phases of the best runs, from the double's request log (ms since spawn): the worker's start, config, connecting and
first catalog batch until the first table PUT; the table PUTs (first sent to last answered; none on a re-run, where
every table's sourceHash is already on the server); the listings of what the server holds under each parent
(\`GET tables?databaseSchema=…&fields=sourceHash\` and the like, one per parent, taken before its first child is sent
and reused by mark-deleted), with the time the double held them; the rest from the last request until the process
exits. "In double" is how long the double held a request (its ${r.args.latencyMs} ms latency included), mean / p99.

| configuration | to first table PUT | table PUTs | listings | after the last request | in double |
| --- | --- | --- | --- | --- | --- |
${phaseRows.join('\n')}
${r.problems.length > 0 ? `\n**Problems:** ${r.problems.join('; ')}.\n` : ''}`;
}
