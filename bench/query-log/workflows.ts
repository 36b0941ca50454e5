/**
 * The two workflows the bench runs over the query log, as OpenMetadata writes them (JSON is YAML): lineage with view
 * and function lineage off (only the log's statements count), usage through its query parser, stage and bulk sink;
 * both to the file sink. The server they name is never called.
 */
export interface WorkflowFiles {
  databaseUrl: string;
  queryLog: string;
  /** The file sink's output. */
  output: string;
}

export const SERVICE = 'bench_pg';

function connection(databaseUrl: string): Record<string, unknown> {
  const u = new URL(databaseUrl);
  return {
    type: 'Postgres',
    username: decodeURIComponent(u.username),
    hostPort: `${u.hostname}:${u.port}`,
    database: decodeURIComponent(u.pathname.slice(1)),
    ingestAllDatabases: false,
    sslMode: 'disable',
  };
}

const workflowConfig = {
  loggerLevel: 'INFO',
  openMetadataServerConfig: {
    hostPort: 'http://localhost:8585/api',
    authProvider: 'openmetadata',
    securityConfig: { jwtToken: 'bench-token-not-used' },
  },
};

export function lineageWorkflow(f: WorkflowFiles): string {
  const config = {
    source: {
      type: 'postgres-lineage',
      serviceName: SERVICE,
      serviceConnection: { config: connection(f.databaseUrl) },
      sourceConfig: {
        config: { type: 'DatabaseLineage', queryLogFilePath: f.queryLog, processViewLineage: false, processStoredProcedureLineage: false },
      },
    },
    sink: { type: 'file', config: { filename: f.output } },
    workflowConfig,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export function usageWorkflow(f: WorkflowFiles & { stage: string }): string {
  const config = {
    source: {
      type: 'postgres-usage',
      serviceName: SERVICE,
      serviceConnection: { config: connection(f.databaseUrl) },
      sourceConfig: { config: { type: 'DatabaseUsage', queryLogFilePath: f.queryLog } },
    },
    processor: { type: 'query-parser', config: {} },
    stage: { type: 'table-usage', config: { filename: f.stage } },
    bulkSink: { type: 'metadata-usage', config: { filename: f.stage } },
    sink: { type: 'file', config: { filename: f.output } },
    workflowConfig,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
