/**
 * `npm run demo`: starts an embedded Postgres, loads the Northwind Outdoor sample database, runs the metadata
 * workflow from an ordinary OpenMetadata YAML into a file sink, prints the summary and a taste of the output, runs
 * the lineage workflow of the same service, and writes the Airflow DAG that would run the metadata workflow.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { loadWorkflowText } from '../config/load-workflow.js';
import { generateDag } from '../dag/generate-dag.js';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import { createLogger } from '../util/logger.js';
import { runWorkflow } from '../workflow/run-workflow.js';
import { renderSummary } from '../workflow/summary-table.js';
import { sampleDatabaseSql } from './sample-database.js';

/** The sample service's connection, as both workflows write it (the password from the environment). */
const connection = (port: number): string => `  serviceName: northwind_pg
  serviceConnection:
    config:
      type: Postgres
      username: postgres
      authType:
        password: \${DEMO_PG_PASSWORD}
      hostPort: 127.0.0.1:${port}
      database: northwind
`;

const SERVER = `workflowConfig:
  loggerLevel: INFO
  openMetadataServerConfig:
    hostPort: http://localhost:8585/api
    authProvider: openmetadata
    securityConfig:
      jwtToken: \${OM_JWT_TOKEN}
`;

function workflowYaml(port: number, outFile: string): string {
  return `# An OpenMetadata 1.4+ metadata ingestion workflow, unchanged: om-worker runs it as the Python ingestion would.
source:
  type: postgres
${connection(port)}  sourceConfig:
    config:
      type: DatabaseMetadata
      includeOwners: true
      schemaFilterPattern:
        excludes:
          - ^staging$
sink:
  type: file
  config:
    filename: ${outFile}
${SERVER}airflowConfig:
  scheduleInterval: "0 2 * * *"
  retries: 1
`;
}

/** The same service's lineage workflow: views, functions and the statements pg_stat_statements saw the sample load run. */
function lineageYaml(port: number, outFile: string): string {
  return `source:
  type: postgres-lineage
${connection(port)}  sourceConfig:
    config:
      type: DatabaseLineage
sink:
  type: file
  config:
    filename: ${outFile}
${SERVER}`;
}

interface EdgeLine {
  data: {
    edge: {
      fromEntity: { fullyQualifiedName: string };
      toEntity: { fullyQualifiedName: string };
      lineageDetails: { source: string; columnsLineage: unknown[] };
    };
  };
}

/** Runs the lineage workflow and prints its summary and a few of its edges. */
async function demoLineage(work: string, port: number, env: NodeJS.ProcessEnv): Promise<number> {
  const configFile = join(work, 'northwind-lineage.yaml');
  const outFile = join(work, 'northwind-lineage.ndjson');
  writeFileSync(configFile, lineageYaml(port, outFile));
  const result = await runWorkflow(loadWorkflowText(readFileSync(configFile, 'utf8'), configFile, env), { log: createLogger('WARN') });
  process.stdout.write(`\nLineage (${configFile}):\n${renderSummary(result.status)}`);
  if (result.fatal) return result.exitCode;
  const edges = readFileSync(outFile, 'utf8')
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as EdgeLine).data.edge);
  process.stdout.write(`Wrote ${edges.length} addLineage records to ${outFile}, for example:\n`);
  for (const edge of edges.slice(0, 6)) {
    const columns = edge.lineageDetails.columnsLineage.length;
    process.stdout.write(
      `  ${edge.fromEntity.fullyQualifiedName} -> ${edge.toEntity.fullyQualifiedName} (${edge.lineageDetails.source}, ${columns} columns)\n`,
    );
  }
  return result.exitCode;
}

/** What to try next: the same YAML against the user's own database, and a DAG of it in their Airflow. */
function nextSteps(configFile: string): string {
  return `
The embedded server stops with the demo; everything above stays in ${dirname(configFile)}.
Next, on your own database:
  cp ${configFile} my-postgres.yaml        # edit hostPort, username, database; the password comes from $DEMO_PG_PASSWORD
  npm run build                             # once: builds dist/om-worker (one file, no node_modules needed)
  DEMO_PG_PASSWORD=... OM_JWT_TOKEN=... npx om-worker run -c my-postgres.yaml
  npx omgen dag my-postgres.yaml --out ~/airflow/dags --worker /opt/omgen/om-worker
`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'omgen-demo-'));
  process.stdout.write('Starting an embedded PostgreSQL 18 ...\n');
  const server = await startEmbeddedPostgres();
  try {
    const admin = new pg.Client(server.url);
    await admin.connect();
    await admin.query('create database northwind');
    await admin.end();
    const db = new pg.Client(server.url.replace(/\/postgres$/, '/northwind'));
    await db.connect();
    // pg_stat_statements records the load itself: the history the lineage workflow reads afterwards.
    await db.query('create extension if not exists pg_stat_statements');
    for (const statement of sampleDatabaseSql()) await db.query(statement);
    await db.end();
    process.stdout.write('Loaded the Northwind Outdoor sample database (5 schemas, 30 tables, views, partitions, RLS).\n\n');

    const configFile = join(work, 'northwind-metadata.yaml');
    const outFile = join(work, 'northwind-metadata.ndjson');
    writeFileSync(configFile, workflowYaml(server.port, outFile));
    const env = { ...process.env, DEMO_PG_PASSWORD: 'not-needed-with-trust-auth', OM_JWT_TOKEN: 'demo-token' };
    const loaded = loadWorkflowText(readFileSync(configFile, 'utf8'), configFile, env);
    const result = await runWorkflow(loaded, { log: createLogger('WARN') });
    process.stdout.write(renderSummary(result.status));

    const lines = readFileSync(outFile, 'utf8').trim().split('\n');
    const counts = new Map<string, number>();
    for (const line of lines) {
      const type = (JSON.parse(line) as { type: string }).type;
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    process.stdout.write(`\nWrote ${lines.length} records to ${outFile}:\n`);
    for (const [type, count] of counts) process.stdout.write(`  ${type.padEnd(24)} ${count}\n`);
    const table = lines
      .map((l) => JSON.parse(l) as { type: string; data: { name: string; columns?: unknown[] } })
      .find((r) => r.type === 'createTable' && r.data.name === 'orders');
    if (table)
      process.stdout.write(`\nFor example, sales.orders:\n${JSON.stringify(table.data, null, 2).split('\n').slice(0, 30).join('\n')}\n  ...\n`);

    const lineageExit = await demoLineage(work, server.port, env);

    // Beside the demo's own files, not in the repository's dags-out/: it names a server that is gone once the demo ends.
    const dag = generateDag([configFile], { outDir: join(work, 'dags'), workerPath: 'om-worker' });
    process.stdout.write(`\nAirflow DAG for the same workflow: ${dag.dagFile} (dag_id ${dag.dagId})\n`);
    process.stdout.write(nextSteps(configFile));
    process.exitCode = result.exitCode || lineageExit;
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 4;
});
