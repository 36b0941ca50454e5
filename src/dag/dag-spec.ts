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
  timeoutSeconds?: number;
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
}

const DAG_ID_MAX = 250;
const DEFAULT_START = '2024-01-01T00:00:00+00:00';

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

export function buildDagSpec(config: WorkflowConfig, options: { dagId?: string; workerPath: string; sourceFile: string }): DagSpec {
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
    timeoutSeconds: airflow.workflowTimeout,
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
  };
}
