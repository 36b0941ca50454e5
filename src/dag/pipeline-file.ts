import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { load } from 'js-yaml';
import { ConfigError } from '../config/config-error.js';
import { readWorkflowFile } from '../config/load-yaml.js';

/** A pipeline file: one DAG of several workflow files (`pipeline: NAME`, `workflows: [paths]`), paths relative to it. */
export interface PipelineFile {
  name: string;
  files: string[];
}

/**
 * The pipeline a file describes, or undefined when it is a workflow file (it has a `source`). The same as
 * `omgen dag a.yaml b.yaml --pipeline NAME`, kept in the repository beside the workflows. Throws ConfigError.
 */
export function readPipelineFile(file: string): PipelineFile | undefined {
  let document: unknown;
  try {
    document = load(readWorkflowFile(file));
  } catch {
    // Not YAML at all: the workflow loader says what is wrong with it.
    return undefined;
  }
  if (typeof document !== 'object' || document === null || 'source' in document || !('workflows' in document)) return undefined;
  const { pipeline, workflows } = document as { pipeline?: unknown; workflows?: unknown };
  const issues: Array<{ path: string; message: string }> = [];
  if (typeof pipeline !== 'string' || pipeline.trim() === '')
    issues.push({ path: 'pipeline', message: "a pipeline file needs 'pipeline: NAME' (its dag_id)" });
  const list = Array.isArray(workflows) ? workflows : [];
  if (list.length === 0) issues.push({ path: 'workflows', message: 'a pipeline file lists its workflow files under workflows: [...]' });
  const files = list.map((entry, i) => {
    const path = typeof entry === 'string' ? resolve(dirname(file), entry) : '';
    if (!path) issues.push({ path: `workflows[${i}]`, message: 'must be the path of a workflow file' });
    else if (!existsSync(path)) issues.push({ path: `workflows[${i}]`, message: `${String(entry)}: no such file` });
    return path;
  });
  if (issues.length > 0) throw new ConfigError(file, issues);
  return { name: pipeline as string, files };
}
