/**
 * The workflow config as OpenMetadata defines it (OpenMetadataWorkflowConfig), after validation and defaults.
 * Only the fields the worker reads are typed; the schemas in schemas/ accept every key OpenMetadata does.
 */

export interface FilterPattern {
  includes?: string[];
  excludes?: string[];
  /**
   * omgen's own, never in a workflow file: the names (or FQNs) kept, compared exactly. A shard sets it, because
   * patterns match ignoring case and `^sales$` keeps `Sales` too.
   */
  exactly?: string[];
}

export interface PostgresConnectionConfig {
  type?: 'Postgres';
  scheme?: string;
  username: string;
  /** Older OpenMetadata releases kept the password here instead of under authType. */
  password?: string;
  authType?: { password?: string; awsConfig?: unknown; azureConfig?: unknown };
  hostPort: string;
  database?: string;
  ingestAllDatabases?: boolean;
  sslMode?: 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  sslConfig?: { caCertificate?: string; sslCertificate?: string; sslKey?: string };
  connectionOptions?: Record<string, string | number | boolean>;
  connectionArguments?: Record<string, unknown>;
  classificationName?: string;
  queryStatementSource?: string;
}

export interface IncrementalConfig {
  enabled?: boolean;
  lookbackDays?: number;
  safetyMarginDays?: number;
}

export interface DatabaseMetadataPipelineConfig {
  type: 'DatabaseMetadata';
  markDeletedTables: boolean;
  markDeletedStoredProcedures: boolean;
  markDeletedSchemas?: boolean;
  markDeletedDatabases?: boolean;
  includeTables: boolean;
  includeViews: boolean;
  includeTags: boolean;
  includeOwners: boolean;
  includeStoredProcedures: boolean;
  includeDDL: boolean;
  overrideMetadata?: boolean;
  useFqnForFiltering: boolean;
  databaseFilterPattern?: FilterPattern;
  schemaFilterPattern?: FilterPattern;
  tableFilterPattern?: FilterPattern;
  threads?: number;
  queryLogDuration?: number;
  queryParsingTimeoutLimit?: number;
  incremental?: IncrementalConfig;
}

/** Keys the usage and lineage workflows share: where the queries come from. */
interface QueryHistoryConfig {
  queryLogDuration: number;
  resultLimit: number;
  queryLogFilePath?: string;
  filterCondition?: string;
}

export interface DatabaseUsagePipelineConfig extends QueryHistoryConfig {
  type: 'DatabaseUsage';
  stageFileLocation?: string;
}

export interface DatabaseLineagePipelineConfig extends QueryHistoryConfig {
  type: 'DatabaseLineage';
  parsingTimeoutLimit: number;
  databaseFilterPattern?: FilterPattern;
  schemaFilterPattern?: FilterPattern;
  tableFilterPattern?: FilterPattern;
  processViewLineage: boolean;
  processQueryLineage: boolean;
  processStoredProcedureLineage: boolean;
  overrideViewLineage: boolean;
  threads: number;
}

export type ProfileSampleType = 'PERCENTAGE' | 'ROWS';

/** sourceConfig.config of the profiler workflow (OpenMetadata's DatabaseServiceProfilerPipeline). */
export interface DatabaseProfilerPipelineConfig {
  type: 'Profiler';
  databaseFilterPattern?: FilterPattern;
  schemaFilterPattern?: FilterPattern;
  tableFilterPattern?: FilterPattern;
  includeViews?: boolean;
  useFqnForFiltering?: boolean;
  generateSampleData?: boolean;
  computeMetrics?: boolean;
  computeTableMetrics?: boolean;
  computeColumnMetrics?: boolean;
  useStatistics?: boolean;
  processPiiSensitive?: boolean;
  confidence?: number;
  profileSampleType?: ProfileSampleType;
  profileSample?: number | null;
  samplingMethodType?: 'BERNOULLI' | 'SYSTEM';
  randomizedSample?: boolean;
  sampleDataCount?: number;
  threadCount?: number;
  timeoutSeconds?: number;
  /** omgen's own: the time the whole run may take; large tables are sampled or profiled from statistics to fit. */
  timeBudgetSeconds?: number;
  /**
   * Not a YAML key: set when an AutoClassification workflow runs as the profiler. No table profile is then sent, and
   * the sample rows (read for classification) are sent only with `storeSampleData`.
   */
  classificationOnly?: { classificationFilterPattern?: FilterPattern; storeSampleData: boolean };
}

/** sourceConfig.config of the auto-classification workflow (OpenMetadata 1.7+: PII tagging and sample data). */
export interface DatabaseAutoClassificationPipelineConfig {
  type: 'AutoClassification';
  classificationFilterPattern?: FilterPattern;
  databaseFilterPattern?: FilterPattern;
  schemaFilterPattern?: FilterPattern;
  tableFilterPattern?: FilterPattern;
  includeViews?: boolean;
  useFqnForFiltering?: boolean;
  storeSampleData?: boolean;
  enableAutoClassification?: boolean;
  confidence?: number;
  sampleDataCount?: number;
  classificationLanguage?: string;
}

/** OpenMetadata's PartitionProfilerConfig. */
export interface PartitionConfig {
  enablePartitioning?: boolean;
  partitionColumnName?: string;
  partitionIntervalType?: 'TIME-UNIT' | 'INTEGER-RANGE' | 'COLUMN-VALUE' | 'INGESTION-TIME';
  partitionInterval?: number;
  partitionIntervalUnit?: 'YEAR' | 'MONTH' | 'DAY' | 'HOUR';
  partitionValues?: unknown[];
  partitionIntegerRangeStart?: number;
  partitionIntegerRangeEnd?: number;
}

/** A tableConfig entry of the orm-profiler processor (and the server's tableProfilerConfig, which has the same keys). */
export interface TableProfilerSettings {
  fullyQualifiedName?: string;
  profileSample?: number | null;
  profileSampleType?: ProfileSampleType;
  sampleDataCount?: number;
  profileQuery?: string | null;
  partitionConfig?: PartitionConfig;
  /** The server entity's name for partitionConfig. */
  partitioning?: PartitionConfig;
  columnConfig?: { excludeColumns?: string[]; includeColumns?: Array<{ columnName: string; metrics?: string[] | null }> };
  excludeColumns?: string[] | null;
  includeColumns?: Array<{ columnName: string; metrics?: string[] | null }> | null;
}

/** processor.config of the profiler workflow (OpenMetadata's ProfilerProcessorConfig). */
export interface ProfilerProcessorConfig {
  profiler?: { name?: string; timeout_seconds?: number; metrics?: string[] };
  tableConfig?: TableProfilerSettings[];
  schemaConfig?: Array<{
    fullyQualifiedName: string;
    profileSample?: number | null;
    profileSampleType?: ProfileSampleType;
    sampleDataCount?: number;
  }>;
  databaseConfig?: Array<{
    fullyQualifiedName: string;
    profileSample?: number | null;
    profileSampleType?: ProfileSampleType;
    sampleDataCount?: number;
  }>;
}

/** The sourceConfig of workflows implemented later; typed by their `type` discriminator only for now. */
export interface OtherPipelineConfig {
  type: 'TestSuite' | 'DBT';
  [key: string]: unknown;
}

export type PipelineConfig =
  | DatabaseMetadataPipelineConfig
  | DatabaseUsagePipelineConfig
  | DatabaseLineagePipelineConfig
  | DatabaseProfilerPipelineConfig
  | DatabaseAutoClassificationPipelineConfig
  | OtherPipelineConfig;

export interface OpenMetadataServerConfig {
  hostPort: string;
  authProvider?: string;
  securityConfig?: { jwtToken?: string };
  verifySSL?: 'no-ssl' | 'ignore' | 'validate';
  sslConfig?: { caCertificate?: string; sslCertificate?: string; sslKey?: string };
  apiVersion?: string;
  enableVersionValidation?: boolean;
  storeServiceConnection?: boolean;
  forceEntityOverwriting?: boolean;
  extraHeaders?: Record<string, string>;
}

export interface StepConfig {
  type: string;
  config?: Record<string, unknown>;
}

export interface AirflowConfig {
  scheduleInterval?: string | null;
  startDate?: string;
  endDate?: string;
  retries?: number;
  retryDelay?: number;
  maxActiveRuns?: number;
  workflowTimeout?: number;
  pausePipeline?: boolean;
  pipelineCatchup?: boolean;
  concurrency?: number;
  pipelineTimezone?: string;
  owner?: string;
  email?: string;
}

export interface WorkflowConfig {
  source: {
    type: string;
    serviceName: string;
    serviceConnection?: { config: PostgresConnectionConfig };
    sourceConfig: { config: PipelineConfig };
  };
  processor?: StepConfig;
  stage?: StepConfig;
  sink?: StepConfig;
  bulkSink?: StepConfig;
  workflowConfig: {
    loggerLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
    openMetadataServerConfig: OpenMetadataServerConfig;
    raiseOnError?: boolean;
    /** omgen extension: the source success rate (percent) under which the run fails; OpenMetadata's constant is 90. */
    successThreshold?: number;
    config?: Record<string, unknown>;
  };
  ingestionPipelineFQN?: string;
  pipelineRunId?: string;
  airflowConfig?: AirflowConfig;
}

export function isMetadataPipeline(config: PipelineConfig): config is DatabaseMetadataPipelineConfig {
  return config.type === 'DatabaseMetadata';
}
