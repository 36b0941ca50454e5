import { ConfigError, type ConfigIssue } from './config-error.js';
import { certificateFileIssues, dbtArtifactFileIssues, outputFileIssues } from './file-checks.js';
import type { Environment } from './env-expand.js';
import { dottedPath, pathFromPointer } from './key-path.js';
import { parseWorkflowText, readWorkflowFile, type ParseOptions } from './load-yaml.js';
import { validateAgainstSchema, type IgnoredKey } from './schema-validator.js';
import { semanticIssues } from './semantic-checks.js';
import type { WorkflowConfig } from './types.js';

export interface LoadedWorkflow {
  file: string;
  config: WorkflowConfig;
  /** Keys OpenMetadata accepts that omgen does not act on; reported once, never an error. */
  ignored: IgnoredKey[];
  /**
   * The config as the user wrote it (environment expanded, no defaults filled in): what goes into bodies such as
   * the service's connection, where keys the user never set would only trouble an older server.
   */
  asWritten: WorkflowConfig;
  /** With `deferMissingVariables`: the variables the file names that are not set here, sorted. */
  missingVariables: string[];
}

/** OpenMetadata reads `key:` with no value (null) as an absent optional key; so do we. */
function withoutNullValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullValues);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = withoutNullValues(child);
  return out;
}

export interface LoadOptions extends ParseOptions {
  /** Also check what only the machine that runs the workflow can: certificate files exist, the sink's file can be written. */
  forRun?: boolean;
}

/** Whether an issue is about a value whose text is not known here (it holds a variable set only where it runs). */
function aboutDeferredValue(issue: ConfigIssue, deferredPaths: ReadonlySet<string>): boolean {
  for (const path of deferredPaths) if (issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`)) return true;
  return false;
}

/** Parse, expand, validate and default a workflow text; throws ConfigError listing every problem found. */
export function loadWorkflowText(text: string, file: string, env: Environment = process.env, options: LoadOptions = {}): LoadedWorkflow {
  const document = parseWorkflowText(text, file, env, options);
  document.value = withoutNullValues(document.value);
  const asWritten = structuredClone(document.value) as WorkflowConfig;
  defaultPipelineType(document.value);
  const { issues, ignored } = validateAgainstSchema(document.value, document.positions, document.retyped);
  const config = document.value as WorkflowConfig;
  // Every problem at once, schema and semantic alike; a document too broken in shape for a semantic check skips it.
  const semantic = safely(() => semanticIssues(config, document.positions));
  if (options.forRun) {
    semantic.push(...safely(() => certificateFileIssues(config, document.positions)));
    semantic.push(...safely(() => outputFileIssues(config, document.positions)));
    semantic.push(...safely(() => dbtArtifactFileIssues(config, document.positions)));
  }
  const deferredPaths = new Set([...document.deferred.keys()].map((ptr) => dottedPath(pathFromPointer(ptr, document.value))));
  const all = [...issues, ...semantic.filter((s) => !issues.some((i) => i.path === s.path))].filter((i) => !aboutDeferredValue(i, deferredPaths));
  all.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  if (all.length > 0) throw new ConfigError(file, all);
  const missingVariables = [...new Set([...document.deferred.values()].flat())].sort();
  return { file, config, ignored, asWritten, missingVariables };
}

function safely(check: () => ConfigIssue[]): ConfigIssue[] {
  try {
    return check();
  } catch {
    return [];
  }
}

/**
 * OpenMetadata reads a sourceConfig.config without `type` as the metadata pipeline: the first pipeline whose
 * defaults fit. The schema selects the pipeline by `type`, so the loader says it first.
 */
export function defaultPipelineType(document: unknown): void {
  const config = (document as { source?: { sourceConfig?: { config?: unknown } } } | null)?.source?.sourceConfig?.config;
  if (config !== null && typeof config === 'object' && !Array.isArray(config) && !('type' in config)) {
    (config as Record<string, unknown>).type = 'DatabaseMetadata';
  }
}

export function loadWorkflowFile(file: string, env: Environment = process.env, options: LoadOptions = {}): LoadedWorkflow {
  return loadWorkflowText(readWorkflowFile(file), file, env, options);
}
