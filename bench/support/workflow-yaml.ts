/** The metadata workflow every bench runs: the bench database, everything included, only the sink differs. */
export interface WorkflowYamlOptions {
  /** First line, saying which runner wrote the file. */
  comment: string;
  /** The bench database (GeneratedDatabase.url). */
  databaseUrl: string;
  /** The whole `sink:` block, ending in a newline. */
  sink: string;
  /** openMetadataServerConfig.hostPort: where the REST sink sends; the workflow requires a server even with a file sink. */
  hostPort: string;
  jwtToken: string;
}

export function fileSinkYaml(outFile: string): string {
  return `sink:\n  type: file\n  config:\n    filename: ${outFile}\n`;
}

export function workflowYaml(o: WorkflowYamlOptions): string {
  const u = new URL(o.databaseUrl);
  return `${o.comment}
source:
  type: postgres
  serviceName: bench_pg
  serviceConnection:
    config:
      type: Postgres
      username: ${decodeURIComponent(u.username)}
      hostPort: ${u.hostname}:${u.port}
      database: ${u.pathname.slice(1)}
      ingestAllDatabases: false
      sslMode: disable
  sourceConfig:
    config:
      type: DatabaseMetadata
      markDeletedTables: true
      includeTables: true
      includeViews: true
      includeTags: true
      includeOwners: true
      includeStoredProcedures: true
      includeDDL: true
      schemaFilterPattern:
        excludes:
          - ^information_schema$
          - ^pg_temp.*
      tableFilterPattern:
        excludes:
          - .*_backup$
          - ^tmp_.*
${o.sink}workflowConfig:
  loggerLevel: INFO
  openMetadataServerConfig:
    hostPort: ${o.hostPort}
    authProvider: openmetadata
    securityConfig:
      jwtToken: ${o.jwtToken}
`;
}
