/**
 * The dbt benchmark: how fast does the dbt workflow get through a large project's artifacts?
 *
 *   npx tsx bench/dbt/run.ts [--models N] [--runs N] [--no-write] [--worker PATH]
 *
 * Writes a project of --models models (default 2,000; bench/dbt/generate.ts) as manifest v12, catalog and
 * run_results, then runs the dbt workflow through the single executable to the file sink (no database: dbt reads
 * artifacts). BASELINE, in this process: JSON.parse of the three artifacts plus Postgres's parser (libpg-query) over
 * every model's compiled SQL, the least any reader of the project must do. Reported: models per second, the run's
 * wall time over the baseline's, peak RSS. Best of --runs (default 3) after a warm-up. The output is checked: one data
 * model per model and source, one lineage edge per depends_on, one result per test. The "dbt" section of
 * bench/RESULTS.md is rewritten unless --no-write.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadSqlParser } from '../../src/usage/sql-parser.js';
import { RSS_METHOD, runChild, type ChildRun } from '../support/child-run.js';
import { logger, runMain } from '../support/console.js';
import { machineFacts } from '../support/machine-facts.js';
import { DEFAULT_WORKER } from '../support/paths.js';
import { writeSection } from '../support/results-file.js';
import { ensureWorkerBuilt } from '../support/worker-binary.js';
import { generateDbtProject } from './generate.js';

const log = logger('bench:dbt');

const TARGET_MODELS_PER_SECOND = 1000;
const TARGET_RSS_MB = 400;

async function baselineMs(files: string[]): Promise<number> {
  const parser = await loadSqlParser();
  const start = performance.now();
  const [manifest] = await Promise.all(files.map(async (file) => JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>));
  for (const node of Object.values((manifest as { nodes: Record<string, { compiled_code?: string; resource_type: string }> }).nodes)) {
    if (node.resource_type === 'model' && node.compiled_code) parser.parse(node.compiled_code);
  }
  return performance.now() - start;
}

function countTypes(ndjson: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of ndjson.split('\n')) {
    const type = /^\{"type":"([A-Za-z]+)"/.exec(line)?.[1];
    if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const models = value('--models', 2000);
  const runs = value('--runs', 3);
  const workerPath = argv.includes('--worker') ? (argv[argv.indexOf('--worker') + 1] as string) : DEFAULT_WORKER;
  ensureWorkerBuilt(workerPath, log);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'omgen-bench-dbt-'));
  try {
    const worker = path.join(work, 'om-worker');
    await fs.copyFile(workerPath, worker);
    await fs.chmod(worker, 0o755);
    const project = generateDbtProject(models);
    const files = {
      manifest: path.join(work, 'manifest.json'),
      catalog: path.join(work, 'catalog.json'),
      runResults: path.join(work, 'run_results.json'),
    };
    await fs.writeFile(files.manifest, JSON.stringify(project.manifest));
    await fs.writeFile(files.catalog, JSON.stringify(project.catalog));
    await fs.writeFile(files.runResults, JSON.stringify(project.runResults));
    const manifestMb = (await fs.stat(files.manifest)).size / 1024 / 1024;
    const output = path.join(work, 'dbt.ndjson');
    const config = path.join(work, 'dbt.json');
    await fs.writeFile(
      config,
      JSON.stringify({
        source: {
          type: 'dbt',
          serviceName: 'bench_pg',
          sourceConfig: {
            config: {
              type: 'DBT',
              dbtConfigSource: {
                dbtConfigType: 'local',
                dbtManifestFilePath: files.manifest,
                dbtCatalogFilePath: files.catalog,
                dbtRunResultsFilePath: files.runResults,
              },
            },
          },
        },
        sink: { type: 'file', config: { filename: output } },
        workflowConfig: { loggerLevel: 'INFO', openMetadataServerConfig: { hostPort: 'http://localhost:8585/api', authProvider: 'openmetadata' } },
      }),
    );
    const machine = machineFacts('not used', workerPath);
    const baselines: number[] = [];
    const all: ChildRun[] = [];
    for (let i = 0; i <= runs; i++) {
      const base = await baselineMs(Object.values(files));
      const run = await runChild(worker, ['run', '-c', config]);
      if (run.exitCode !== 0) throw new Error(`om-worker exited with ${run.exitCode}: ${run.stderr}\n${run.stdout}`);
      log(
        `${i === 0 ? 'warm-up' : `run ${i}`}: baseline ${(base / 1000).toFixed(2)} s; worker ${(run.wallMs / 1000).toFixed(2)} s, peak RSS ${(run.peakRssKb / 1024).toFixed(0)} MB`,
      );
      if (i > 0) {
        baselines.push(base);
        all.push(run);
      }
    }
    const counts = countTypes(await fs.readFile(output, 'utf8'));
    const expected = { dataModel: models + 100, addLineage: project.edges, testCaseResult: project.tests };
    for (const [type, count] of Object.entries(expected)) {
      if (counts.get(type) !== count) throw new Error(`${type}: ${counts.get(type) ?? 0} records written, ${count} expected`);
    }
    const best = Math.min(...all.map((r) => r.wallMs));
    const baseline = Math.min(...baselines);
    const rate = models / (best / 1000);
    const rss = Math.max(...all.map((r) => r.peakRssKb)) / 1024;
    const met = (ok: boolean) => (ok ? 'met' : '**not met**');
    const body = `## dbt

Command: \`npx tsx bench/dbt/run.ts${models !== 2000 ? ` --models ${models}` : ''}\` (${new Date().toISOString().slice(0, 10)}).
Machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGb.toFixed(0)} GiB, Node ${machine.node}, worker ${machine.worker}.

| measure | value | target | |
| --- | --- | --- | --- |
| **models per second** (${models.toLocaleString('en-US')} models, spawn to exit) | **${Math.round(rate).toLocaleString('en-US')}** (${(best / 1000).toFixed(2)} s) | ≥ ${TARGET_MODELS_PER_SECOND} | ${met(rate >= TARGET_MODELS_PER_SECOND)} |
| run ÷ baseline (JSON.parse of the artifacts + parsing every compiled SQL) | ${(best / baseline).toFixed(2)}× (${(baseline / 1000).toFixed(2)} s) | | |
| **peak RSS** | **${rss.toFixed(0)} MB** | ≤ ${TARGET_RSS_MB} MB | ${met(rss <= TARGET_RSS_MB)} |
| records written | ${counts.get('dataModel')} data models, ${counts.get('addLineage')} lineage edges, ${counts.get('testCaseResult')} test results | all | met |

The project (bench/dbt/generate.ts): ${models.toLocaleString('en-US')} models in 20 schemas over 100 sources, each reading
one to three earlier relations with 12 documented columns, two tests per model with results; manifest ${manifestMb.toFixed(1)} MB.
The worker reads the artifacts, writes every data model, its column lineage from the compiled SQL (Postgres's
parser) and every test case and result to the file sink. Best of ${runs} after a warm-up; the baseline runs in this
process before each. Peak RSS by ${RSS_METHOD}.
`;
    log(body);
    if (!argv.includes('--no-write')) await writeSection('dbt', body);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

runMain('bench:dbt', main);
