import type { KeyPath } from './key-path.js';
import { resolveRef, WORKFLOW_ROOT, type Located, type SchemaNode } from './schema-refs.js';

/**
 * Which config values are secrets, decided here and nowhere else: redaction of logs, errors and status, the service
 * connection written to files, the DAG generator's warning about literal secrets, and validation messages all ask
 * this module. A key is secret when the schemas mark it `format: password` (as OpenMetadata's own schemas mark
 * theirs), or when its name says so wherever it appears (a connection argument `password`, a header `Authorization`).
 */
// `secretsManagerProvider` and `secretsManagerLoader` name where secrets live, and hold none.
const SECRET_NAME = /password|passwd|secret(?!s?Manager)|token|credential|private.?key|^sslKey$|^authorization$/i;

/** A path pattern: `*` stands for any key or index. */
type Pattern = ReadonlyArray<string>;

/** Every path the schemas mark `format: password`, following $refs, conditionals and combinators. */
function markedPaths({ node, base }: Located, path: string[], out: Pattern[], depth = 0): void {
  if (depth > 24) return; // the schemas are not recursive; this only guards against a future one
  const walk = (child: SchemaNode, at: string[]) => markedPaths({ node: child, base }, at, out, depth + 1);
  if (node.format === 'password') out.push(path);
  if (node.$ref) markedPaths(resolveRef(node.$ref, base), path, out, depth + 1);
  for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, [...path, key]);
  if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, [...path, '*']);
  if (node.items) walk(node.items, [...path, '*']);
  for (const branch of [...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? [])]) walk(branch, path);
  for (const branch of [node.then, node.else]) if (branch) walk(branch, path);
}

/** The secret keys the schemas declare, as path patterns from the top of the workflow file. */
export const SECRET_PATHS: ReadonlyArray<Pattern> = (() => {
  const out: Pattern[] = [];
  markedPaths(WORKFLOW_ROOT, [], out);
  const unique = new Map(out.map((p) => [p.join('\u0000'), p]));
  return [...unique.values()];
})();

function matches(pattern: Pattern, path: KeyPath): boolean {
  return pattern.length === path.length && pattern.every((part, i) => part === '*' || part === String(path[i]));
}

export function isSecretPath(path: KeyPath): boolean {
  const last = path[path.length - 1];
  if (typeof last === 'string' && SECRET_NAME.test(last)) return true;
  return SECRET_PATHS.some((pattern) => matches(pattern, path));
}

export interface SecretEntry {
  path: KeyPath;
  value: string;
}

/** Every secret value the document holds, with its path. */
export function secretEntries(document: unknown, base: KeyPath = []): SecretEntry[] {
  const out: SecretEntry[] = [];
  const visit = (value: unknown, path: KeyPath) => {
    // A secret may be written as a number (`sslpassword: 987654321` in a free-form map): any scalar counts.
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
      if (isSecretPath(path)) out.push({ path, value: String(value) });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
    }
  };
  visit(document, base);
  return out;
}

/** A copy of `value` (found at `base` in the workflow) without its secret keys; emptied objects go too. */
export function withoutSecrets<T>(value: T, base: KeyPath): T {
  const strip = (node: unknown, path: KeyPath): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => strip(item, [...path, i]));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (isSecretPath([...path, key])) continue;
      const kept = strip(child, [...path, key]);
      const emptied = kept !== null && typeof kept === 'object' && !Array.isArray(kept) && Object.keys(kept).length === 0;
      if (!emptied || Object.keys(child as object).length === 0) out[key] = kept;
    }
    return out;
  };
  return strip(value, base) as T;
}
