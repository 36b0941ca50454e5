/**
 * Which release's request and entity shapes the double speaks, from the version it reports: OpenMetadata 1.4's, or a
 * recent release's (modelled on 1.7) for 1.5 and later. What changed on the way, as far as the worker's bodies go:
 * `owner` became the list `owners` (1.5), stored procedures took `storedProcedureType` (with `Function` by 1.7), and a
 * table constraint its `relationshipType` (1.6). Entities are kept in 1.4's shape inside; only requests and
 * answers are translated here.
 */
import { isJsonObject, type JsonObject } from './types.js';

export type SchemaRelease = '1.4' | '1.7';

export function schemaReleaseOf(version: string): SchemaRelease {
  const [major, minor] = version.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 5) ? '1.7' : '1.4';
}

/** A recent request in the 1.4 shape the store keeps: the double holds one owner (the worker sends at most one). */
export function fromRecentRequest(body: JsonObject): JsonObject {
  if (!('owners' in body)) return body;
  const { owners, ...rest } = body;
  const first = Array.isArray(owners) ? owners.find(isJsonObject) : undefined;
  return first ? { ...rest, owner: first } : rest;
}

/** A stored entity as a recent release answers it: `owners`, a list, where 1.4 has `owner`. */
export function toRecentEntity(entity: JsonObject): JsonObject {
  if (!('owner' in entity)) return entity;
  const { owner, ...rest } = entity;
  return { ...rest, owners: isJsonObject(owner) ? [owner] : [] };
}

/** `?fields=owners` of a recent client, read as the 1.4 field name the store knows. */
export function fieldsParamFromRecent(param: string | null): string | null {
  return param === null ? null : param.replace(/\bowners\b/g, 'owner');
}
