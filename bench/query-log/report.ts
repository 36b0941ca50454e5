import { RSS_METHOD, type ChildRun } from '../support/child-run.js';
import { loadAverageText as la, secondsText } from '../support/format.js';
import type { Machine } from '../support/machine-facts.js';
import type { Quiet } from '../support/quiet-machine.js';
import type { BaselineRun, LogTexts } from './baseline.js';
import { FIRST_DAY, kindCounts, type QueryLogExpectations } from './generate.js';
import { MIN_SHARE, type LineageCheck, type StepFacts, type UsageCheck } from './output-check.js';
import type { AllocationSummary, ProfileSummary } from './profile.js';

export const SECTION = 'query-log';

/** The issue's targets. */
export const TARGET_RATE = 10_000;
export const TARGET_RATIO = 0.4;
export const TARGET_RSS_MB = 400;

export interface Report {
  date: string;
  command: string;
  machine: Machine;
  load: { before: number[]; after: number[] };
  quiet: Quiet[];
  maxBusy: number;
  runs: number;
  seed: number;
  generateSeconds: number;
  csvFile: string;
  expectations: QueryLogExpectations;
  texts: Omit<LogTexts, 'texts'> & { count: number };
  catalog: { schemas: number; tables: number; columns: number; roles: number; rolesWithSearchPath: number; seconds: number };
  /** `om-worker --version` runs: the cost of starting the executable. */
  start: ChildRun[];
  baseline: BaselineRun[];
  lineage: ChildRun[];
  usage: ChildRun[];
  lineageCheck: LineageCheck;
  usageCheck: UsageCheck;
  profiles: ProfileSummary[];
  allocations: AllocationSummary[];
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const s = (ms: number): string => secondsText(ms, 2);
const mb = (kb: number): string => (kb / 1024).toFixed(0);
const pct = (part: number, whole: number): string => `${whole === 0 ? '100.0' : ((part / whole) * 100).toFixed(1)} %`;
const mark = (pass: boolean): string => (pass ? '✓' : '✗');
const best = <T>(runs: T[], ms: (r: T) => number): T => runs.reduce((a, b) => (ms(b) < ms(a) ? b : a));

export interface Figures {
  baselineRate: number;
  startMs: number;
  workflows: { name: string; best: ChildRun; rate: number; rateExStart: number; ratio: number; ratioExStart: number; maxRssKb: number }[];
}

export function figures(r: Report): Figures {
  const base = best(r.baseline, (b) => b.ms);
  const baselineRate = r.texts.count / (base.ms / 1000);
  const startMs = best(r.start, (x) => x.wallMs).wallMs;
  const rows = r.expectations.rows;
  const workflows = (
    [
      ['lineage', r.lineage],
      ['usage', r.usage],
    ] as const
  ).map(([name, runs]) => {
    const b = best(runs, (x) => x.wallMs);
    const rate = rows / (b.wallMs / 1000);
    const rateExStart = rows / (Math.max(1, b.wallMs - startMs) / 1000);
    return {
      name,
      best: b,
      rate,
      rateExStart,
      ratio: rate / baselineRate,
      ratioExStart: rateExStart / baselineRate,
      maxRssKb: Math.max(...runs.map((x) => x.peakRssKb)),
    };
  });
  return { baselineRate, startMs, workflows };
}

function quietLine(r: Report): string {
  if (r.maxBusy >= 1) return 'no wait for a quiet machine';
  const loud = r.quiet.filter((q) => !q.quiet).length;
  const busiest = Math.max(0, ...r.quiet.map((q) => q.busy));
  return `each measured run started once machine-wide CPU use was ≤ ${(r.maxBusy * 100).toFixed(0)}% for 1 s${loud > 0 ? ` (**${loud} of ${r.quiet.length} started without**, up to ${(busiest * 100).toFixed(0)}% busy)` : ''}`;
}

const fact = (steps: StepFacts[], step: string, name: string): string => steps.find((x) => x.name === step)?.facts[name] ?? 'n/a';
const stepOf = (steps: StepFacts[], step: string): StepFacts | undefined => steps.find((x) => x.name === step);

function profileLines(p: ProfileSummary): string {
  const groups = p.groups.filter((g) => g.ms >= p.totalMs / 1000).map((g) => `| ${g.name} | ${n(g.ms)} ms | ${pct(g.ms, p.totalMs)} |`);
  const top = p.top.slice(0, 15).map((t) => `| \`${t.name}\` | ${n(t.ms)} ms | ${(t.share * 100).toFixed(1)} % |`);
  const code = (text: string): string => `\`\` ${text.replace(/\|/g, '\\|')} \`\``;
  const lines = p.lines.map((l) => `| ${l.line} | ${code(l.text)} | ${n(l.ms)} ms | ${pct(l.ms, p.totalMs)} |`);
  return `**${p.workflow}** under \`node --cpu-prof dist/om-worker.cjs run\`: ${s(p.wallMs)} wall, ${s(p.totalMs)} sampled (idle ${s(p.idleMs)}); profile kept at ${p.file}.

| area (inclusive time) | time | share |
| --- | --- | --- |
${groups.join('\n')}

| function (self time) | time | share |
| --- | --- | --- |
${top.join('\n')}

| line of om-worker.cjs | source | self time | share |
| --- | --- | --- | --- |
${lines.join('\n')}
`;
}

function allocationLines(a: AllocationSummary, statements: number): string {
  const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  const groups = a.groups.filter((g) => g.bytes >= a.totalBytes / 1000).map((g) => `| ${g.name} | ${gb(g.bytes)} | ${pct(g.bytes, a.totalBytes)} |`);
  const top = a.top.map((t) => `| \`${t.name}\` | ${gb(t.bytes)} | ${pct(t.bytes, a.totalBytes)} |`);
  return `**${a.workflow}**, allocations sampled by V8's heap profiler (collected objects included): ${gb(a.totalBytes)} allocated in all,
${n(a.totalBytes / statements / 1024)} KB per statement (that run: ${s(a.wallMs)}, peak RSS ${mb(a.peakRssKb)} MB).

| allocated under (inclusive) | bytes | share |
| --- | --- | --- |
${groups.join('\n')}

| allocating function (self) | bytes | share |
| --- | --- | --- |
${top.join('\n')}
`;
}

export function renderSection(r: Report): string {
  const f = figures(r);
  const x = r.expectations;
  const base = best(r.baseline, (b) => b.ms);
  const reads = x.readStatements;
  const writes = x.writeStatements;
  const kinds = kindCounts(x)
    .map(([kind, count]) => `${kind} ${n(count)}`)
    .join(', ');
  const rows = f.workflows.flatMap((w) => {
    const runs = w.name === 'lineage' ? r.lineage : r.usage;
    const cpu = Number.isNaN(w.best.userS) ? '' : `; CPU ${w.best.userS.toFixed(2)} s user + ${w.best.sysS.toFixed(2)} s system`;
    return [
      `| **${w.name}: statements/s** (wall time, best run) | **${n(w.rate)}** (${s(w.best.wallMs)}; runs: ${runs.map((x) => s(x.wallMs)).join(', ')}${cpu}) | ≥ ${n(TARGET_RATE)} | ${mark(w.rate >= TARGET_RATE)} |`,
      `| ${w.name}: statements/s without the process start | ${n(w.rateExStart)} (${s(w.best.wallMs - f.startMs)}) | | |`,
      `| **${w.name}: ratio to raw parse throughput** | **${w.ratio.toFixed(2)}** (without the start: ${w.ratioExStart.toFixed(2)}) | ≥ ${TARGET_RATIO} | ${mark(w.ratio >= TARGET_RATIO)} |`,
      `| **${w.name}: peak RSS** (max over runs) | **${mb(w.maxRssKb)} MB** (runs: ${runs.map((x) => mb(x.peakRssKb)).join(', ')} MB) | ≤ ${TARGET_RSS_MB} MB | ${mark(w.maxRssKb / 1024 <= TARGET_RSS_MB)} |`,
    ];
  });
  const lc = r.lineageCheck;
  const uc = r.usageCheck;
  const lineageSource = stepOf(lc.steps, 'Postgres');
  const usageParser = stepOf(uc.steps, 'Query Parser');
  const usageRecords = Object.entries(uc.records)
    .map(([type, count]) => `${type} ${n(count)}`)
    .join(', ');
  const profiles =
    r.profiles.length > 0
      ? `\n### query-log: where the worker's time goes\n\n${r.profiles.map(profileLines).join('\n')}\n${r.allocations.map((a) => allocationLines(a, x.rows)).join('\n')}`
      : '';
  return `## ${SECTION}

${n(x.rows)} statements of OpenMetadata's query-log CSV (\`queryLogFilePath\`) through the lineage and the usage
workflow (\`dist/om-worker run\`, file sink), against Postgres's own parser alone (libpg-query \`parseSync\`, the
wasm build the worker bundles) over the same statements in the same run. Targets (issue): ≥ ${n(TARGET_RATE)} statements/s,
≥ ${TARGET_RATIO} of the raw parse throughput, peak RSS ≤ ${TARGET_RSS_MB} MB.

- Command: \`${r.command}\` (best of ${r.runs} after one warm-up, each side; baseline, lineage and usage runs take turns)
- Date: ${r.date}
- Machine: ${r.machine.nproc} × ${r.machine.cpu}, ${r.machine.memoryGb.toFixed(0)} GB RAM, Linux ${r.machine.kernel};
  load average (1/5/15 min) ${la(r.load.before)} before, ${la(r.load.after)} after; ${quietLine(r)}
- Node ${r.machine.node}; Postgres ${r.machine.postgres} (embedded \`pg18\` package: default settings plus fsync off)
- Worker: ${r.machine.worker}

Query log (bench/query-log/generate.ts, seed ${r.seed}, written in ${r.generateSeconds.toFixed(1)} s): ${n(x.rows)} rows, ${(x.bytes / 1024 / 1024).toFixed(1)} MB,
7 days from ${FIRST_DAY}, 5 roles; ${n(r.texts.count)} query texts read back (${n(x.brokenRows)} rows unreadable as CSV and
${n(x.emptyRows)} without query_text are warnings), **${n(r.texts.distinctTexts)} distinct texts** (${pct(r.texts.distinctTexts, r.texts.count)}:
the worker's cache of repeated texts barely helps) and ${n(r.texts.distinctFingerprints)} distinct fingerprints; ${n(x.multiLine)} multi-line;
${n(x.aborted)} aborted and ${n(x.otherDatabase)} of another database (both workflows skip them); ${n(r.texts.refused)} the parser refuses
(${n(x.unparseable)} made so). Kinds: ${kinds}. Of the statements both workflows analyse, ${n(reads)} read and
${n(writes)} write tables (${pct(reads, reads + writes)} reads). Catalog: ${r.catalog.tables} tables in ${r.catalog.schemas} schemas, ${n(r.catalog.columns)} columns, ${r.catalog.roles} roles
(${r.catalog.rolesWithSearchPath} with their own search_path, whose statements name tables without a schema); built in ${r.catalog.seconds.toFixed(1)} s.

| measure | result | target | |
| --- | --- | --- | --- |
| baseline: \`parseSync\` of the ${n(r.texts.count)} texts, each once | ${n(f.baselineRate)} statements/s (${s(base.ms)}; runs: ${r.baseline.map((b) => s(b.ms)).join(', ')}) | | |
| worker start: \`om-worker --version\` (best of ${r.start.length}) | ${s(f.startMs)}, peak RSS ${mb(Math.max(...r.start.map((x) => x.peakRssKb)))} MB | | |
${rows.join('\n')}
| lineage output | ${n(lc.edges)} addLineage records (${n(lc.columnEdges)} column mappings); ${n(lc.expectedFound)} of the ${n(lc.expected)} expected table edges (${pct(lc.expectedFound, lc.expected)}), ${n(lc.unexpected)} others; statements parsed ${fact(lc.steps, 'Postgres', 'statements parsed')}; ${n(lineageSource?.warnings ?? 0)} warnings | ≥ ${MIN_SHARE * 100} % of the edges | ${mark(lc.ok)} |
| usage output | usageRequest counts sum to ${n(uc.counted)} of the ${n(uc.expected)} expected table uses (${pct(uc.counted, uc.expected)}); ${n(uc.exactDays)} of ${n(uc.expectedDays)} table-days exact; statements parsed ${fact(uc.steps, 'Query Parser', 'statements parsed')}, ${n(usageParser?.filtered ?? 0)} filtered (no table), ${n(usageParser?.warnings ?? 0)} warnings | ≥ ${MIN_SHARE * 100} % of the uses | ${mark(uc.ok)} |

statements/s = the ${n(x.rows)} rows of the log ÷ the worker's wall time, spawn to exit (process start, config
validation, connecting, reading the catalog, reading and analysing every statement, writing the output); "without
the process start" subtracts the \`--version\` run. The baseline's rate is the texts parsed ÷ the time of the
\`parseSync\` calls alone (this process's CPU meanwhile: ${s(base.cpuMs)}); the ratio divides the worker's rate by it.
Peak RSS measured by ${RSS_METHOD}. Both workflows analyse every text apart from the aborted rows and those of another
database: lineage resolves each statement against the catalog and merges its edges per table pair (view and function
lineage off); usage parses each statement in its query-parser processor, stages the table uses per day and writes
usageRequest, tableJoins and createQuery records (one per distinct query).
Expected table uses: every table each analysed statement reads or writes, once per statement and day (a DELETE's
table included${x.deleteOnlyTouches > 0 ? `: ${n(x.deleteOnlyTouches)} uses only a DELETE makes` : ''}); expected edges: every table a write reads → every table it writes.
Outputs of the last runs: lineage ${(lc.bytes / 1024 / 1024).toFixed(1)} MB NDJSON; usage ${(uc.bytes / 1024 / 1024).toFixed(1)} MB (${usageRecords}).${
    uc.differences.length > 0
      ? ` Usage counts off per table (output − expected): ${uc.differences.slice(0, 8).join(', ')}${uc.differences.length > 8 ? ', …' : ''}.`
      : ''
  }${lc.missingSamples.length > 0 ? ` Expected edges missing, e.g. ${lc.missingSamples.slice(0, 3).join('; ')}.` : ''}${
    lc.unexpectedSamples.length > 0 ? ` Unexpected edges, e.g. ${lc.unexpectedSamples.slice(0, 3).join('; ')}.` : ''
  }
${profiles}`;
}
