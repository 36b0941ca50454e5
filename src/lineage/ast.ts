import type { Node } from 'libpg-query';

/** A parse tree node is `{TypeName: {...fields}}`; these read it without casting at every use. */
export type Fields = Record<string, unknown>;

export function nodeType(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 ? keys[0] : undefined;
}

/** The fields of `node` when it is of type `type`. */
export function fieldsOf<T = Fields>(node: unknown, type: string): T | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const value = (node as Record<string, unknown>)[type];
  return value !== null && typeof value === 'object' ? (value as T) : undefined;
}

/** `[{String: {sval: 'a'}}, ...]` → `['a', ...]`; `A_Star` becomes `*`. */
export function names(list: readonly Node[] | undefined): string[] {
  return (list ?? []).map((item) => {
    const str = fieldsOf<{ sval?: string }>(item, 'String');
    if (str) return str.sval ?? '';
    return nodeType(item) === 'A_Star' ? '*' : '';
  });
}

export const asList = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : []);
