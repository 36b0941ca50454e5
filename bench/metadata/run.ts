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
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { SourcePool } from '../../src/postgres/source-pool.js';
import { logger, runMain } from '../support/console.js';
import { machineFacts, postgresVersion } from '../support/machine-facts.js';
import { RESULTS_FILE, ROOT } from '../support/paths.js';
import { waitForQuiet, type Quiet } from '../support/quiet-machine.js';
import { writeSection } from '../support/results-file.js';
import { ensureWorkerBuilt } from '../support/worker-binary.js';
import { COMMAND, parseArgs } from './args.js';
import { baselineOnce, connectionOf, type BaselineRun } from './baseline.js';
import { fmtS } from './format.js';
import { generateMetadataDatabase } from './generate.js';
import { checkOutput } from './output-check.js';
import { cpuProfile } from './profile.js';
import { benchPostgresPackage, benchSectionName, renderSection, type Report } from './report.js';
import { ServerStats } from './server-stats.js';
import { metadataWorkflowYaml, runWorkerOnce, type WorkerRun } from './worker-run.js';

const log = logger('bench:metadata');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  ensureWorkerBuilt(args.worker, log);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'omgen-bench-metadata-'));
  const binaryPackage = benchPostgresPackage();
  log(`starting embedded Postgres (${binaryPackage})`);
  const server = await startEmbeddedPostgres({ binaryPackage });
  try {
    log('generating the database');
    const db = await generateMetadataDatabase({ adminUrl: server.url });
    log(`generated in ${db.seconds.toFixed(1)} s: ${JSON.stringify(db.counts)} phases ${JSON.stringify(db.phases)}`);
    const machine = machineFacts(await postgresVersion(db.url), args.worker);

    const stats = await ServerStats.open(db.url);
    const loadBefore = os.loadavg();
    const configFile = path.join(work, 'metadata.yaml');
    const outFile = path.join(work, 'metadata.ndjson');
    await fs.writeFile(configFile, metadataWorkflowYaml(db, outFile));
    // Baseline: one connection, so every query runs after the previous one. Baseline and worker runs alternate, so
    // both sides see the same conditions when the machine is shared.
    const pool = await SourcePool.open(connectionOf(db.url), db.database, { maxConnections: 1 });
    const baseline: BaselineRun[] = [];
    const worker: WorkerRun[] = [];
    const quiet: Quiet[] = [];
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
    const report: Report = {
      date: new Date().toISOString(),
      machine,
      db,
      runs: args.runs,
      baseline,
      worker,
      check,
      load,
      quiet,
      maxBusy: args.maxBusy,
      command: [COMMAND, ...process.argv.slice(2).filter((a) => a !== '--no-write')].join(' '),
    };
    const section = renderSection(report);
    process.stdout.write(`${section}\n`);
    if (args.write) {
      await writeSection(benchSectionName(), section);
      log(`wrote the ${benchSectionName()} section of ${path.relative(ROOT, RESULTS_FILE)}`);
    }
    if (args.cpuProf) process.stdout.write(`\n${await cpuProfile(configFile, work)}\n`);
    if (check.problems.length > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

runMain('bench:metadata', main);
