import { clipText } from '../util/clip-text.js';

/** One problem found in a workflow file, located as precisely as the YAML allows. */
export interface ConfigIssue {
  /** Dotted key path as the user wrote it, e.g. `source.sourceConfig.config.tableFilterPattern.includes[1]`. */
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? '' : issue.column === undefined ? ` (line ${issue.line})` : ` (line ${issue.line}, col ${issue.column})`;
  const path = issue.path === '' ? '(top level)' : issue.path;
  // A backstop: every echo of a value is clipped where it is made, and no message of ours is this long.
  return `${clipText(path, 400)}${where}: ${clipText(issue.message, 4000)}`;
}

/** Raised for anything wrong with the workflow file itself; the worker maps it to exit code 2. */
export class ConfigError extends Error {
  readonly exitCode = 2;

  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}
