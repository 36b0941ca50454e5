/**
 * Compares worker builds on the rest bench's setup (same database, same in-process double, same latency), runs
 * interleaved so each build sees the same machine: for checking a proposed src change before it lands.
 *
 *   npx tsx bench/rest/compare.ts --worker dist/om-worker --worker /tmp/other/dist/om-worker [--runs N]
 *                                 [--latency MS] [--concurrency 8,16] [--max-busy 0..1]
 *
 * Each round runs, for every build: default concurrency on a fresh double, the re-run on the filled double, and a
 * fresh run at each --concurrency (default: 16). Prints the median and best per build and configuration, with the
 * phases the double saw (catalog until the first table PUT, the table PUTs, the mark-deleted listing). Writes nothing.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { startOpenMetadataDouble } from '../../test/support/openmetadata-double/index.js';
import { generateMetadataDatabase } from '../metadata/generate.js';
import { logger, runMain } from '../support/console.js';
import { median } from '../support/format.js';
import { waitForQuiet } from '../support/quiet-machine.js';
import { workerFacts } from '../support/worker-binary.js';
import { describeRun, measure, problemsOf, type Run } from './measure.js';
import { EXPECTED_TABLES, scenarioYaml, TOKEN, type Scenario } from './scenario.js';

interface Args {
  workers: string[];
  runs: number;
  latencyMs: number;
  concurrency: number[];
  maxBusy: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { workers: [], runs: 3, latencyMs: 2, concurrency: [16], maxBusy: 0.15 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--worker') args.workers.push(path.resolve(argv[++i]));
    else if (a === '--runs') args.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--latency') args.latencyMs = Math.max(0, Number(argv[++i]));
    else if (a === '--concurrency') args.concurrency = argv[++i].split(',').filter(Boolean).map(Number);
    else if (a === '--max-busy') args.maxBusy = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.workers.length === 0) throw new Error('name at least one --worker');
  return args;
}

const log = logger('bench:rest:compare');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  for (const w of args.workers) log(`worker ${workerFacts(w)}`);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'omgen-bench-rest-compare-'));
  const server = await startEmbeddedPostgres({ binaryPackage: 'pg18' });
  const om = await startOpenMetadataDouble({ token: TOKEN, latencyMs: args.latencyMs, recordBodies: false });
  try {
    const db = await generateMetadataDatabase({ adminUrl: server.url });
    log(`database in ${db.seconds.toFixed(1)} s`);
    const scenarios: Scenario[] = [
      { name: 'default, fresh', sink: 'rest', double: 'fresh' },
      { name: 'default, re-run', sink: 'rest', double: 'rerun' },
      ...args.concurrency.map((c): Scenario => ({ name: `concurrency ${c}, fresh`, sink: 'rest', concurrency: c, double: 'fresh' })),
    ];
    const files = new Map<string, string>();
    for (const [i, s] of scenarios.entries()) {
      const file = path.join(work, `s${i}.yaml`);
      await fs.writeFile(file, scenarioYaml(db, s, om.baseUrl, ''));
      files.set(s.name, file);
    }
    const runs: { worker: string; run: Run }[] = [];
    // Warm-up: each build once.
    for (const w of args.workers) await measure(scenarios[0], files.get(scenarios[0].name) as string, w, om);
    for (let round = 1; round <= args.runs; round++) {
      for (const w of args.workers) {
        for (const s of scenarios) {
          if (args.maxBusy < 1) await waitForQuiet(args.maxBusy, 120_000);
          const run = await measure(s, files.get(s.name) as string, w, om);
          const problems = problemsOf(run);
          log(`round ${round} ${w} ${s.name}: ${describeRun(run)}${problems.length ? ` PROBLEMS ${problems.join('; ')}` : ''}`);
          runs.push({ worker: w, run });
        }
      }
    }
    const lines = [
      '| build | configuration | median wall | best wall | tables/s (median) | catalog → 1st table PUT | table PUTs | listing | worker CPU (median) | double CPU (median) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ];
    for (const w of args.workers) {
      for (const s of scenarios) {
        const mine = runs.filter((r) => r.worker === w && r.run.scenario.name === s.name).map((r) => r.run);
        const walls = mine.map((r) => r.child.wallMs / 1000);
        const p = (f: (r: Run) => number): string => median(mine.map(f)).toFixed(2);
        lines.push(
          `| ${w} | ${s.name} | ${median(walls).toFixed(2)} s | ${Math.min(...walls).toFixed(2)} s | ${Math.round(EXPECTED_TABLES / median(walls))} | ${p((r) => (r.phases?.firstTablePut ?? 0) / 1000)} s | ${p((r) => ((r.phases?.lastTablePut ?? 0) - (r.phases?.firstTablePut ?? 0)) / 1000)} s | ${p((r) => ((r.phases?.lastList ?? 0) - (r.phases?.firstList ?? 0)) / 1000)} s (${mine[0]?.phases?.lists} GETs) | ${p((r) => r.child.userS + r.child.sysS)} s | ${p((r) => r.doubleCpuMs / 1000)} s |`,
        );
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await om.stop();
    await server.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

runMain('bench:rest:compare', main);
