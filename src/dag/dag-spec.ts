import { basename } from 'node:path';
import type { WorkflowConfig } from '../config/types.js';
import { kindOf } from '../config/workflow-kind.js';
import { splitFqn } from '../openmetadata/fqn.js';
import { pyList, pyString } from './python-literal.js';

/** Everything a DAG template needs, already decided: the template only lays it out. */
export interface DagSpec {
  dagId: string;
  description: string;
  taskId: string;
  owner: string;
  retries: number;
  retryDelaySeconds: number;
  /** The task's execution timeout: workflowTimeout, else DEFAULT_TIMEOUT_SECONDS, so a hung run frees its slot. */
  timeoutSeconds: number;
  /** The DAG run's timeout: workflowTimeout when set (OpenMetadata's meaning), else none. */
  runTimeoutSeconds?: number;
  /** A Python expression: None or a string literal. */
  schedule: string;
  startDate: string;
  endDate?: string;
  catchup: boolean;
  maxActiveRuns: number;
  maxActiveTasks: number;
  paused: boolean;
  /** A Python list expression. */
  tags: string;
  configFileName: string;
  workerPath: string;
  sourceName: string;
  /** A Python dict expression: each `${VAR}` the DAG fills from Airflow, with where its value is kept. */
  secrets: string;
}

const DAG_ID_MAX = 250;
const DEFAULT_START = '2024-01-01T00:00:00+00:00';
/** The execution timeout of a DAG whose workflow sets no workflowTimeout: long enough for any sane run. */
export const DEFAULT_TIMEOUT_SECONDS = 12 * 3600;

/** OpenMetadata's rule for DAG ids: every run of characters outside [0-9a-zA-Z_-] becomes one underscore. */
export function sanitizeDagId(name: string): string {
  return name.replace(/[^0-9a-zA-Z_-]+/g, '_').slice(0, DAG_ID_MAX);
}

export function defaultDagId(config: WorkflowConfig): string {
  // The pipeline's own name is the last FQN part, which may be quoted because it holds dots.
  const pipelineName = config.ingestionPipelineFQN ? splitFqn(config.ingestionPipelineFQN).pop() : undefined;
  const kind = kindOf(config.source.sourceConfig.config.type)?.kind ?? 'workflow';
  return sanitizeDagId(pipelineName || `${config.source.serviceName}_${kind}`);
}

function isoStart(value: string | undefined): string {
  if (!value) return DEFAULT_START;
  // A bare date reads as midnight UTC: Airflow wants an aware datetime.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00+00:00`;
  // fromisoformat before Python 3.11 rejects a trailing Z.
  return value.replace(/Z$/, '+00:00');
}

/** Where the DAG reads a variable's value when the task runs: an Airflow Connection's field or an Airflow Variable. */
export type SecretSource = { kind: 'conn'; id: string; field: string } | { kind: 'var'; name: string };

function secretsDict(secrets: ReadonlyMap<string, SecretSource>): string {
  const entries = [...secrets].map(([variable, source]) =>
    source.kind === 'conn'
      ? `${pyString(variable)}: ("conn", ${pyString(source.id)}, ${pyString(source.field)})`
      : `${pyString(variable)}: ("var", ${pyString(source.name)})`,
  );
  return `{${entries.join(', ')}}`;
}

export function buildDagSpec(
  config: WorkflowConfig,
  options: { dagId?: string; workerPath: string; sourceFile: string; secrets?: ReadonlyMap<string, SecretSource> },
): DagSpec {
  const airflow = config.airflowConfig ?? {};
  const info = kindOf(config.source.sourceConfig.config.type);
  const dagId = options.dagId ? sanitizeDagId(options.dagId) : defaultDagId(config);
  const schedule = airflow.scheduleInterval ? pyString(airflow.scheduleInterval) : 'None';
  return {
    dagId,
    description: `OpenMetadata ${config.source.sourceConfig.config.type} workflow for service ${config.source.serviceName}, run by om-worker`,
    taskId: info?.taskId ?? 'ingestion_task',
    owner: airflow.owner ?? 'openmetadata',
    retries: airflow.retries ?? 0,
    retryDelaySeconds: airflow.retryDelay ?? 300,
    timeoutSeconds: airflow.workflowTimeout ?? DEFAULT_TIMEOUT_SECONDS,
    ...(airflow.workflowTimeout ? { runTimeoutSeconds: airflow.workflowTimeout } : {}),
    schedule,
    startDate: isoStart(airflow.startDate),
    endDate: airflow.endDate ? isoStart(airflow.endDate) : undefined,
    catchup: airflow.pipelineCatchup ?? false,
    maxActiveRuns: airflow.maxActiveRuns ?? 1,
    maxActiveTasks: airflow.concurrency ?? 1,
    paused: airflow.pausePipeline ?? false,
    tags: pyList(['OpenMetadata', 'omgen', info?.kind ?? 'workflow']),
    configFileName: `${dagId}.yaml`,
    workerPath: options.workerPath,
    sourceName: basename(options.sourceFile),
    secrets: secretsDict(options.secrets ?? new Map()),
  };
}
