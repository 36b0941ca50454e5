import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { loadWorkflowText } from '../config/load-workflow.js';
import { readWorkflowFile } from '../config/load-yaml.js';
import { unsupportedReason } from '../config/workflow-kind.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { OMGEN_VERSION } from '../version.js';
import { buildDagSpec, type DagOverrides, type DagSpec, type DagWorkflow, type PodSettings, type SecretSource } from './dag-spec.js';
import { configMapManifest } from './config-map.js';
import { renderDag } from './render-dag.js';
import { SecretOptionError } from './secret-options.js';
import { referenceLiteralSecrets, type SecretScan } from './secret-references.js';
import { shardProblem } from '../workflow/shards.js';

export interface GenerateOptions {
  outDir: string;
  workerPath: string;
  dagId?: string;
  /** One DAG of all the files, a task each, named so (`--pipeline`). */
  pipeline?: string;
  /** Write the DAG even when this version of om-worker cannot run the workflow yet. */
  force?: boolean;
  /** Variables the DAG fills from Airflow when the task runs (`--secret`). */
  secrets?: ReadonlyMap<string, SecretSource>;
  /** Refuse a workflow that writes a secret out literally, instead of replacing it with a reference. */
  strict?: boolean;
  overrides?: DagOverrides;
  /** Write nothing; say whether the files on disk are what this generation would write (`--check`). */
  check?: boolean;
  /** Write nothing yet: the caller writes the result with writeDag once every DAG of its command is planned. */
  planOnly?: boolean;
  /** Split metadata and profiler runs per schema (per database with ingestAllDatabases) as mapped tasks. */
  shardBy?: 'schema';
  /** Run each task in a pod of this image (`--operator kubernetes`) instead of on the Airflow worker. */
  kubernetes?: PodSettings;
}

export interface GeneratedDag {
  dagId: string;
  /** The settings the DAG got, defaults included, in one line: what a reader of the output should not have to guess. */
  settings: string;
  dagFile: string;
  warnings: string[];
  /** With `check`: the files that are missing or differ from what would be written. */
  outdated?: string[];
  /** Set when nothing was written: why this version cannot run the workflow (without `force`). */
  unsupported?: string;
  /** Every variable the workflows refer to (what `--secret` may name). */
  variables: string[];
  /** The files the DAG is (the DAG last) and the earlier generation's leftovers to remove; absent when unsupported. */
  files?: { outputs: Array<[string, string]>; stale: string[] };
}

interface ReadWorkflow extends DagWorkflow {
  scan: SecretScan;
}

/** Reads and validates one workflow file, and finds the secrets it writes out. Throws ConfigError. */
function readWorkflow(file: string, options: GenerateOptions): ReadWorkflow {
  const text = readWorkflowFile(file);
  // Variables need not exist where the DAG is generated, only where it runs.
  const { config } = loadWorkflowText(text, file, process.env, { deferMissingVariables: true });
  const scan = referenceLiteralSecrets(text);
  const refused = [
    ...scan.unreplaceable.map((secret) => ({
      path: secret.key,
      line: secret.line,
      message: `a literal secret in a block scalar: write it as \${${secret.variable}}`,
    })),
    ...(options.strict
      ? scan.replaced.map((secret) => ({
          path: secret.key,
          line: secret.line,
          message: `a literal secret (--strict): write it as \${${secret.variable}}`,
        }))
      : []),
  ];
  if (refused.length > 0) throw new ConfigError(file, refused);
  const secrets = new Map([...(options.secrets ?? [])].filter(([variable]) => scan.variables.has(variable)));
  const cannotShard = options.shardBy ? shardProblem(config) : undefined;
  // A pipeline shards the workflows that can be; a lone workflow that cannot is a mistake worth saying.
  if (cannotShard && !options.pipeline)
    throw new ConfigError(file, [{ path: 'source.sourceConfig.config.type', message: `--shard-by ${options.shardBy}: ${cannotShard}` }]);
  return { config, sourceFile: file, secrets, scan, sharded: options.shardBy !== undefined && !cannotShard };
}

function effectiveSettings(spec: DagSpec): string {
  const hours = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`);
  return [
    `schedule ${spec.schedule === 'None' ? 'none (runs when triggered)' : (JSON.parse(spec.schedule) as string)}`,
    `start ${spec.startDate}`,
    `catchup ${spec.catchup}`,
    `retries ${spec.retries} (every ${spec.retryDelaySeconds} s)`,
    `timeout ${hours(spec.timeoutSeconds)}${spec.timeoutGiven ? '' : ' (default; set airflowConfig.workflowTimeout)'}`,
    spec.paused ? 'paused' : 'not paused',
  ].join(', ');
}

/**
 * Validates the workflow files, then writes `<dag_id>.py` and, beside it, each workflow file as written with its
 * `$VAR` references unexpanded (they resolve on the Airflow worker at run time) and every secret written out literally
 * replaced by a reference of its own, so no password or token ever lands in a dags folder. Throws ConfigError,
 * writing nothing, when a file is invalid (or, with `strict`, holds a literal secret).
 */
export function generateDag(files: readonly string[], options: GenerateOptions): GeneratedDag {
  const workflows = files.map((file) => readWorkflow(file, options));
  const kinds = [...(options.secrets?.values() ?? [])].map((source) => source.kind);
  if (options.kubernetes && kinds.some((kind) => kind !== 'k8s')) {
    throw new SecretOptionError('--operator kubernetes: a pod takes its secrets from Kubernetes Secrets: use --secret VAR=k8s:SECRET_NAME.KEY');
  }
  if (!options.kubernetes && kinds.includes('k8s')) {
    throw new SecretOptionError('--secret VAR=k8s:...: Kubernetes Secrets reach pods only: add --operator kubernetes');
  }
  const spec = buildDagSpec(workflows, {
    dagId: options.dagId,
    pipeline: options.pipeline,
    workerPath: options.workerPath,
    overrides: options.overrides,
    ...(options.kubernetes ? { kubernetes: options.kubernetes } : {}),
  });
  // Task ids that differ only where Python names cannot (`a-b`, `a_b`) would be one variable of the DAG file.
  const taskIds = spec.tasks.map((task) => task.variable);
  const repeatedAt = taskIds.findIndex((id, i) => taskIds.indexOf(id) !== i);
  const repeated = repeatedAt < 0 ? undefined : spec.tasks[repeatedAt]?.taskId;
  if (repeated)
    throw new ConfigError(files.join(', '), [
      {
        path: '',
        message: `two workflows would be the same task ${repeated} of ${spec.dagId}: give them different service names or ingestionPipelineFQN`,
      },
    ]);
  const outDir = resolve(options.outDir);
  const dagFile = join(outDir, `${spec.dagId}.py`);
  const warnings = workflows.flatMap((workflow) =>
    workflow.scan.replaced.map(
      (secret) =>
        `${secret.key} (line ${secret.line}) is written out in ${workflow.sourceFile}; the copy beside the DAG reads it from \${${secret.variable}} instead` +
        (workflow.secrets?.has(secret.variable)
          ? ''
          : options.kubernetes
            ? `: give it with --secret ${secret.variable}=k8s:SECRET_NAME.KEY`
            : `: give it with --secret ${secret.variable}=conn:ID.password (or var:NAME), or set it on the Airflow workers`),
    ),
  );
  const variables = [...new Set(workflows.flatMap((workflow) => [...workflow.scan.variables]))].sort();
  const result = { dagId: spec.dagId, settings: effectiveSettings(spec), dagFile, warnings, variables };
  const unsupported = workflows.map((workflow) => unsupportedReason(workflow.config.source.sourceConfig.config.type, OMGEN_VERSION)).find(Boolean);
  if (unsupported && !options.force) return { ...result, unsupported };
  if (unsupported) warnings.push(`${unsupported}; written anyway (--force): each run exits 5 until then`);
  const outputs: Array<[string, string]> = [
    ...spec.tasks.map((task, i) => [join(outDir, task.configFileName), (workflows[i] as ReadWorkflow).scan.text] as [string, string]),
    ...(options.kubernetes?.configMap
      ? spec.tasks.map(
          (task, i) =>
            [
              join(outDir, task.configMapFileName),
              configMapManifest(task.configMapName, options.kubernetes?.namespace, (workflows[i] as ReadWorkflow).scan.text),
            ] as [string, string],
        )
      : []),
    [dagFile, renderDag(spec)],
  ];
  const stale = staleCopies(outDir, spec.dagId, new Set(outputs.map(([file]) => file)));
  const planned = { ...result, files: { outputs, stale } };
  if (options.check) {
    const outdated = outputs.filter(([file, content]) => !existsSync(file) || readFileSync(file, 'utf8') !== content).map(([file]) => file);
    return { ...planned, outdated: [...outdated, ...stale] };
  }
  if (!options.planOnly) writeDag(planned);
  return planned;
}

/** Writes what generateDag planned (with `check`, it writes nothing): the same bytes, without generating again. */
export function writeDag(dag: GeneratedDag): void {
  if (!dag.files) return;
  // The DAG last: Airflow may parse the folder at any moment, and a DAG must never point at a copy not yet written.
  for (const [file, content] of dag.files.outputs) writeFileAtomic(file, content);
  // Then what an earlier generation of this DAG wrote and this one does not (a pipeline that lost a workflow).
  for (const file of dag.files.stale) rmSync(file, { force: true });
}

/**
 * Workflow copies (and ConfigMap manifests) an earlier generation of this dag_id left that this one would not write:
 * files named after it that no other DAG file in the folder refers to (dag ids may hold `__`, so a name alone cannot
 * say whose copy `a__b__c.yaml` is).
 */
function staleCopies(outDir: string, dagId: string, current: ReadonlySet<string>): string[] {
  if (!existsSync(outDir)) return [];
  const names = readdirSync(outDir);
  const others = new Set<string>();
  for (const name of names) {
    if (!name.endsWith('.py') || name === `${dagId}.py`) continue;
    for (const match of readFileSync(join(outDir, name), 'utf8').matchAll(/"([\w.-]+\.yaml)"/g)) {
      const file = match[1] as string;
      // A DAG whose pods read a ConfigMap names its manifest; the workflow copy beside it is that DAG's too.
      others.add(file).add(file.replace(/\.configmap\.yaml$/, '.yaml'));
    }
  }
  return names
    .filter((name) => name === `${dagId}.yaml` || name === `${dagId}.configmap.yaml` || (name.startsWith(`${dagId}__`) && name.endsWith('.yaml')))
    .filter((name) => !others.has(name))
    .map((name) => join(outDir, name))
    .filter((file) => !current.has(file));
}
