import { parsePointer } from './key-path.js';
import { resolveRef, WORKFLOW_ROOT, type Located } from './schema-refs.js';

/** Every schema that applies at this level: references followed, allOf/then/else folded in, a discriminated oneOf narrowed by the data. */
function expand(start: Located, data: unknown): Located[] {
  const out: Located[] = [];
  const pending = [start];
  while (pending.length > 0) {
    const current = pending.pop() as Located;
    const { node, base } = current;
    // Kept even beside a $ref: `{"$ref": ..., "omgenIgnored": ...}` marks the referencing property.
    out.push(current);
    if (node.$ref) {
      pending.push(resolveRef(node.$ref, base));
      continue;
    }
    for (const sub of [...(node.allOf ?? []), ...(node.then ? [node.then] : []), ...(node.else ? [node.else] : [])])
      pending.push({ node: sub, base });
    const branches = node.oneOf ?? node.anyOf ?? [];
    const tag = node.discriminator?.propertyName;
    for (const branch of branches) {
      if (tag && data !== null && typeof data === 'object') {
        const resolved = expand({ node: branch, base }, data);
        const value = (data as Record<string, unknown>)[tag];
        if (!resolved.some((r) => r.node.properties?.[tag]?.const === value)) continue;
      }
      pending.push({ node: branch, base });
    }
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether a value is what OpenMetadata assumes when the key is absent: the schema's default, or a mapping whose every
 * key holds its own default (`incremental: {enabled: false}`).
 */
function isDefault(levels: Located[], value: unknown): boolean {
  const nodes = levels.flatMap((l) => expand(l, value));
  if (nodes.some((l) => 'default' in l.node && sameValue(l.node.default, value))) return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(([key, child]) => {
    const children = nodes.flatMap((l) => (l.node.properties?.[key] ? [{ node: l.node.properties[key], base: l.base }] : []));
    return children.length > 0 && isDefault(children, child);
  });
}

export interface IgnoredKeyFacts {
  /** Why the key is accepted but not acted on. */
  reason: string;
  /** The value is OpenMetadata's default: nothing the user asked for is being left undone. */
  atDefault: boolean;
}

/**
 * Why the key at this JSON pointer is accepted but not acted on (its schema's `omgenIgnored`), and whether its value
 * is the default; undefined for a key om-worker acts on. Read from the schemas rather than collected during
 * validation, so the validator can be compiled ahead of time.
 */
export function ignoredKey(ptr: string, document: unknown): IgnoredKeyFacts | undefined {
  let level: Located[] = [WORKFLOW_ROOT];
  let data: unknown = document;
  for (const segment of parsePointer(ptr)) {
    const next: Located[] = [];
    for (const located of level.flatMap((l) => expand(l, data))) {
      const { node, base } = located;
      const child = Array.isArray(data)
        ? node.items
        : (node.properties?.[segment] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined));
      if (child) next.push({ node: child, base });
    }
    if (next.length === 0) return undefined;
    level = next;
    data = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[segment] : undefined;
  }
  const reason = level.flatMap((l) => expand(l, data)).find((l) => l.node.omgenIgnored)?.node.omgenIgnored;
  return reason === undefined ? undefined : { reason, atDefault: isDefault(level, data) };
}
