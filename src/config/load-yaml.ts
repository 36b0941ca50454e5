import { readFileSync, statSync } from 'node:fs';
import { load, parseEvents, YAMLException } from 'js-yaml';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { expandEnvironment, type Environment } from './env-expand.js';
import { oversizedFileMessage, oversizedValueIssues, MAX_WORKFLOW_BYTES } from './size-limits.js';
import { aliasExpansionIssue } from './yaml-alias-budget.js';
import { indexPositions, type PositionIndex } from './yaml-positions.js';

export interface LoadedDocument {
  file: string;
  /** The document after environment expansion, before validation. */
  value: unknown;
  positions: PositionIndex;
  /** JSON pointers of whole-value `$VAR`s read as a number or boolean, with the text they came from. */
  retyped: ReadonlyMap<string, string>;
  /** With `deferMissingVariables`: JSON pointers of values that name variables not set here, and their names. */
  deferred: ReadonlyMap<string, string[]>;
}

export interface ParseOptions {
  /**
   * Leave `$VAR`s that are not set as written instead of failing: they may be set only where the worker runs. The
   * values holding them are not judged by validation (their real text is unknown here).
   */
  deferMissingVariables?: boolean;
}

const ACCEPTED_EXTENSIONS = /\.(ya?ml|json)$/i;

export function readWorkflowFile(file: string): string {
  if (!ACCEPTED_EXTENSIONS.test(file)) {
    throw new ConfigError(file, [{ path: '', message: `${file}: a workflow file must end in .yaml, .yml or .json` }]);
  }
  try {
    const tooLarge = oversizedFileMessage(file, statSync(file).size);
    if (tooLarge) throw new ConfigError(file, [{ path: '', message: tooLarge }]);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError(file, [{ path: '', message: `cannot read ${file}: ${reason}` }]);
  }
}

/** Parses YAML (core schema: `yes`, `on` and dates stay strings) and expands `$VAR` references. */
export function parseWorkflowText(text: string, file: string, env: Environment, options: ParseOptions = {}): LoadedDocument {
  // Text handed over directly (not read from a file) meets the same bound; UTF-16 units are at most the bytes.
  if (text.length > MAX_WORKFLOW_BYTES) throw new ConfigError(file, [{ path: '', message: oversizedFileMessage(file, text.length) as string }]);
  let value: unknown;
  let positions: PositionIndex;
  try {
    const events = parseEvents(text, { filename: file });
    // Before anything walks the document: a few nested aliases can stand for millions of values.
    const bomb = aliasExpansionIssue(text, events);
    if (bomb) throw new ConfigError(file, [bomb]);
    positions = indexPositions(text, events);
    value = load(text, { filename: file });
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      throw new ConfigError(file, [
        {
          path: '',
          line: mark?.line === undefined ? undefined : mark.line + 1,
          column: mark?.column === undefined ? undefined : mark.column + 1,
          message: `malformed YAML: ${error.reason}`,
        },
      ]);
    }
    throw error;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(file, [{ path: '', line: 1, message: 'a workflow file must hold a mapping (source, sink, workflowConfig, ...)' }]);
  }
  const issues: ConfigIssue[] = [];
  const retyped = new Map<string, string>();
  const deferred = options.deferMissingVariables ? new Map<string, string[]>() : undefined;
  const expanded = expandEnvironment(value, env, positions, issues, [], retyped, deferred);
  if (issues.length > 0) throw new ConfigError(file, issues);
  const oversized = oversizedValueIssues(expanded, positions);
  if (oversized.length > 0) throw new ConfigError(file, oversized);
  return { file, value: expanded, positions, retyped, deferred: deferred ?? new Map() };
}
