import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ConfigIssue } from './config-error.js';
import { suggestion } from './did-you-mean.js';
import { isSecretPath } from './secrets.js';
import { dottedPath, parsePointer, pathFromPointer, valueAt, type KeyPath } from './key-path.js';
import { ignoredKey } from './ignored-keys.js';
import { precompiledValidator } from './precompiled-validator.js';
import { CONFIG_SCHEMAS, WORKFLOW_SCHEMA_ID } from './schemas.js';
import { PIPELINE_KINDS } from './workflow-kind.js';
import { issueAt, type PositionIndex } from './yaml-positions.js';
import { clipText } from '../util/clip-text.js';

/** A key OpenMetadata accepts that this worker does not act on. */
export interface IgnoredKey {
  path: string;
  line?: number;
  reason: string;
  /** Its value is OpenMetadata's default (as its documentation's examples write it): worth a word, not a warning. */
  atDefault: boolean;
}

/** Ajv options shared by the runtime compile and the build's precompiled code: they must produce the same validator. */
export const AJV_OPTIONS = { strict: false, allErrors: true, useDefaults: true, discriminator: true, verbose: true } as const;

/** `omgenIgnored` and `format: password` are annotations: it never fails validation; ignoredKey() reads it from the schemas. */
export function createConfigAjv(extra: Record<string, unknown> = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  ajv.addKeyword({ keyword: 'omgenIgnored', schemaType: 'string' });
  // OpenMetadata's mark of a secret (read by config/secrets), not a constraint on the text.
  ajv.addFormat('password', true);
  for (const schema of CONFIG_SCHEMAS) ajv.addSchema(schema);
  return ajv;
}

let compiled: ValidateFunction | undefined;

function compile(): ValidateFunction {
  if (compiled) return compiled;
  compiled = precompiledValidator ?? createConfigAjv().getSchema(WORKFLOW_SCHEMA_ID);
  if (!compiled) throw new Error(`schema ${WORKFLOW_SCHEMA_ID} did not compile`);
  return compiled;
}

/** A value as a message shows it; never a secret's text, which is described by its type only. */
function describeValue(value: unknown, path: KeyPath): string {
  if (value === null) return 'null';
  if (typeof value !== 'object' && isSecretPath(path)) return `a ${typeof value}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${clipText(JSON.stringify(value))}`;
}

function issueFor(error: ErrorObject, root: unknown, positions: PositionIndex): ConfigIssue | undefined {
  const base = pathFromPointer(error.instancePath, root);
  const at = (path: KeyPath, message: string): ConfigIssue => issueAt(positions, path, message);
  const params = error.params as Record<string, unknown>;
  const parentSchema = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return at([...base, key], `unknown key '${clipText(key)}'${suggestion(key, Object.keys(parentSchema?.properties ?? {}))}`);
    }
    case 'required':
      return at(base, `missing required key '${String(params.missingProperty)}'`);
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof error.data === 'string' ? suggestion(error.data, allowed) : '';
      return at(base, `${describeValue(error.data, base)} is not one of ${allowed.join(', ')}${hint}`);
    }
    case 'const':
      return at(base, `must be ${JSON.stringify(params.allowedValue)}`);
    case 'type': {
      return at(base, `must be ${String(params.type).replace(/,/g, ' or ')}, not ${describeValue(error.data, base)}`);
    }
    case 'discriminator': {
      // The oneOf branches are $refs, so the accepted types come from the pipeline table rather than the schema.
      const types = Object.keys(PIPELINE_KINDS);
      if (params.error === 'tag') return at(base, `missing required key 'type' (one of ${types.join(', ')})`);
      const given = String(params.tagValue);
      return at([...base, 'type'], `unknown workflow type '${clipText(given)}'${suggestion(given, types)} (expected one of ${types.join(', ')})`);
    }
    case 'maxProperties':
      return at(base, `set only one of: ${Object.keys(parentSchema?.properties ?? {}).join(', ')}`);
    case 'if':
    case 'oneOf':
    case 'anyOf':
      return undefined; // the branch errors say what is wrong
    default:
      return at(base, error.message ?? `fails ${error.keyword}`);
  }
}

/** Puts back the text of each retyped `$VAR` the schema refused as a non-string; whether it put any back. */
function restoreRetypedStrings(errors: ErrorObject[], document: unknown, retyped: ReadonlyMap<string, string>): boolean {
  let restored = false;
  for (const error of errors) {
    const text = retyped.get(error.instancePath);
    const wanted = (error.params as { type?: string | string[] }).type;
    const wantsString = wanted === 'string' || (Array.isArray(wanted) && wanted.includes('string'));
    if (error.keyword !== 'type' || text === undefined || !wantsString) continue;
    const path = parsePointer(error.instancePath);
    (valueAt(document, path.slice(0, -1)) as Record<string, unknown>)[path[path.length - 1]] = text;
    restored = true;
  }
  return restored;
}

/**
 * Validates (and fills defaults into) a loaded document. Returns the issues, deduplicated, in document order,
 * and the keys that are accepted but ignored.
 */
export function validateAgainstSchema(
  document: unknown,
  positions: PositionIndex,
  retyped: ReadonlyMap<string, string> = new Map(),
): { issues: ConfigIssue[]; ignored: IgnoredKey[] } {
  const validate = compile();
  let ok = validate(document);
  // A `$VAR` read as a number where the schema wants a string (a password of digits) is the text it came from.
  for (let round = 0; !ok && round < 8 && restoreRetypedStrings(validate.errors ?? [], document, retyped); round++) ok = validate(document);
  const issues: ConfigIssue[] = [];
  if (!ok) {
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      const issue = issueFor(error, document, positions);
      if (!issue) continue;
      const key = `${issue.path}\u0000${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue);
    }
    if (issues.length === 0) issues.push({ path: '', message: 'does not match the workflow schema' });
  }
  issues.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  const ignored: IgnoredKey[] = [];
  if (issues.length > 0) return { issues, ignored };
  // Only keys the user wrote (those with a position) are worth a word; defaults filled in by ajv are not.
  for (const [ptr, position] of positions) {
    const facts = ignoredKey(ptr, document);
    if (facts) ignored.push({ path: dottedPath(pathFromPointer(ptr, document)), line: position.line, ...facts });
  }
  ignored.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { issues, ignored };
}
