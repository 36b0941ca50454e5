import type { Node } from 'libpg-query';
import { fieldsOf, type Fields } from './ast.js';
import type { OutputColumn } from './scope.js';

/** The CTEs visible at one level of WITH, and the levels around it. */
export class CteScope {
  readonly entries = new Map<string, readonly OutputColumn[] | undefined>();
  constructor(readonly parent?: CteScope) {}

  find(name: string): { columns: readonly OutputColumn[] | undefined } | undefined {
    return this.entries.has(name) ? { columns: this.entries.get(name) } : this.parent?.find(name);
  }
}

/** Unqualified relation names a tree refers to (what may be a CTE). */
function referencedNames(node: unknown, into = new Set<string>()): Set<string> {
  if (node === null || typeof node !== 'object') return into;
  if (Array.isArray(node)) {
    for (const item of node) referencedNames(item, into);
    return into;
  }
  const rangeVar = (node as Fields).RangeVar as Fields | undefined;
  if (rangeVar && rangeVar.schemaname === undefined) into.add(String(rangeVar.relname ?? ''));
  for (const key in node as Fields) referencedNames((node as Fields)[key], into);
  return into;
}

/** CTEs ordered so that each comes after the siblings it refers to (self-reference aside); cycles keep their order. */
export function referenceOrder(nodes: Node[]): Node[] {
  const byName = new Map(nodes.map((node) => [String(fieldsOf<Fields>(node, 'CommonTableExpr')?.ctename ?? ''), node] as const));
  const ordered: Node[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.has(name)) return;
    state.set(name, 'visiting');
    const node = byName.get(name);
    for (const other of referencedNames(fieldsOf<Fields>(node, 'CommonTableExpr')?.ctequery)) {
      if (other !== name && byName.has(other)) visit(other);
    }
    state.set(name, 'done');
    if (node) ordered.push(node);
  };
  for (const name of byName.keys()) visit(name);
  return ordered;
}
