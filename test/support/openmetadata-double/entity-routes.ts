/** Collection endpoints shared by every entity type: list, get by name/id, PUT/POST, DELETE, restore. */
import type { ApiRequest, ApiResponse } from './api-types.js';
import { json } from './api-types.js';
import type { DoubleApp } from './app.js';
import type { EntityKind } from './entity-kinds.js';
import { parseFields } from './fields.js';
import { isBelow, quoteName } from './fqn.js';
import { createOnly, createOrUpdate, deleteEntity, patchEntity, restore, type WriteResult } from './lifecycle.js';
import { paginate, parsePageRequest } from './paging.js';
import { projectRecord } from './projection.js';
import { PREPARE, type CreatableType } from './prepare-requests.js';
import { findByName, included, requireById, type Include } from './references.js';
import { fieldsParamFromRecent, fromRecentRequest, toRecentEntity } from './release.js';
import { validateRequest } from './schema-validator.js';
import { applyJsonPatch } from './json-patch.js';
import type { EntityRecord } from './store.js';
import { ApiError, badRequest, entityNotFound, httpNotFound, isJsonObject, stringField, type JsonObject } from './types.js';

const INCLUDES: readonly Include[] = ['all', 'deleted', 'non-deleted'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function parseInclude(query: URLSearchParams): Include {
  const raw = query.get('include');
  if (raw === null) return 'non-deleted';
  const include = INCLUDES.find((i) => i === raw.toLowerCase());
  if (!include) throw httpNotFound();
  return include;
}

function flag(query: URLSearchParams, name: string): boolean {
  return query.get(name)?.toLowerCase() === 'true';
}

/** `?fields=` as the store names them (a recent client asks for `owners`). */
function requestedFields(app: DoubleApp, kind: EntityKind, request: ApiRequest): Set<string> {
  const param = request.query.get('fields');
  return parseFields(kind, app.release === '1.4' ? param : fieldsParamFromRecent(param));
}

export function respondEntity(app: DoubleApp, kind: EntityKind, record: EntityRecord, fields: Set<string> | 'all'): JsonObject {
  const projected = projectRecord(app, kind, record, fields);
  const body = app.release === '1.4' ? projected : toRecentEntity(projected);
  if (kind.type === 'ingestionPipeline' && (fields === 'all' || fields.has('pipelineStatuses'))) {
    const latest = app.statuses.latest(record.fqn);
    if (latest) body.pipelineStatuses = latest;
  }
  return body;
}

export function listEntities(app: DoubleApp, kind: EntityKind, request: ApiRequest): ApiResponse {
  const fields = requestedFields(app, kind, request);
  const include = parseInclude(request.query);
  const page = parsePageRequest(request.query);
  const entityId = kind.type === 'query' ? request.query.get('entityId') : null;
  if (entityId !== null) return listQueriesUsedIn(app, kind, entityId, request);
  let matches = app.store.allSorted(kind.type).filter((r) => included(r, include));
  for (const filter of kind.listFilters) {
    const value = request.query.get(filter);
    if (value === null) continue;
    const prefix = filter === 'service' ? quoteName(value) : value;
    matches = matches.filter((r) => isBelow(r.fqn, prefix));
  }
  const pipelineTypes = request.query.get('pipelineType');
  if (kind.type === 'ingestionPipeline' && pipelineTypes !== null) {
    const wanted = new Set(pipelineTypes.split(','));
    matches = matches.filter((r) => wanted.has(String(r.entity.pipelineType)));
  }
  const { items, paging } = paginate(matches, page);
  return json(200, { data: items.map((r) => respondEntity(app, kind, r, fields)), paging });
}

/**
 * GET /v1/queries?entityId=: the queries used in that entity (QueryDAO's own SQL, which applies neither the service
 * filter nor `include`). The id must convert to a UUID (JAX-RS's 404 otherwise); an unknown one lists nothing.
 */
function listQueriesUsedIn(app: DoubleApp, kind: EntityKind, rawId: string, request: ApiRequest): ApiResponse {
  if (!isUuid(rawId)) throw httpNotFound();
  const id = rawId.toLowerCase();
  const fields = requestedFields(app, kind, request);
  const page = parsePageRequest(request.query);
  const matches = app.store.allSorted('query').filter((r) => {
    const usedIn = r.entity.queryUsedIn;
    return Array.isArray(usedIn) && usedIn.some((ref) => isJsonObject(ref) && ref.id === id) && app.store.getById(id) !== undefined;
  });
  const { items, paging } = paginate(matches, page);
  return json(200, { data: items.map((r) => respondEntity(app, kind, r, fields)), paging });
}

function findRecord(app: DoubleApp, kind: EntityKind, key: { fqn?: string; id?: string }, include: Include): EntityRecord {
  if (key.id !== undefined) return requireById(app.store, kind.type, key.id, include);
  const fqn = key.fqn ?? '';
  const record = findByName(app.store, kind.type, fqn, include);
  if (!record) throw entityNotFound(kind.type, fqn);
  return record;
}

export function getEntity(app: DoubleApp, kind: EntityKind, key: { fqn?: string; id?: string }, request: ApiRequest): ApiResponse {
  const fields = requestedFields(app, kind, request);
  const record = findRecord(app, kind, key, parseInclude(request.query));
  return json(200, respondEntity(app, kind, record, fields));
}

function requireJson(request: ApiRequest): void {
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
}

function creatable(kind: EntityKind): CreatableType {
  if (!kind.requestSchema) throw new ApiError(405, 'HTTP 405 Method Not Allowed');
  return kind.type as CreatableType;
}

export function writeEntity(app: DoubleApp, kind: EntityKind, request: ApiRequest, mode: 'put' | 'post'): ApiResponse {
  const type = creatable(kind);
  requireJson(request);
  const body = validateRequest(kind.requestSchema!, request.body, app.release);
  const prepared = PREPARE[type](app.release === '1.4' ? body : fromRecentRequest(body), app.store, app.release);
  const ctx = app.writeContext();
  const result: WriteResult = mode === 'put' ? createOrUpdate(ctx, prepared) : createOnly(ctx, prepared);
  app.log.countWrite(result.outcome);
  return json(result.status, respondEntity(app, kind, result.record, 'all'));
}

/** PATCH by id with a JSON Patch (`application/json-patch+json`), as OpenMetadata's resources take it. */
export function patchEntityRoute(app: DoubleApp, kind: EntityKind, id: string, request: ApiRequest): ApiResponse {
  creatable(kind);
  if (request.contentType !== 'application/json-patch+json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
  const record = requireById(app.store, kind.type, id, 'non-deleted');
  const result = patchEntity(app.writeContext(), record, applyJsonPatch(record.entity, request.body));
  app.log.countWrite(result.outcome);
  return json(result.status, respondEntity(app, kind, result.record, 'all'));
}

export function removeEntity(app: DoubleApp, kind: EntityKind, key: { fqn?: string; id?: string }, request: ApiRequest): ApiResponse {
  creatable(kind);
  const record = findRecord(app, kind, key, 'all');
  // Queries cannot be soft-deleted (QueryDAO.supportsSoftDelete is false): every DELETE removes them.
  const hardDelete = flag(request.query, 'hardDelete') || kind.type === 'query';
  const recursive = kind.recursiveDelete && flag(request.query, 'recursive');
  const before = respondEntity(app, kind, record, 'all');
  const descendants = collectTree(app, record);
  deleteEntity(app.writeContext(), record, { hardDelete, recursive });
  if (hardDelete) {
    for (const r of descendants) {
      if (r.type === 'ingestionPipeline') app.statuses.remove(r.fqn);
      app.usage.remove(r.id);
    }
    app.joins.removeBelow(record.fqn);
    app.log.countWrite('hardDeleted');
    return json(200, before);
  }
  app.log.countWrite('softDeleted');
  return json(200, respondEntity(app, kind, record, 'all'));
}

function collectTree(app: DoubleApp, record: EntityRecord): EntityRecord[] {
  return [record, ...app.store.children(record.id).flatMap((c) => collectTree(app, c))];
}

export function restoreRoute(app: DoubleApp, kind: EntityKind, request: ApiRequest): ApiResponse {
  creatable(kind);
  requireJson(request);
  if (!isJsonObject(request.body)) throw badRequest('[request body must not be null]');
  const id = stringField(request.body, 'id');
  if (id === undefined) throw badRequest('[id must not be null]');
  const record = requireById(app.store, kind.type, id, 'deleted');
  restore(app.writeContext(), record);
  app.log.countWrite('restored');
  return json(200, respondEntity(app, kind, record, 'all'));
}
