import { parsePointer } from './key-path.js';
import { CONFIG_SCHEMAS, WORKFLOW_SCHEMA_ID } from './schemas.js';

/** The parts of our JSON Schemas that the annotation readers (ignored keys, secrets) walk. */
export interface SchemaNode {
  $id?: string;
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  allOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  then?: SchemaNode;
  else?: SchemaNode;
  discriminator?: { propertyName: string };
  omgenIgnored?: string;
  format?: string;
  const?: unknown;
  default?: unknown;
}

/** A schema together with the file its relative `$ref`s resolve against. */
export interface Located {
  node: SchemaNode;
  base: string;
}

const byId = new Map<string, SchemaNode>((CONFIG_SCHEMAS as SchemaNode[]).map((s) => [String(s.$id), s]));

/** The workflow schema, where every walk over the config starts. */
export const WORKFLOW_ROOT: Located = { node: byId.get(WORKFLOW_SCHEMA_ID) as SchemaNode, base: WORKFLOW_SCHEMA_ID };

export function resolveRef(ref: string, base: string): Located {
  const [file, fragment = ''] = ref.split('#');
  const id = file === '' ? base : new URL(file, base).href;
  let node = byId.get(id) as SchemaNode;
  for (const part of parsePointer(fragment)) node = (node as Record<string, SchemaNode>)[part];
  if (!node) throw new Error(`schema reference ${ref} (from ${base}) does not resolve`);
  return { node, base: id };
}
