/**
 * The three PUTs OpenMetadata 1.4's QueryResource adds beside the generic collection (QueryRepository.addQueryUsage,
 * addQueryUser, addQueryUsedBy). The body is read and checked first (Jackson, then bean validation), then the query
 * by id (non-deleted; `query instance for <id> not found`).
 *
 * - `/{id}/usage` with a list of EntityReferences (`id` and `type` required): each is added to the query's
 *   `queryUsedIn` (already there: unchanged). 201 with a ChangeEvent (`queryUsedIn` old → new); no new version.
 * - `/{id}/users` with a list of user FQNs (non-deleted users, 404 otherwise): added to `users`. 201, ChangeEvent
 *   `users`; no new version.
 * - `/{id}/usedBy` with a list of names: added to the `usedBy` set; the query is updated (a new version when the set
 *   grew). 201 with a ChangeEvent upstream builds before that update: it names the field `users`, carries the old
 *   usedBy and the query's users as old and new values, and the pre-update version, while its entity is the updated
 *   query.
 *
 * Upstream writes each reference as it goes and looks the ends up only when reading back, so a missing end leaves
 * the earlier ones written (and a dangling row that breaks later reads); the double checks every end first and
 * changes nothing when one is missing.
 */
import type { ApiRequest, ApiResponse } from './api-types.js';
import { json } from './api-types.js';
import type { DoubleApp } from './app.js';
import { fieldChangeEvent } from './change-event.js';
import { kindOf } from './entity-kinds.js';
import { isUuid, respondEntity } from './entity-routes.js';
import { patchEntity } from './lifecycle.js';
import { resolveQueryUsedIn, resolveQueryUsers } from './prepare-requests.js';
import { liveReferences } from './projection.js';
import { requireById } from './references.js';
import { validateListRequest } from './schema-validator.js';
import type { EntityRecord } from './store.js';
import { ApiError, httpNotFound, isJsonObject, type JsonObject, type JsonValue } from './types.js';

export type QueryListField = 'usage' | 'users' | 'usedBy';

function requireJson(request: ApiRequest): void {
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
}

/** Stored references plus new ones, each id once. */
function union(stored: JsonValue | undefined, added: JsonObject[]): JsonObject[] {
  const byId = new Map<string, JsonObject>();
  for (const ref of [...(Array.isArray(stored) ? stored.filter(isJsonObject) : []), ...added]) byId.set(String(ref.id), ref);
  return [...byId.values()];
}

function queryRecord(app: DoubleApp, rawId: string): EntityRecord {
  return requireById(app.store, 'query', rawId.toLowerCase(), 'non-deleted');
}

function addUsedIn(app: DoubleApp, rawId: string, body: JsonValue[]): ApiResponse {
  const record = queryRecord(app, rawId);
  const oldValue = liveReferences(app, record.entity.queryUsedIn, false);
  record.entity.queryUsedIn = union(record.entity.queryUsedIn, resolveQueryUsedIn(app.store, body.filter(isJsonObject)));
  const version = Number(record.entity.version);
  const event = fieldChangeEvent(app, {
    entityType: 'query',
    entity: respondEntity(app, kindOf('query'), record, new Set(['queryUsedIn'])),
    field: 'queryUsedIn',
    oldValue,
    newValue: liveReferences(app, record.entity.queryUsedIn),
    previousVersion: version,
    currentVersion: version,
    userName: app.settings.principal,
  });
  return json(201, event);
}

function addUsers(app: DoubleApp, rawId: string, body: JsonValue[]): ApiResponse {
  const record = queryRecord(app, rawId);
  const oldValue = liveReferences(app, record.entity.users, false);
  record.entity.users = union(record.entity.users, resolveQueryUsers(app.store, body.map(String)));
  const version = Number(record.entity.version);
  const event = fieldChangeEvent(app, {
    entityType: 'query',
    entity: respondEntity(app, kindOf('query'), record, new Set(['users'])),
    field: 'users',
    oldValue,
    newValue: liveReferences(app, record.entity.users),
    previousVersion: version,
    currentVersion: version,
    userName: app.settings.principal,
  });
  return json(201, event);
}

function addUsedBy(app: DoubleApp, rawId: string, body: JsonValue[]): ApiResponse {
  const record = queryRecord(app, rawId);
  const before = Array.isArray(record.entity.usedBy) ? record.entity.usedBy.map(String) : [];
  const version = Number(record.entity.version);
  const users = liveReferences(app, record.entity.users, false);
  const result = patchEntity(app.writeContext(), record, { ...record.entity, usedBy: [...new Set([...before, ...body.map(String)])] });
  app.log.countWrite(result.outcome);
  const event = fieldChangeEvent(app, {
    entityType: 'query',
    entity: respondEntity(app, kindOf('query'), result.record, new Set(['users', 'queryUsedIn'])),
    field: 'users',
    oldValue: before,
    newValue: users,
    previousVersion: version,
    currentVersion: version,
    userName: app.settings.principal,
  });
  return json(201, event);
}

/** PUT /v1/queries/{id}/usage | users | usedBy. */
export function putQueryList(app: DoubleApp, rawId: string, field: QueryListField, request: ApiRequest): ApiResponse {
  // The resource takes a UUID path parameter: one that does not convert is JAX-RS's plain 404.
  if (!isUuid(rawId)) throw httpNotFound();
  requireJson(request);
  if (field === 'usage') return addUsedIn(app, rawId, validateListRequest('entityReferenceList', request.body, app.release));
  const names = validateListRequest('stringList', request.body, app.release);
  return field === 'users' ? addUsers(app, rawId, names) : addUsedBy(app, rawId, names);
}
