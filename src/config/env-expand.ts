import { load } from 'js-yaml';
import type { ConfigIssue } from './config-error.js';
import { pointer, type KeyPath } from './key-path.js';
import { issueAt, type PositionIndex } from './yaml-positions.js';

// `$NAME` and `${NAME}` are references, as in OpenMetadata (Python's os.path.expandvars). A `$` followed by anything
// else stays as written. `$$` stays too, and shields the name after it: a password `pa$$word` reads as OpenMetadata
// reads it (when no variable `word` is set), where taking `$word` for a reference would stop the run.
const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const WHOLE_REFERENCE = /^(?:\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*)$/;

export type Environment = Readonly<Record<string, string | undefined>>;

/** Whether the whole value is one reference (`$NAME` or `${NAME}`), nothing written out beside it. */
export const isWholeReference = (value: string): boolean => WHOLE_REFERENCE.test(value);

/** The variables a value refers to (none for a literal; `$$` refers to nothing). */
export function referencedVariables(value: string): string[] {
  const names: string[] = [];
  for (const match of value.matchAll(REFERENCE)) if (match[0] !== '$$') names.push((match[1] ?? match[2]) as string);
  return names;
}

function expandString(value: string, env: Environment, onMissing: (name: string) => void): string {
  return value.replace(REFERENCE, (match, braced: string | undefined, bare: string | undefined) => {
    if (match === '$$') return match;
    const name = (braced ?? bare) as string;
    const found = env[name];
    if (found === undefined) {
      onMissing(name);
      return match;
    }
    return found;
  });
}

/**
 * Expands environment references inside string values, as OpenMetadata does over the raw file text; doing it per
 * value keeps line numbers true and lets a plain `port: $PG_PORT` still become a number, as it would there.
 */
export function expandEnvironment(
  value: unknown,
  env: Environment,
  positions: PositionIndex,
  issues: ConfigIssue[],
  path: Array<string | number> = [],
  retyped: Map<string, string> = new Map(),
  deferred?: Map<string, string[]>,
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('$')) return value;
    const at = positions.get(pointer(path));
    const expanded = expandString(value, env, (name) => {
      // Where the file is only checked (omgen validate, omgen dag), a variable may be set only where it runs.
      if (deferred) deferred.set(pointer(path), [...(deferred.get(pointer(path)) ?? []), name]);
      else issues.push(issueAt(positions, path, `environment variable ${name} is not set`));
    });
    if (deferred?.has(pointer(path))) return expanded;
    if (at?.plain && WHOLE_REFERENCE.test(value)) {
      const typed = retype(expanded);
      // Remembered: where the schema wants a string (a password of digits), the text is what was meant.
      if (typed !== expanded) retyped.set(pointer(path), expanded);
      return typed;
    }
    return expanded;
  }
  if (Array.isArray(value)) return value.map((item, i) => expandEnvironment(item, env, positions, issues, [...path, i], retyped, deferred));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === '__proto__') {
        // Assigned, it would replace the object's prototype and vanish from every check after this one.
        issues.push(issueAt(positions, [...path, key], "unknown key '__proto__'"));
        continue;
      }
      out[key] = expandEnvironment(child, env, positions, issues, [...path, key], retyped, deferred);
    }
    return out;
  }
  return value;
}

function retype(text: string): unknown {
  try {
    const typed = load(text);
    // Never null: a variable holding the text "null" must not make its key vanish (a password, say).
    return typeof typed === 'number' || typeof typed === 'boolean' ? typed : text;
  } catch {
    return text;
  }
}

export type { KeyPath };
