/** A location inside the parsed document: object keys and array indexes from the root. */
export type KeyPath = ReadonlyArray<string | number>;

/** `source.sourceConfig.config.tableFilterPattern.includes[1]`: how users read key paths. */
export function dottedPath(path: KeyPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** Map key for a path; JSON pointer so ajv's `instancePath` can be looked up directly. */
export function pointer(path: KeyPath): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function parsePointer(ptr: string): string[] {
  if (ptr === '') return [];
  return ptr
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Turns pointer segments back into a KeyPath, reading all-digit segments under arrays as indexes. */
export function pathFromPointer(ptr: string, root: unknown): KeyPath {
  const out: Array<string | number> = [];
  let node: unknown = root;
  for (const seg of parsePointer(ptr)) {
    if (Array.isArray(node)) {
      const index = Number(seg);
      out.push(index);
      node = node[index];
    } else {
      out.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** The value at a path, or undefined where the document has none. */
export function valueAt(root: unknown, path: KeyPath): unknown {
  let node: unknown = root;
  for (const part of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[String(part)] : undefined;
  return node;
}
