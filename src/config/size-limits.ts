import type { ConfigIssue } from './config-error.js';
import type { KeyPath } from './key-path.js';
import { issueAt, type PositionIndex } from './yaml-positions.js';

/** A workflow file is a few kilobytes; one of megabytes is a mistake or an attack, refused before it is parsed. */
export const MAX_WORKFLOW_BYTES = 8 * 1024 * 1024;
/** The longest single value: room for an inline CA bundle (~250 KB), not for a runaway generated one. */
export const MAX_VALUE_CHARS = 1024 * 1024;
/** The longest list (filter patterns, say): matching every name against a million regexes takes minutes. */
export const MAX_LIST_ITEMS = 10_000;

const MAX_ISSUES = 20;

function format(n: number): string {
  return n.toLocaleString('en-US');
}

/** Values and lists past the limits above, each at its key path; the walk stops after a few. */
export function oversizedValueIssues(document: unknown, positions: PositionIndex): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const visit = (value: unknown, path: KeyPath): void => {
    if (issues.length >= MAX_ISSUES) return;
    if (typeof value === 'string') {
      if (value.length > MAX_VALUE_CHARS) {
        issues.push(issueAt(positions, path, `a value of ${format(value.length)} characters; at most ${format(MAX_VALUE_CHARS)} are accepted`));
      }
    } else if (Array.isArray(value)) {
      if (value.length > MAX_LIST_ITEMS) {
        issues.push(
          issueAt(
            positions,
            path,
            `a list of ${format(value.length)} entries; at most ${format(MAX_LIST_ITEMS)} are accepted (combine patterns into fewer regular expressions)`,
          ),
        );
        return;
      }
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
    }
  };
  visit(document, []);
  return issues;
}

/** The file's size, refused before reading when past MAX_WORKFLOW_BYTES. */
export function oversizedFileMessage(file: string, bytes: number): string | undefined {
  if (bytes <= MAX_WORKFLOW_BYTES) return undefined;
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${file} is ${mib(bytes)}; a workflow file of at most ${mib(MAX_WORKFLOW_BYTES)} is accepted`;
}
