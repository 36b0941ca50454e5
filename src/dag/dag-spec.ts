import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { AirflowConfig, WorkflowConfig } from '../config/types.js';
import { kindOf, workflowLabel, type WorkflowKind } from '../config/workflow-kind.js';
import { splitFqn } from '../openmetadata/fqn.js';
import { workflowDoc } from './dag-doc.js';
import { pyList, pyString } from './python-literal.js';

/** Where the DAG reads a variable's value when the task runs: an Airflow Connection's field or an Airflow Variable. */
export type SecretSource =
  | { kind: 'conn'; id: string; field: string }
  | { kind: 'var'; name: string }
  /** A Kubernetes Secret's key, which the pod gets as an environment variable (--operator kubernetes). */
  | { kind: 'k8s'; secret: string; key: string };

/** How a task runs om-worker: on the Airflow worker itself, or in a pod of the worker image. */
export type OperatorKind = 'bash' | 'kubernetes';

/** Pods of the worker image (--operator kubernetes), and how the workflow reaches them. */
export interface PodSettings {
  image: string;
  namespace?: string;
  /** The workflow in a ConfigMap the pod takes its environment from (manifests written beside the DAG), not inline. */
  configMap?: boolean;
}

/** One task of a DAG: one workflow file, run by om-worker. */
export interface TaskSpec {
  taskId: string;
  /** The Python function the task calls (an identifier made from the task id). */
  functionName: string;
  /** The Python variable the task is bound to, for the dependency lines. */
  variable: string;
  /** The workflow copy beside the DAG that this task runs. */
  configFileName: string;
  /** A Python dict expression: each `${VAR}` the task fills from Airflow, with where its value is kept. */
  secrets: string;
  /** A Python list of the provider's Secret(...) for a pod (--operator kubernetes). */
  podSecrets: string;
  /** The pod's name: the task id in the characters Kubernetes takes. */
  podName: string;
  /** The name of the pod that lists a sharded task's shards. */
  shardsPodName: string;
  /** The ConfigMap that holds the workflow for the pod (with a ConfigMap), and its manifest's file beside the DAG. */
  configMapName: string;
  configMapFileName: string;
  kind: WorkflowKind;
  /** The DAG tag naming the workflow: its kind, or what sets its type apart within the kind (autoClassification). */
  label: string;
  /** Run as mapped tasks, one per schema (or database): a listing task, then the shards (`--shard-by schema`). */
  sharded: boolean;
  /** The variables a dependency enters at and leaves from (the listing task and the mapped shards when sharded). */
  entry: string;
  exit: string;
}

/** Everything a DAG template needs, already decided: the template only lays it out. */
export interface DagSpec {
  dagId: string;
  description: string;
  /** Markdown for the DAG's doc_md: what each task does (never a secret). */
  docMd: string;
  owner: string;
  /** A Python list expression of addresses to mail on failure, or '' for none. */
  email: string;
  retries: number;
  retryDelaySeconds: number;
  /** The task's execution timeout: workflowTimeout, else DEFAULT_TIMEOUT_SECONDS, so a hung run frees its slot. */
  timeoutSeconds: number;
  /** Whether the timeout was chosen (workflowTimeout or --timeout) rather than defaulted. */
  timeoutGiven: boolean;
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
  tasks: TaskSpec[];
  /** Python statements that order the tasks (`metadata >> [usage, lineage]`). */
  dependencies: string[];
  workerPath: string;
  sourceName: string;
  /** Pods of this image instead of a subprocess on the Airflow worker (--operator kubernetes). */
  kubernetes?: PodSettings;
}

/** What the command line may override of airflowConfig. */
export interface DagOverrides {
  schedule?: string | null;
  startDate?: string;
  retries?: number;
  timeoutSeconds?: number;
  owner?: string;
  email?: string;
  tags?: string[];
}

/** One workflow file of a DAG, validated. */
export interface DagWorkflow {
  config: WorkflowConfig;
  sourceFile: string;
  secrets?: ReadonlyMap<string, SecretSource>;
  /** Split this workflow's run per schema (per database with ingestAllDatabases). */
  sharded?: boolean;
}

const DAG_ID_MAX = 250;
const DEFAULT_START = '2024-01-01T00:00:00+00:00';
/** The execution timeout of a DAG whose workflow sets no workflowTimeout: long enough for any sane run. */
export const DEFAULT_TIMEOUT_SECONDS = 12 * 3600;

/** The order a pipeline runs its workflows in: tables first, then what reads them, then what checks them. */
const STAGE: Record<WorkflowKind, number> = { metadata: 0, usage: 1, lineage: 1, profiler: 2, testSuite: 3, dbt: 3 };

/** OpenMetadata's rule for DAG ids: every run of characters outside [0-9a-zA-Z_-] becomes one underscore. */
export function sanitizeDagId(name: string): string {
  return name.replace(/[^0-9a-zA-Z_-]+/g, '_').slice(0, DAG_ID_MAX);
}

export function defaultDagId(config: WorkflowConfig): string {
  // The pipeline's own name is the last FQN part, which may be quoted because it holds dots.
  const pipelineName = config.ingestionPipelineFQN ? splitFqn(config.ingestionPipelineFQN).pop() : undefined;
  const info = kindOf(config.source.sourceConfig.config.type);
  return sanitizeDagId(pipelineName || `${config.source.serviceName}_${workflowLabel(info) ?? 'workflow'}`);
}

function isoStart(value: string | undefined): string {
  if (!value) return DEFAULT_START;
  // A bare date reads as midnight UTC: Airflow wants an aware datetime.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00+00:00`;
  // fromisoformat before Python 3.11 rejects a trailing Z.
  return value.replace(/Z$/, '+00:00');
}

function secretsDict(secrets: ReadonlyMap<string, SecretSource>): string {
  const entries = [...secrets].flatMap(([variable, source]) =>
    source.kind === 'conn'
      ? [`${pyString(variable)}: ("conn", ${pyString(source.id)}, ${pyString(source.field)})`]
      : source.kind === 'var'
        ? [`${pyString(variable)}: ("var", ${pyString(source.name)})`]
        : [],
  );
  return `{${entries.join(', ')}}`;
}

/** The pod's Kubernetes Secrets, as the provider's Secret objects: each key becomes the variable in the pod's env. */
function podSecrets(secrets: ReadonlyMap<string, SecretSource>): string {
  const entries = [...secrets].flatMap(([variable, source]) =>
    source.kind === 'k8s' ? [`Secret("env", ${pyString(variable)}, ${pyString(source.secret)}, ${pyString(source.key)})`] : [],
  );
  return `[${entries.join(', ')}]`;
}

/** A name Kubernetes takes (lower-case letters, digits and dashes, at most 63): the DAG's and the task's. */
const podName = (dagId: string, taskId: string): string =>
  `${dagId}-${taskId}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '') || 'om-worker';

/**
 * A Python identifier from a task id (which may hold `-` and `.`, start with a digit or be a keyword): prefixed, so
 * it can be none of those nor a name the DAG file defines itself (`run_om_worker`).
 */
const identifier = (taskId: string): string => `task_${taskId.replace(/[^0-9A-Za-z_]/g, '_')}`;

/** Each stage's tasks run after every task of the stage before (Airflow takes `task >> [tasks]`, not list >> list). */
function dependencies(tasks: readonly TaskSpec[]): string[] {
  const stages = [...new Set(tasks.map((task) => STAGE[task.kind]))].sort((a, b) => a - b);
  const lines: string[] = [];
  for (let i = 1; i < stages.length; i++) {
    const before = tasks.filter((task) => STAGE[task.kind] === stages[i - 1]);
    const after = tasks.filter((task) => STAGE[task.kind] === stages[i]);
    for (const upstream of before) lines.push(`${upstream.exit} >> [${after.map((task) => task.entry).join(', ')}]`);
  }
  // A sharded task's shards come after the task that lists them.
  return [...tasks.filter((task) => task.sharded).map((task) => `${task.entry} >> ${task.exit}`), ...lines];
}

/**
 * The DAG of one workflow file (its task named as OpenMetadata names it) or of several (`--pipeline`: a task per
 * file, named after its workflow, ordered metadata → usage and lineage → profiler → data quality and dbt). Schedule
 * and defaults come from the first file's airflowConfig, overridden by the command line.
 */
export function buildDagSpec(
  workflows: readonly DagWorkflow[],
  options: { dagId?: string; pipeline?: string; workerPath: string; overrides?: DagOverrides; kubernetes?: PodSettings },
): DagSpec {
  const [first] = workflows as [DagWorkflow, ...DagWorkflow[]];
  const config = first.config;
  const airflow: AirflowConfig = config.airflowConfig ?? {};
  const overrides = options.overrides ?? {};
  const pipeline = options.pipeline !== undefined;
  const dagId = sanitizeDagId(options.dagId ?? options.pipeline ?? defaultDagId(config));
  const tasks: TaskSpec[] = workflows.map((workflow) => {
    const info = kindOf(workflow.config.source.sourceConfig.config.type);
    const taskId = pipeline ? defaultDagId(workflow.config) : (info?.taskId ?? 'ingestion_task');
    const variable = identifier(taskId);
    const pod = podName(dagId, taskId);
    const sharded = workflow.sharded === true;
    return {
      taskId,
      functionName: `run_${variable}`,
      variable,
      sharded,
      entry: sharded ? `${variable}_shards` : variable,
      exit: variable,
      configFileName: pipeline ? `${dagId}__${taskId}.yaml` : `${dagId}.yaml`,
      secrets: secretsDict(workflow.secrets ?? new Map()),
      podSecrets: podSecrets(workflow.secrets ?? new Map()),
      podName: pod,
      shardsPodName: `${pod.slice(0, 63 - '-shards'.length).replace(/-+$/, '')}-shards`,
      // Cut short, names could meet: a digest of the full dag and task ids keeps each task's ConfigMap its own.
      configMapName: `${pod.slice(0, 45).replace(/-+$/, '')}-${createHash('sha256').update(`${dagId}\0${taskId}`).digest('hex').slice(0, 8)}-wf`,
      configMapFileName: (pipeline ? `${dagId}__${taskId}.yaml` : `${dagId}.yaml`).replace(/\.yaml$/, '.configmap.yaml'),
      kind: info?.kind ?? 'metadata',
      label: workflowLabel(info) ?? 'metadata',
    };
  });
  const scheduleText = overrides.schedule !== undefined ? overrides.schedule : airflow.scheduleInterval;
  const timeout = overrides.timeoutSeconds ?? airflow.workflowTimeout;
  const email = overrides.email ?? airflow.email;
  const labels = [...new Set(tasks.map((task) => task.label))];
  return {
    dagId,
    description: pipeline
      ? `OpenMetadata workflows ${tasks.map((task) => task.taskId).join(', ')}, run by om-worker`
      : `OpenMetadata ${config.source.sourceConfig.config.type} workflow for service ${config.source.serviceName}, run by om-worker`,
    docMd: workflows.map((workflow, i) => workflowDoc(workflow.config, (tasks[i] as TaskSpec).taskId)).join('\n'),
    owner: overrides.owner ?? airflow.owner ?? 'openmetadata',
    email: email ? pyList(email.split(/[,;\s]+/).filter(Boolean)) : '',
    retries: overrides.retries ?? airflow.retries ?? 0,
    retryDelaySeconds: airflow.retryDelay ?? 300,
    timeoutSeconds: timeout ?? DEFAULT_TIMEOUT_SECONDS,
    timeoutGiven: timeout !== undefined,
    ...(timeout && !pipeline ? { runTimeoutSeconds: timeout } : {}),
    schedule: scheduleText ? pyString(scheduleText) : 'None',
    startDate: isoStart(overrides.startDate ?? airflow.startDate),
    endDate: airflow.endDate ? isoStart(airflow.endDate) : undefined,
    catchup: airflow.pipelineCatchup ?? false,
    maxActiveRuns: airflow.maxActiveRuns ?? 1,
    // Shards are meant to run side by side: without `concurrency`, Airflow's own limit applies (0: not set).
    maxActiveTasks: airflow.concurrency ?? (tasks.some((task) => task.sharded) ? 0 : pipeline ? Math.max(1, tasks.length) : 1),
    paused: airflow.pausePipeline ?? false,
    tags: pyList([...new Set(['OpenMetadata', 'omgen', ...labels, ...(overrides.tags ?? [])])].map((tag) => tag.slice(0, 100))),
    tasks,
    dependencies: dependencies(tasks),
    workerPath: options.workerPath,
    sourceName: workflows.map((workflow) => basename(workflow.sourceFile)).join(', '),
    ...(options.kubernetes ? { kubernetes: options.kubernetes } : {}),
  };
}
