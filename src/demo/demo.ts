/**
 * `npm run demo`: starts an embedded Postgres, loads the Northwind Outdoor sample database and runs a small query
 * workload, then runs every workflow kind from ordinary OpenMetadata YAML into file sinks under one folder
 * (metadata, usage, lineage, profiler, data quality, and dbt over a dbt project describing the sample's views), prints
 * what each found, and writes the Airflow DAGs of all of them into dags-out/ (one per workflow, and one pipeline).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadWorkflowText } from '../config/load-workflow.js';
import { generateDag } from '../dag/generate-dag.js';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import { createLogger } from '../util/logger.js';
import { runWorkflow } from '../workflow/run-workflow.js';
import { renderSummary } from '../workflow/summary-table.js';
import { writeDemoDbtProject } from './demo-dbt.js';
import { summarize } from './demo-summary.js';
import { DEMO_DATABASE, DEMO_KINDS, demoWorkflow, type DemoWorkflow } from './demo-workflows.js';
import { sampleDatabaseSql } from './sample-database.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const DAGS_OUT = join(ROOT, 'dags-out');

/** What an analyst and a dashboard asked of the sample: the history the usage workflow reads. */
const WORKLOAD = [
  `select c.country_code, count(*) as orders, sum(i.quantity * i.unit_price) as revenue
     from sales.orders o join sales.customers c on c.customer_id = o.customer_id join sales.order_items i on i.order_id = o.order_id
    group by c.country_code`,
  `select p.name, s.on_hand from inventory.products p join inventory.stock_levels s on s.product_id = p.product_id where s.on_hand < 20`,
  `select * from sales.order_summary_v where status = 'shipped' order by ordered_at desc limit 50`,
  `select channel, sum(captured_revenue) from analytics.monthly_revenue_mv group by channel`,
  `select d.name, count(*) from hr.employees e join hr.departments d on d.department_id = e.department_id group by d.name`,
];

/** A client whose connection errors (the server stopping after a failure) never hide the failure itself. */
function quietClient(url: string): pg.Client {
  const client = new pg.Client(url);
  client.on('error', () => undefined);
  return client;
}

async function loadSample(url: string): Promise<void> {
  const admin = quietClient(url);
  await admin.connect();
  await admin.query(`create database ${DEMO_DATABASE}`);
  await admin.end();
  const db = quietClient(url.replace(/\/postgres$/, `/${DEMO_DATABASE}`));
  await db.connect();
  // pg_stat_statements records the load and the workload: the history usage and lineage read afterwards.
  await db.query('create extension if not exists pg_stat_statements');
  for (const statement of sampleDatabaseSql()) await db.query(statement);
  for (let round = 0; round < 3; round++) for (const statement of WORKLOAD) await db.query(statement);
  await db.end();
}

async function writeDbtArtifacts(url: string, folder: string): Promise<string> {
  mkdirSync(join(folder, 'dbt'), { recursive: true });
  const db = quietClient(url.replace(/\/postgres$/, `/${DEMO_DATABASE}`));
  await db.connect();
  try {
    const { models, tests } = await writeDemoDbtProject(db, DEMO_DATABASE, join(folder, 'dbt'));
    return `a dbt project of ${models} models (the sample's views) and ${tests} tests`;
  } finally {
    await db.end();
  }
}

async function runDemoWorkflow(workflow: DemoWorkflow, env: NodeJS.ProcessEnv): Promise<number> {
  writeFileSync(workflow.configFile, workflow.yaml);
  const result = await runWorkflow(loadWorkflowText(readFileSync(workflow.configFile, 'utf8'), workflow.configFile, env), {
    log: createLogger('ERROR'),
  });
  process.stdout.write(`\n== ${workflow.title} (${workflow.configFile})\n${renderSummary(result.status)}`);
  process.stdout.write(`=> ${summarize(workflow.kind, workflow.outFile)}\n`);
  return result.exitCode;
}

function writeDags(workflows: readonly DemoWorkflow[]): string[] {
  const written: string[] = [];
  for (const workflow of workflows) written.push(generateDag([workflow.configFile], { outDir: DAGS_OUT, workerPath: 'om-worker' }).dagFile);
  const pipeline = generateDag(
    workflows.map((w) => w.configFile),
    { outDir: DAGS_OUT, workerPath: 'om-worker', pipeline: 'northwind_pg_nightly' },
  );
  written.push(pipeline.dagFile);
  return written;
}

async function main(): Promise<void> {
  const started = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'omgen-demo-'));
  process.stdout.write('Starting an embedded PostgreSQL 18 ...\n');
  const server = await startEmbeddedPostgres();
  let exitCode = 0;
  try {
    await loadSample(server.url);
    process.stdout.write('Loaded the Northwind Outdoor sample database (5 schemas, 30 tables, views, partitions, RLS) and ran a query workload.\n');
    process.stdout.write(`Wrote ${await writeDbtArtifacts(server.url, folder)}.\n`);
    const env = { ...process.env, DEMO_PG_PASSWORD: 'not-needed-with-trust-auth', OM_JWT_TOKEN: 'demo-token' };
    const workflows = DEMO_KINDS.map((kind) => demoWorkflow(kind, server.port, folder));
    for (const workflow of workflows) exitCode ||= await runDemoWorkflow(workflow, env);

    const dags = writeDags(workflows);
    process.stdout.write(`\nSummary (every output under ${folder}):\n`);
    for (const workflow of workflows) process.stdout.write(`  ${workflow.title.padEnd(13)} ${summarize(workflow.kind, workflow.outFile)}\n`);
    process.stdout.write(`\nAirflow DAGs in ${DAGS_OUT}: ${dags.map((dag) => dag.slice(DAGS_OUT.length + 1)).join(', ')}\n`);
    process.stdout.write(`(Their workflow copies name this demo's embedded server, which stops now: point them at your own database.)\n`);
    process.stdout.write(`
Next, on your own database:
  cp ${workflows[0]?.configFile} my-postgres.yaml   # edit hostPort, username, database; the password comes from $DEMO_PG_PASSWORD
  npm run build                                      # once: dist/om-worker, one file, no node_modules needed
  DEMO_PG_PASSWORD=... OM_JWT_TOKEN=... dist/om-worker run -c my-postgres.yaml
  npx omgen dag my-postgres.yaml --out ~/airflow/dags --worker /opt/omgen/om-worker
Demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s.
`);
    process.exitCode = exitCode;
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 4;
});
