/**
 * The `?fields=` parameter: which names are valid (400 `Invalid field name X` otherwise, `*` for all) and how a stored
 * entity is cut down for a response. Column tags appear only with `tags`, as OpenMetadata reads them separately.
 */
import type { EntityKind } from './entity-kinds.js';
import { entityReference, included } from './references.js';
import type { EntityRecord, EntityStore } from './store.js';
import { badRequest, cloneJson, compareStrings, isJsonObject, type JsonObject, type JsonValue } from './types.js';

export function parseFields(kind: EntityKind, param: string | null): Set<string> {
  if (param === null || param.trim() === '') return new Set();
  if (param.trim() === '*') return new Set(kind.allowedFields);
  const fields = new Set<string>();
  for (const raw of param.split(',')) {
    const field = raw.trim();
    if (field === '') continue;
    if (!kind.allowedFields.includes(field)) throw badRequest(`Invalid field name ${field}`);
    fields.add(field);
  }
  return fields;
}

function withoutColumnTags(columns: JsonValue, withTags: boolean): JsonValue {
  if (!Array.isArray(columns)) return columns;
  return columns.map((column) => {
    if (!isJsonObject(column)) return column;
    const out: JsonObject = { ...column };
    if (withTags) out.tags = column.tags ?? [];
    else delete out.tags;
    if (Array.isArray(column.children)) out.children = withoutColumnTags(column.children, withTags);
    return out;
  });
}

const EMPTY_LIST_FIELDS = new Set(['tags', 'followers', 'dataProducts']);

/** The response body for `record` with the requested optional fields; `all` keeps every stored field. */
export function project(kind: EntityKind, record: EntityRecord, fields: Set<string> | 'all', store: EntityStore, baseUrl: string): JsonObject {
  const out = cloneJson(record.entity);
  const wanted = (field: string) => fields === 'all' || fields.has(field);
  for (const field of kind.fieldsOnRequest) {
    if (!wanted(field)) delete out[field];
    else if (out[field] === undefined && EMPTY_LIST_FIELDS.has(field)) out[field] = [];
  }
  for (const [field, childType] of Object.entries(kind.childFields ?? {})) {
    if (!wanted(field) || fields === 'all') continue;
    out[field] = store
      .children(record.id)
      .filter((c) => c.type === childType && included(c, 'non-deleted'))
      .sort((a, b) => compareStrings(a.fqn, b.fqn))
      .map(entityReference);
  }
  if (out.columns !== undefined) out.columns = withoutColumnTags(out.columns, wanted('tags'));
  out.href = `${baseUrl}/v1/${kind.collection}/${record.id}`;
  return out;
}
