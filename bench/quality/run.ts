/**
 * The data quality benchmark.
 *
 *   npx tsx bench/quality/run.ts [--rows N] [--cases N] [--runs N] [--no-write] [--worker PATH]
 *
 * Builds the profiler bench's table (--rows, default 1,000,000; 12 mixed-type columns) in embedded Postgres 18, then
 * runs the TestSuite workflow with --cases test cases (default 200) spread over its columns and the table (the
 * aggregate tests, which share one scan, and a share of groupings and custom SQL, which do not) through the single
 * executable to the file sink. Reported: the run's wall time over the best of 5 `SELECT count(*)` of the table, in
 * this process. Best of --runs (default 2) after a warm-up. The "quality" section of bench/RESULTS.md is rewritten
 * unless --no-write.
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
import { BIG_TABLE, buildBigTable, countStarMs } from '../profiler/workloads.js';

const log = logger('bench:quality');

type Case = { name: string; testDefinitionName: string; columnName?: string; parameterValues?: Array<{ name: string; value: string }> };

/** Test cases over the bench table: mostly aggregate tests, one in ten a grouping or custom SQL. */
export function benchCases(count: number): Case[] {
  const numeric = ['id', 'account', 'amount', 'score', 'small'];
  const text = ['token', 'category', 'sparse', 'padding'];
  const makers: Array<(i: number) => Case> = [
    (i) => ({ name: `not_null_${i}`, testDefinitionName: 'columnValuesToBeNotNull', columnName: text[i % text.length] }),
    (i) => ({
      name: `between_${i}`,
      testDefinitionName: 'columnValuesToBeBetween',
      columnName: numeric[i % numeric.length],
      parameterValues: [{ name: 'minValue', value: '0' }],
    }),
    (i) => ({
      name: `max_${i}`,
      testDefinitionName: 'columnValueMaxToBeBetween',
      columnName: numeric[i % numeric.length],
      parameterValues: [{ name: 'maxValueForMaxInCol', value: '1e12' }],
    }),
    (i) => ({
      name: `mean_${i}`,
      testDefinitionName: 'columnValueMeanToBeBetween',
      columnName: numeric[i % numeric.length],
      parameterValues: [{ name: 'minValueForMeanInCol', value: '0' }],
    }),
    (i) => ({
      name: `regex_${i}`,
      testDefinitionName: 'columnValuesToMatchRegex',
      columnName: text[i % text.length],
      parameterValues: [{ name: 'regex', value: '^[a-z0-9_]' }],
    }),
    (i) => ({
      name: `in_set_${i}`,
      testDefinitionName: 'columnValuesToBeInSet',
      columnName: 'category',
      parameterValues: [{ name: 'allowedValues', value: `["cat_${i % 50}"]` }],
    }),
    (i) => ({
      name: `lengths_${i}`,
      testDefinitionName: 'columnValueLengthsToBeBetween',
      columnName: text[i % text.length],
      parameterValues: [{ name: 'maxLength', value: '64' }],
    }),
    (i) => ({ name: `rows_${i}`, testDefinitionName: 'tableRowCountToBeBetween', parameterValues: [{ name: 'minValue', value: '1' }] }),
    (i) => ({
      name: `missing_${i}`,
      testDefinitionName: 'columnValuesMissingCount',
      columnName: 'sparse',
      parameterValues: [{ name: 'missingCountValue', value: String(i) }],
    }),
  ];
  const cases: Case[] = [];
  for (let i = 0; cases.length < count; i++) {
    if (i % 10 === 9) {
      cases.push(
        i % 20 === 9
          ? { name: `unique_${i}`, testDefinitionName: 'columnValuesToBeUnique', columnName: 'id' }
          : {
              name: `custom_${i}`,
              testDefinitionName: 'tableCustomSQLQuery',
              parameterValues: [{ name: 'sqlExpression', value: `select id from ${BIG_TABLE} where amount < 0` }],
            },
      );
    } else {
      cases.push((makers[i % makers.length] as (i: number) => Case)(i));
    }
  }
  return cases;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const rows = value('--rows', 1_000_000);
  const count = value('--cases', 200);
  const runs = value('--runs', 2);
  const workerPath = argv.includes('--worker') ? (argv[argv.indexOf('--worker') + 1] as string) : DEFAULT_WORKER;
  ensureWorkerBuilt(workerPath, log);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'omgen-bench-quality-'));
  const worker = path.join(work, 'om-worker');
  await fs.copyFile(workerPath, worker);
  await fs.chmod(worker, 0o755);
  const server = await startEmbeddedPostgres({ binaryPackage: 'pg18' });
  try {
    await buildBigTable(server.url, rows);
    const u = new URL(server.url);
    const cases = benchCases(count);
    const config = path.join(work, 'quality.json');
    await fs.writeFile(
      config,
      JSON.stringify({
        source: {
          type: 'TestSuite',
          serviceName: 'bench_pg',
          serviceConnection: {
            config: {
              type: 'Postgres',
              username: u.username,
              hostPort: `${u.hostname}:${u.port}`,
              database: u.pathname.slice(1),
              sslMode: 'disable',
            },
          },
          sourceConfig: { config: { type: 'TestSuite', entityFullyQualifiedName: `bench_pg.${u.pathname.slice(1)}.public.${BIG_TABLE}` } },
        },
        processor: { type: 'orm-test-runner', config: { testCases: cases } },
        sink: { type: 'file', config: { filename: path.join(work, 'quality.ndjson') } },
        workflowConfig: { loggerLevel: 'INFO', openMetadataServerConfig: { hostPort: 'http://localhost:8585/api', authProvider: 'openmetadata' } },
      }),
    );
    const machine = machineFacts(await postgresVersion(server.url), workerPath);
    const before = await countStarMs(server.url, 5);
    const all: ChildRun[] = [];
    for (let i = 0; i <= runs; i++) {
      const run = await runChild(worker, ['run', '-c', config]);
      if (run.exitCode !== 0) throw new Error(`om-worker exited with ${run.exitCode}: ${run.stderr}\n${run.stdout}`);
      log(`${i === 0 ? 'warm-up' : `run ${i}`}: ${(run.wallMs / 1000).toFixed(2)} s, peak RSS ${(run.peakRssKb / 1024).toFixed(0)} MB`);
      if (i > 0) all.push(run);
    }
    const after = await countStarMs(server.url, 5);
    const baseline = Math.min(before, after);
    const best = Math.min(...all.map((r) => r.wallMs));
    const results = (await fs.readFile(path.join(work, 'quality.ndjson'), 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('{"type":"testCaseResult"'));
    const aborted = results.filter((l) => l.includes('"testCaseStatus":"Aborted"')).length;
    const body = `## quality

Command: \`npx tsx bench/quality/run.ts${rows !== 1_000_000 ? ` --rows ${rows}` : ''}${count !== 200 ? ` --cases ${count}` : ''}\` (${new Date().toISOString().slice(0, 10)}).
Machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGb.toFixed(0)} GiB, Node ${machine.node}, Postgres ${machine.postgres} (embedded), worker ${machine.worker}.

| measure | value |
| --- | --- |
| **${count} test cases over ${rows.toLocaleString('en-US')} rows: run ÷ count(*)** | **${(best / baseline).toFixed(1)}×** (${(best / 1000).toFixed(2)} s ÷ ${baseline.toFixed(0)} ms) |
| per test case | ${(best / count).toFixed(1)} ms |
| results written | ${results.length} (${aborted} aborted) |
| peak RSS | ${(Math.max(...all.map((r) => r.peakRssKb)) / 1024).toFixed(0)} MB |

The table is the profiler bench's (12 mixed-type columns, in shared buffers). The cases (bench/quality/run.ts): nine in
ten are aggregates of the sample (not null, between, max, mean, regex, in set, lengths, row count, missing count),
which share one scan; one in ten is a grouping (unique) or custom SQL, run on its own. The run is the single
executable, spawn to exit, best of ${runs} after a warm-up; count(*) is the best of 5 before and 5 after, in this
process. Peak RSS by ${RSS_METHOD}.
`;
    log(body);
    if (!argv.includes('--no-write')) await writeSection('quality', body);
  } finally {
    await server.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

runMain('bench:quality', main);
