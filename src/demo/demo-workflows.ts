/**
 * The demo's workflow files, one per workflow kind, as a user would write them for the sample service: OpenMetadata's
 * YAML unchanged (the password and token come from the environment), each writing to a file sink in the demo folder,
 * each with an airflowConfig for its DAG.
 */
import { join } from 'node:path';
import type { WorkflowKind } from '../config/workflow-kind.js';

export const DEMO_SERVICE = 'northwind_pg';
export const DEMO_DATABASE = 'northwind';

export interface DemoWorkflow {
  kind: WorkflowKind;
  /** What the summary calls it. */
  title: string;
  yaml: string;
  configFile: string;
  outFile: string;
}

const connection = (port: number): string => `  serviceName: ${DEMO_SERVICE}
  serviceConnection:
    config:
      type: Postgres
      username: postgres
      authType:
        password: \${DEMO_PG_PASSWORD}
      hostPort: 127.0.0.1:${port}
      database: ${DEMO_DATABASE}
`;

const server = (outFile: string, schedule: string): string => `sink:
  type: file
  config:
    filename: ${JSON.stringify(outFile)}
workflowConfig:
  loggerLevel: INFO
  openMetadataServerConfig:
    hostPort: http://localhost:8585/api
    authProvider: openmetadata
    securityConfig:
      jwtToken: \${OM_JWT_TOKEN}
airflowConfig:
  scheduleInterval: "${schedule}"
  retries: 1
  workflowTimeout: 3600
`;

/** The source and sourceConfig (and processor, stage) part of each kind's file. */
function body(kind: WorkflowKind, port: number, folder: string): string {
  switch (kind) {
    case 'metadata':
      return `source:
  type: postgres
${connection(port)}  sourceConfig:
    config:
      type: DatabaseMetadata
      includeOwners: true
      schemaFilterPattern:
        excludes:
          - ^staging$
`;
    case 'usage':
      return `source:
  type: postgres-usage
${connection(port)}  sourceConfig:
    config:
      type: DatabaseUsage
      queryLogDuration: 1
processor:
  type: query-parser
  config: {}
stage:
  type: table-usage
  config:
    filename: ${JSON.stringify(join(folder, 'usage-stage'))}
bulkSink:
  type: metadata-usage
  config:
    filename: ${JSON.stringify(join(folder, 'usage-stage'))}
`;
    case 'lineage':
      return `source:
  type: postgres-lineage
${connection(port)}  sourceConfig:
    config:
      type: DatabaseLineage
`;
    case 'profiler':
      return `source:
  type: postgres
${connection(port)}  sourceConfig:
    config:
      type: Profiler
      generateSampleData: true
      processPiiSensitive: true
      schemaFilterPattern:
        includes:
          - ^sales$
          - ^hr$
processor:
  type: orm-profiler
  config: {}
`;
    case 'testSuite':
      return `source:
  type: TestSuite
${connection(port)}  sourceConfig:
    config:
      type: TestSuite
      entityFullyQualifiedName: ${DEMO_SERVICE}.${DEMO_DATABASE}.sales.orders
processor:
  type: orm-test-runner
  config:
    testCases:
      - name: orders_exist
        testDefinitionName: tableRowCountToBeBetween
        parameterValues:
          - name: minValue
            value: "1"
      - name: order_ids_unique
        testDefinitionName: columnValuesToBeUnique
        columnName: order_id
      - name: currency_is_known
        testDefinitionName: columnValuesToBeInSet
        columnName: currency
        parameterValues:
          - name: allowedValues
            value: '["EUR", "USD", "GBP"]'
          - name: matchEnum
            value: "true"
        computePassedFailedRowCount: true
      - name: no_future_orders
        testDefinitionName: tableCustomSQLQuery
        parameterValues:
          - name: sqlExpression
            value: select order_id from sales.orders where ordered_at > now()
`;
    case 'dbt':
      return `source:
  type: dbt
  serviceName: ${DEMO_SERVICE}
  sourceConfig:
    config:
      type: DBT
      dbtConfigSource:
        dbtConfigType: local
        dbtManifestFilePath: ${JSON.stringify(join(folder, 'dbt', 'manifest.json'))}
        dbtCatalogFilePath: ${JSON.stringify(join(folder, 'dbt', 'catalog.json'))}
        dbtRunResultsFilePath: ${JSON.stringify(join(folder, 'dbt', 'run_results.json'))}
`;
  }
}

const TITLES: Record<WorkflowKind, string> = {
  metadata: 'Metadata',
  usage: 'Usage',
  lineage: 'Lineage',
  profiler: 'Profiler',
  testSuite: 'Data quality',
  dbt: 'dbt',
};

/** Every kind, in the order a pipeline runs them. */
export const DEMO_KINDS: readonly WorkflowKind[] = ['metadata', 'usage', 'lineage', 'profiler', 'testSuite', 'dbt'];

export function demoWorkflow(kind: WorkflowKind, port: number, folder: string): DemoWorkflow {
  const outFile = join(folder, `${kind}.ndjson`);
  return {
    kind,
    title: TITLES[kind],
    yaml: `# OpenMetadata's ${TITLES[kind]} workflow for the sample service, as written for the Python ingestion.\n${body(kind, port, folder)}${server(outFile, '0 2 * * *')}`,
    configFile: join(folder, `northwind-${kind}.yaml`),
    outFile,
  };
}
