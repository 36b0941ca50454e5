/**
 * The query-log benchmark: how fast do the lineage and usage workflows get through a warehouse's query log, against
 * Postgres's parser alone?
 *
 *   npx tsx bench/query-log/run.ts [--statements N] [--runs N] [--seed S] [--max-busy 0..1] [--no-write] [--worker PATH] [--cpu-prof]
 *
 * 1. Writes the query log (bench/query-log/generate.ts: 100,000 statements by default, deterministic) and starts
 *    embedded Postgres 18 with the warehouse catalog the statements name (60 tables in 5 schemas, 5 roles).
 * 2. BASELINE, in this process: libpg-query `parseSync` over every query text of the log (read from the CSV first,
 *    by the worker's own reader), each parsed once; only the parsing is timed.
 * 3. WORKER, as child processes (dist/om-worker, the single executable): the lineage workflow (view and function
 *    lineage off) and the usage workflow over the log, both to the file sink; wall time and peak RSS.
 *    `om-worker --version` is timed too, as the cost of starting the executable.
 * The executable is copied at the start (dist/ is shared: a rebuild meanwhile would mix builds) and run from the copy.
 * Each is run once to warm up, then N times (default 3), taking turns; the best run counts. Before each measured run
 * the runner waits (up to 2 minutes) until the machine's CPU use over one second is at most --max-busy (default 0.15).
 * Targets: ≥ 10,000 statements/s, ≥ 0.4 of the raw parse throughput, peak RSS ≤ 400 MB. The outputs of the last
 * runs are checked against what the generator put in the log. The "query-log" section of bench/RESULTS.md is
 * rewritten unless --no-write is given. --cpu-prof also runs both workflows twice more as dist/om-worker.cjs, under
 * `node --cpu-prof` and with V8's sampling heap profiler, and adds the top functions (time, allocations) to the section.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { runChild, type ChildRun } from '../support/child-run.js';
import { logger, runMain } from '../support/console.js';
import { machineFacts, postgresVersion } from '../support/machine-facts.js';
import { RESULTS_FILE, ROOT } from '../support/paths.js';
import { waitForQuiet, type Quiet } from '../support/quiet-machine.js';
import { writeSection } from '../support/results-file.js';
import { ensureWorkerBuilt } from '../support/worker-binary.js';
import { COMMAND, parseArgs } from './args.js';
import { parseAll, readLogTexts, type BaselineRun } from './baseline.js';
import { buildCatalog } from './catalog.js';
import { createWarehouse, DEFAULT_DATABASE, generateQueryLog } from './generate.js';
import { checkLineage, checkUsage } from './output-check.js';
import { allocationProfile, profileWorkflow, type AllocationSummary, type ProfileSummary } from './profile.js';
import { figures, renderSection, SECTION, TARGET_RATE, TARGET_RATIO, TARGET_RSS_MB, type Report } from './report.js';
import { lineageWorkflow, usageWorkflow } from './workflows.js';

const log = logger('bench:query-log');
const START_RUNS = 5;

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Copies the executable, and the bundle beside it when there is one, into `work`; returns the copy's path. */
async function snapshotWorker(worker: string, work: string): Promise<string> {
  const dir = path.join(work, 'worker');
  await fs.mkdir(dir);
  const copy = path.join(dir, path.basename(worker));
  await fs.copyFile(worker, copy);
  await fs.chmod(copy, 0o755);
  const bundle = path.join(path.dirname(worker), 'om-worker.cjs');
  if (existsSync(bundle)) await fs.copyFile(bundle, path.join(dir, 'om-worker.cjs'));
  return copy;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  ensureWorkerBuilt(args.worker, log);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'omgen-bench-query-log-'));
  // The build measured is the one there at the start: dist/ is shared, and a rebuild in the middle of the runs would
  // mix two builds. So the executable (and the bundle beside it, for --cpu-prof) run from a copy.
  const workerFacts = machineFacts('', args.worker).worker;
  const worker = await snapshotWorker(args.worker, work);
  log(`starting embedded Postgres (pg18)`);
  const server = await startEmbeddedPostgres({ binaryPackage: 'pg18' });
  try {
    const csv = path.join(work, 'query-log.csv');
    log(`writing the query log: ${args.statements.toLocaleString('en-US')} statements`);
    const genStart = performance.now();
    const expectations = await generateQueryLog({ file: csv, statements: args.statements, seed: args.seed, database: DEFAULT_DATABASE });
    const generateSeconds = (performance.now() - genStart) / 1000;
    const catalog = buildCatalog(args.seed);
    const warehouse = await createWarehouse(server.url, DEFAULT_DATABASE, catalog);
    log(
      `log written in ${generateSeconds.toFixed(1)} s (${(expectations.bytes / 1024 / 1024).toFixed(1)} MB); catalog built in ${warehouse.seconds.toFixed(1)} s`,
    );
    const machine = { ...machineFacts(await postgresVersion(warehouse.url), args.worker), worker: workerFacts };

    const texts = await readLogTexts(csv);
    log(
      `${texts.texts.length} query texts read back, ${texts.distinctTexts} distinct, ${texts.distinctFingerprints} fingerprints, ${texts.refused} refused`,
    );

    const start: ChildRun[] = [];
    for (let i = 0; i < START_RUNS; i++) {
      const run = await runChild(worker, ['--version']);
      if (run.exitCode !== 0) throw new Error(`om-worker --version exited with ${run.exitCode}: ${run.stderr}`);
      start.push(run);
    }

    const files = {
      lineage: { config: path.join(work, 'lineage.json'), output: path.join(work, 'lineage.ndjson'), status: path.join(work, 'lineage-status.json') },
      usage: { config: path.join(work, 'usage.json'), output: path.join(work, 'usage.ndjson'), status: path.join(work, 'usage-status.json') },
    };
    await fs.writeFile(files.lineage.config, lineageWorkflow({ databaseUrl: warehouse.url, queryLog: csv, output: files.lineage.output }));
    await fs.writeFile(
      files.usage.config,
      usageWorkflow({ databaseUrl: warehouse.url, queryLog: csv, output: files.usage.output, stage: path.join(work, 'usage-stage') }),
    );

    const loadBefore = os.loadavg();
    const quiet: Quiet[] = [];
    const waitQuiet = async (): Promise<void> => {
      if (args.maxBusy >= 1) return;
      const q = await waitForQuiet(args.maxBusy, 120_000);
      quiet.push(q);
      if (!q.quiet) log(`NOT quiet (CPU ${(q.busy * 100).toFixed(0)}% busy) after ${fmt(q.waitedMs)}`);
    };
    const runWorkflow = async (name: 'lineage' | 'usage'): Promise<ChildRun> => {
      const f = files[name];
      const run = await runChild(worker, ['run', '-c', f.config, '--status-json', f.status]);
      if (run.exitCode !== 0) throw new Error(`om-worker (${name}) exited with ${run.exitCode}\n${run.stderr}\n${run.stdout}`);
      return run;
    };
    const baseline: BaselineRun[] = [];
    const lineage: ChildRun[] = [];
    const usage: ChildRun[] = [];
    for (let i = 0; i <= args.runs; i++) {
      const label = i === 0 ? 'warm-up' : `run ${i}`;
      if (i > 0) await waitQuiet();
      const base = await parseAll(texts.texts);
      log(`baseline ${label}: ${fmt(base.ms)} = ${Math.round(texts.texts.length / (base.ms / 1000))} statements/s (${base.refused} refused)`);
      if (i > 0) await waitQuiet();
      const lin = await runWorkflow('lineage');
      const rate = (run: ChildRun): number => Math.round(expectations.rows / (run.wallMs / 1000));
      log(
        `lineage ${label}: ${fmt(lin.wallMs)} = ${rate(lin)} statements/s, peak RSS ${(lin.peakRssKb / 1024).toFixed(0)} MB, CPU ${lin.userS} s user + ${lin.sysS} s system`,
      );
      if (i > 0) await waitQuiet();
      const use = await runWorkflow('usage');
      log(
        `usage ${label}: ${fmt(use.wallMs)} = ${rate(use)} statements/s, peak RSS ${(use.peakRssKb / 1024).toFixed(0)} MB, CPU ${use.userS} s user + ${use.sysS} s system`,
      );
      if (i > 0) {
        baseline.push(base);
        lineage.push(lin);
        usage.push(use);
      }
    }
    process.stderr.write(lineage[lineage.length - 1].stdout);
    process.stderr.write(usage[usage.length - 1].stdout);
    const load = { before: loadBefore, after: os.loadavg() };

    const lineageCheck = await checkLineage(files.lineage.output, files.lineage.status, expectations);
    const usageCheck = await checkUsage(files.usage.output, files.usage.status, expectations);

    const profiles: ProfileSummary[] = [];
    const allocations: AllocationSummary[] = [];
    if (args.cpuProf) {
      for (const name of ['lineage', 'usage'] as const) {
        log(`profiling ${name}: CPU, then allocations`);
        profiles.push(await profileWorkflow(name, files[name].config, work, worker));
        allocations.push(await allocationProfile(name, files[name].config, work, worker));
      }
    }

    const { texts: allTexts, ...textFacts } = texts;
    const report: Report = {
      date: new Date().toISOString(),
      command: [COMMAND, ...process.argv.slice(2).filter((a) => a !== '--no-write')].join(' '),
      machine,
      load,
      quiet,
      maxBusy: args.maxBusy,
      runs: args.runs,
      seed: args.seed,
      generateSeconds,
      csvFile: csv,
      expectations,
      texts: { ...textFacts, count: allTexts.length },
      catalog: {
        schemas: catalog.schemas.length,
        tables: catalog.tables.length,
        columns: catalog.tables.reduce((sum, t) => sum + t.columns.length, 0),
        roles: catalog.roles.length,
        rolesWithSearchPath: catalog.roles.filter((r) => r.searchPath).length,
        seconds: warehouse.seconds,
      },
      start,
      baseline,
      lineage,
      usage,
      lineageCheck,
      usageCheck,
      profiles,
      allocations,
    };
    const section = renderSection(report);
    process.stdout.write(`${section}\n`);
    if (args.write) {
      await writeSection(SECTION, section);
      log(`wrote the ${SECTION} section of ${path.relative(ROOT, RESULTS_FILE)}`);
    }
    const f = figures(report);
    const missed = f.workflows.flatMap((w) => [
      ...(w.rate < TARGET_RATE ? [`${w.name} ${Math.round(w.rate)} statements/s < ${TARGET_RATE}`] : []),
      ...(w.ratio < TARGET_RATIO ? [`${w.name} ratio ${w.ratio.toFixed(2)} < ${TARGET_RATIO}`] : []),
      ...(w.maxRssKb / 1024 > TARGET_RSS_MB ? [`${w.name} RSS ${(w.maxRssKb / 1024).toFixed(0)} MB > ${TARGET_RSS_MB} MB`] : []),
    ]);
    if (missed.length > 0) log(`targets missed: ${missed.join('; ')}`);
    if (!lineageCheck.ok || !usageCheck.ok) {
      log(`output check failed (lineage ${lineageCheck.ok ? 'ok' : 'FAILED'}, usage ${usageCheck.ok ? 'ok' : 'FAILED'})`);
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

runMain('bench:query-log', main);
