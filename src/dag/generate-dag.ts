import { join, resolve } from 'node:path';
import { loadWorkflowText } from '../config/load-workflow.js';
import { readWorkflowFile } from '../config/load-yaml.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { unsupportedReason } from '../config/workflow-kind.js';
import { OMGEN_VERSION } from '../version.js';
import { ConfigError } from '../config/config-error.js';
import { buildDagSpec, type DagSpec, type SecretSource } from './dag-spec.js';
import { renderDag } from './render-dag.js';
import { referenceLiteralSecrets } from './secret-references.js';
import { SecretOptionError } from './secret-options.js';

export interface GenerateOptions {
  outDir: string;
  workerPath: string;
  dagId?: string;
  /** Write the DAG even when this version of om-worker cannot run the workflow yet. */
  force?: boolean;
  /** Variables the DAG fills from Airflow when the task runs (`--secret`). */
  secrets?: ReadonlyMap<string, SecretSource>;
  /** Refuse a workflow that writes a secret out literally, instead of replacing it with a reference. */
  strict?: boolean;
}

export interface GeneratedDag {
  dagId: string;
  /** The settings the DAG got, defaults included, in one line: what a reader of the output should not have to guess. */
  settings: string;
  dagFile: string;
  configFile: string;
  warnings: string[];
  /** Set when nothing was written: why this version cannot run the workflow (without `force`). */
  unsupported?: string;
}

/**
 * Validates a workflow file, then writes `<dag_id>.py` and, beside it, the workflow file as written with its `$VAR`
 * references unexpanded (they resolve on the Airflow worker at run time) and every secret written out literally
 * replaced by a reference of its own, so no password or token ever lands in a dags folder. Throws ConfigError,
 * writing nothing, when the file is invalid (or, with `strict`, holds a literal secret).
 */
export function generateDag(file: string, options: GenerateOptions): GeneratedDag {
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
  for (const variable of options.secrets?.keys() ?? []) {
    if (!scan.variables.has(variable)) {
      throw new SecretOptionError(
        `--secret ${variable}: ${file} does not refer to \${${variable}} (it refers to ${[...scan.variables].sort().join(', ') || 'no variable'})`,
      );
    }
  }
  const spec = buildDagSpec(config, { dagId: options.dagId, workerPath: options.workerPath, sourceFile: file, secrets: options.secrets });
  const outDir = resolve(options.outDir);
  const dagFile = join(outDir, `${spec.dagId}.py`);
  const configFile = join(outDir, spec.configFileName);
  const warnings = scan.replaced.map(
    (secret) =>
      `${secret.key} (line ${secret.line}) is written out in ${file}; the copy beside the DAG reads it from \${${secret.variable}} instead` +
      (options.secrets?.has(secret.variable)
        ? ''
        : `: give it with --secret ${secret.variable}=conn:ID.password (or var:NAME), or set it on the Airflow workers`),
  );
  const unsupported = unsupportedReason(config.source.sourceConfig.config.type, OMGEN_VERSION);
  const settings = effectiveSettings(spec, config.airflowConfig?.workflowTimeout !== undefined);
  if (unsupported && !options.force) return { dagId: spec.dagId, settings, dagFile, configFile, warnings, unsupported };
  if (unsupported) warnings.push(`${unsupported}; written anyway (--force): each run exits 5 until then`);
  writeFileAtomic(configFile, scan.text);
  writeFileAtomic(dagFile, renderDag(spec));
  return { dagId: spec.dagId, settings, dagFile, configFile, warnings };
}

function effectiveSettings(spec: DagSpec, timeoutGiven: boolean): string {
  const hours = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`);
  return [
    `schedule ${spec.schedule === 'None' ? 'none (runs when triggered)' : JSON.parse(spec.schedule)}`,
    `start ${spec.startDate}`,
    `catchup ${spec.catchup}`,
    `retries ${spec.retries} (every ${spec.retryDelaySeconds} s)`,
    `timeout ${hours(spec.timeoutSeconds)}${timeoutGiven ? '' : ' (default; set airflowConfig.workflowTimeout)'}`,
    spec.paused ? 'paused' : 'not paused',
  ].join(', ');
}
