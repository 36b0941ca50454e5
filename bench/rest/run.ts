/**
 * The metadata-rest benchmark: how fast does the worker push 10,500 tables into OpenMetadata?
 *
 *   npx tsx bench/rest/run.ts [--runs N] [--latency MS] [--concurrency 4,8,16] [--max-busy 0..1] [--no-write]
 *                             [--worker PATH] [--cpu-prof]
 *
 * 1. Starts embedded Postgres 18 and builds the metadata bench's database (bench/metadata/generate.ts: 10,000 tables
 *    × 20 columns in 20 schemas, 500 views).
 * 2. Starts the OpenMetadata API double (test/support/openmetadata-double) in this process, with a token, 2 ms of
 *    latency per request (--latency) and request bodies not kept.
 * 3. Runs `dist/om-worker run` as a child process (under `/usr/bin/time -v` for peak RSS and CPU):
 *      - file sink (the reference);
 *      - metadata-rest sink at the default concurrency (no `concurrency` key) and at each --concurrency, each once on
 *        a fresh (reset) double and once more on the filled double (every entity unchanged).
 *    One warm-up (file + default REST), then N rounds (default 5) of every configuration; best and median reported.
 *    Before each measured run the runner waits (up to 2 minutes) until the machine's CPU use over one second is at
 *    most --max-busy (default 0.15).
 * Per run: wall time from spawn to exit, tables/s (10,500 / wall), requests the double answered (its counters), the
 * double's CPU time and event-loop utilisation (it shares the 2 cores with the worker and Postgres), machine-wide CPU,
 * and the number of tables the double holds afterwards (must be exactly 10,500, none deleted).
 * Target (issue): ≥ 1,000 tables/s at the default concurrency on a fresh double, judged on the median run (single runs
 * of one configuration swing by ±10% on the shared 2-core machine, so a best-of-N alone flatters).
 * The "rest" section of bench/RESULTS.md is rewritten unless --no-write is given.
 * --cpu-prof additionally runs one default-concurrency push to a fresh double with the worker bundle under
 * `node --cpu-prof` and the double under the inspector's profiler, and prints where each spends its time.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../../test/support/openmetadata-double/index.js';
import { generateMetadataDatabase } from '../metadata/generate.js';
import { logger, runMain } from '../support/console.js';
import { machineFacts, postgresVersion } from '../support/machine-facts.js';
import { RESULTS_FILE, ROOT } from '../support/paths.js';
import { waitForQuiet } from '../support/quiet-machine.js';
import { writeSection } from '../support/results-file.js';
import { ensureWorkerBuilt } from '../support/worker-binary.js';
import { COMMAND, parseArgs } from './args.js';
import { fmtS } from './format.js';
import { describeRun, measure, problemsOf, type Run } from './measure.js';
import { cpuProfiles } from './profiling.js';
import { renderSection, type Report } from './report.js';
import { EXPECTED_TABLES, scenarioYaml, TOKEN, type Scenario } from './scenario.js';

const SECTION = 'rest';
const log = logger('bench:rest');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  ensureWorkerBuilt(args.worker, log);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'omgen-bench-rest-'));
  log('starting embedded Postgres 18');
  const server = await startEmbeddedPostgres({ binaryPackage: 'pg18' });
  let om: OpenMetadataDouble | undefined;
  try {
    log('generating the database');
    const db = await generateMetadataDatabase({ adminUrl: server.url });
    log(`generated in ${db.seconds.toFixed(1)} s: ${JSON.stringify(db.counts)}`);
    if (db.counts.tables + db.counts.views !== EXPECTED_TABLES)
      throw new Error(`the generator made ${db.counts.tables + db.counts.views} relations, expected ${EXPECTED_TABLES}`);
    const postgres = await postgresVersion(db.url);

    om = await startOpenMetadataDouble({ token: TOKEN, latencyMs: args.latencyMs, recordBodies: false });
    log(`double at ${om.baseUrl} (latency ${args.latencyMs} ms)`);

    const scenarios: Scenario[] = [{ name: 'file sink', sink: 'file' }];
    for (const concurrency of [undefined, ...args.concurrency]) {
      const label = concurrency === undefined ? 'default concurrency' : `concurrency ${concurrency}`;
      scenarios.push({ name: `REST, ${label}, fresh double`, sink: 'rest', concurrency, double: 'fresh' });
      scenarios.push({ name: `REST, ${label}, re-run`, sink: 'rest', concurrency, double: 'rerun' });
    }
    const configs = new Map<string, string>();
    for (const [i, s] of scenarios.entries()) {
      const file = path.join(work, `scenario-${i}.yaml`);
      await fs.writeFile(file, scenarioYaml(db, s, om.baseUrl, path.join(work, 'metadata.ndjson')));
      configs.set(s.name, file);
    }

    const machine = machineFacts(postgres, args.worker);
    const loadBefore = os.loadavg();
    const runs: Run[] = [];
    const problems: string[] = [];

    for (const s of scenarios.slice(0, 3)) {
      const run = await measure(s, configs.get(s.name) as string, args.worker, om);
      log(`warm-up ${s.name}: ${describeRun(run)}`);
      if (run.child.exitCode !== 0) throw new Error(`om-worker exited with ${run.child.exitCode}\n${run.child.stderr}\n${run.child.stdout}`);
    }
    for (let round = 1; round <= args.runs; round++) {
      for (const s of scenarios) {
        const q = args.maxBusy < 1 ? await waitForQuiet(args.maxBusy, 120_000) : undefined;
        if (q && !q.quiet) log(`NOT quiet (CPU ${(q.busy * 100).toFixed(0)}% busy) after ${fmtS(q.waitedMs)}`);
        const run = await measure(s, configs.get(s.name) as string, args.worker, om);
        run.quiet = q;
        runs.push(run);
        log(`round ${round} ${s.name}: ${describeRun(run)}`);
        const found = problemsOf(run);
        if (found.length > 0) {
          problems.push(...found);
          log(`PROBLEM ${found.join('; ')}\n${run.child.stderr.slice(-3000)}`);
        }
      }
    }
    const load = { before: loadBefore, after: os.loadavg() };

    const report: Report = {
      date: new Date().toISOString(),
      command: [COMMAND, ...process.argv.slice(2).filter((a) => a !== '--no-write' && a !== '--cpu-prof')].join(' '),
      args,
      machine,
      db,
      scenarios,
      runs,
      load,
      problems: [...new Set(problems)],
    };
    const section = renderSection(report);
    process.stdout.write(`${section}\n`);
    if (args.write) {
      await writeSection(SECTION, section);
      log(`wrote the ${SECTION} section of ${path.relative(ROOT, RESULTS_FILE)}`);
    }
    if (args.cpuProf) process.stdout.write(`\n${await cpuProfiles(db, om, work, args.worker)}\n`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await om?.stop();
    await server.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

runMain('bench:rest', main);
