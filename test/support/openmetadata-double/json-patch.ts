/**
 * JSON Patch (RFC 6902) as OpenMetadata's PATCH endpoints take it, for the operations the worker sends: add, replace
 * and remove on object keys and array indexes. Fields that identify or version the entity cannot be patched.
 */
import { badRequest, cloneJson, isJsonObject, type JsonObject, type JsonValue } from './types.js';

const FIXED = new Set(['id', 'name', 'fullyQualifiedName', 'version', 'updatedAt', 'updatedBy', 'href', 'changeDescription', 'deleted']);

interface Operation {
  op: string;
  path: string;
  value?: JsonValue;
}

function segments(path: string): string[] {
  if (!path.startsWith('/')) throw badRequest(`invalid JSON patch path ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function readOperations(body: unknown): Operation[] {
  if (!Array.isArray(body)) throw badRequest('a JSON patch is an array of operations');
  return body.map((raw) => {
    if (!isJsonObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw badRequest('invalid JSON patch operation');
    return { op: raw.op, path: raw.path, value: raw.value };
  });
}

/** The entity with the patch applied (a copy); 400 for an operation it cannot take. */
export function applyJsonPatch(entity: JsonObject, body: unknown): JsonObject {
  const out = cloneJson(entity);
  for (const { op, path, value } of readOperations(body)) {
    const parts = segments(path);
    if (FIXED.has(parts[0])) throw badRequest(`${parts[0]} cannot be changed by a patch`);
    let parent: JsonValue | undefined = out;
    for (const part of parts.slice(0, -1)) {
      parent = Array.isArray(parent) ? parent[Number(part)] : isJsonObject(parent) ? parent[part] : undefined;
      if (parent === undefined) throw badRequest(`no such path ${path}`);
    }
    const key = parts[parts.length - 1];
    if (!['add', 'replace', 'remove'].includes(op)) throw badRequest(`unsupported JSON patch operation ${op}`);
    if (Array.isArray(parent)) {
      const index = key === '-' ? parent.length : Number(key);
      if (op === 'remove') parent.splice(index, 1);
      else if (op === 'add') parent.splice(index, 0, value as JsonValue);
      else parent[index] = value as JsonValue;
    } else if (isJsonObject(parent)) {
      if (op === 'replace' && !(key in parent)) throw badRequest(`no such path ${path}`);
      if (op === 'remove') delete parent[key];
      else parent[key] = value as JsonValue;
    } else throw badRequest(`no such path ${path}`);
  }
  return out;
}
