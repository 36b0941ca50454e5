import { join, resolve } from 'node:path';
import { loadWorkflowText } from '../config/load-workflow.js';
import { readWorkflowFile } from '../config/load-yaml.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { unsupportedReason } from '../config/workflow-kind.js';
import { OMGEN_VERSION } from '../version.js';
import { buildDagSpec } from './dag-spec.js';
import { literalSecretKeys } from './literal-secrets.js';
import { renderDag } from './render-dag.js';

export interface GenerateOptions {
  outDir: string;
  workerPath: string;
  dagId?: string;
  /** Write the DAG even when this version of om-worker cannot run the workflow yet. */
  force?: boolean;
}

export interface GeneratedDag {
  dagId: string;
  dagFile: string;
  configFile: string;
  warnings: string[];
  /** Set when nothing was written: why this version cannot run the workflow (without `force`). */
  unsupported?: string;
}

/**
 * Validates a workflow file, then writes `<dag_id>.py` and, beside it, the workflow file as written (with its
 * `$VAR` references unexpanded: they resolve on the Airflow worker at run time). Throws ConfigError, writing
 * nothing, when the file is invalid.
 */
export function generateDag(file: string, options: GenerateOptions): GeneratedDag {
  const text = readWorkflowFile(file);
  // Variables need not exist where the DAG is generated, only where it runs.
  const { config } = loadWorkflowText(text, file, process.env, { deferMissingVariables: true });
  const spec = buildDagSpec(config, { dagId: options.dagId, workerPath: options.workerPath, sourceFile: file });
  const outDir = resolve(options.outDir);
  const dagFile = join(outDir, `${spec.dagId}.py`);
  const configFile = join(outDir, spec.configFileName);
  const warnings = literalSecretKeys(text).map(
    (key) => `${key} is written in ${file} as a literal value and so is in ${configFile} too; prefer \${VAR} from the Airflow worker's environment`,
  );
  const unsupported = unsupportedReason(config.source.sourceConfig.config.type, OMGEN_VERSION);
  if (unsupported && !options.force) return { dagId: spec.dagId, dagFile, configFile, warnings, unsupported };
  if (unsupported) warnings.push(`${unsupported}; written anyway (--force): each run exits 5 until then`);
  writeFileAtomic(configFile, text);
  writeFileAtomic(dagFile, renderDag(spec));
  return { dagId: spec.dagId, dagFile, configFile, warnings };
}
