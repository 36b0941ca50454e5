/**
 * `/v1/dataQuality/testDefinitions…` as OpenMetadata's TestDefinitionResource takes it: `PUT` a
 * CreateTestDefinitionRequest (create or update by name: 201 or 200), `GET name/{fqn}` and `GET {id}` (404
 * `testDefinition instance for <fqn or id> not found`; `?fields=owner`, `owners` in the recent release). After the
 * schema, the owner is checked as on any create (a user, or a team of type Group) and a domain is 404 (none exist).
 * An update follows the PUT rules of the other collections: the owner cannot be removed and a bot keeps a non-empty
 * description or displayName; a change adds 0.1 to the version.
 */
import { randomUUID } from 'node:crypto';
import type { ApiRequest, ApiResponse } from './api-types.js';
import { json } from './api-types.js';
import type { DoubleApp } from './app.js';
import { isUuid } from './entity-routes.js';
import { quoteName } from './fqn.js';
import { mergePut } from './put-merge.js';
import { resolveOwner } from './references.js';
import { fieldsParamFromRecent, fromRecentRequest, toRecentEntity } from './release.js';
import { validateRequest } from './schema-validator.js';
import type { StoredDefinition } from './test-definitions.js';
import { ApiError, badRequest, cloneJson, entityNotFound, httpNotFound, jsonEqual, objectField, stringField, type JsonObject } from './types.js';
import { nextVersion } from './versioning.js';

const COPIED = ['displayName', 'description', 'entityType', 'testPlatforms', 'supportedDataTypes', 'parameterDefinition'];
/** What identifies a version rather than the definition: left out when telling whether a PUT changed anything. */
const VERSION_FIELDS = new Set(['id', 'version', 'updatedAt', 'updatedBy', 'href', 'changeDescription']);

function answer(app: DoubleApp, stored: StoredDefinition, withOwner: boolean): JsonObject {
  const body = cloneJson(stored.entity);
  if (!withOwner) delete body.owner;
  body.href = `${app.baseUrl}/v1/dataQuality/testDefinitions/${stored.id}`;
  return app.release === '1.4' ? body : toRecentEntity(body);
}

function content(entity: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(entity).filter(([key]) => !VERSION_FIELDS.has(key)));
}

function putDefinition(app: DoubleApp, request: ApiRequest): ApiResponse {
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
  const body = validateRequest('createTestDefinition', request.body, app.release);
  const create = app.release === '1.4' ? body : fromRecentRequest(body);
  const owner = resolveOwner(app.store, objectField(create, 'owner'));
  const domain = stringField(create, 'domain');
  if (domain !== undefined) throw entityNotFound('domain', domain);

  const name = String(create.name);
  const fqn = quoteName(name);
  const fields: JsonObject = { name, fullyQualifiedName: fqn };
  for (const key of COPIED) if (create[key] !== undefined) fields[key] = cloneJson(create[key]);
  if (owner) fields.owner = owner;
  const known = app.testDefinitions.get(fqn);
  const now = Date.now();
  if (!known) {
    const id = randomUUID();
    const entity = {
      id,
      ...fields,
      provider: create.provider ?? 'user',
      version: 0.1,
      updatedAt: now,
      updatedBy: app.settings.principal,
      deleted: false,
    };
    const created: StoredDefinition = { id, fqn, entity };
    app.testDefinitions.put(created);
    return json(201, answer(app, created, true));
  }
  const merged = mergePut(
    content(known.entity),
    { ...fields, provider: known.entity.provider ?? 'user', deleted: false },
    { updatedByBot: app.settings.updatedByBot },
  );
  if (!jsonEqual(merged, content(known.entity))) {
    const version = typeof known.entity.version === 'number' ? nextVersion(known.entity.version) : 0.1;
    known.entity = { id: known.id, ...merged, version, updatedAt: now, updatedBy: app.settings.principal };
  }
  return json(200, answer(app, known, true));
}

/** `?fields=`: a test definition has one optional field, its owner. */
function wantsOwner(app: DoubleApp, request: ApiRequest): boolean {
  const raw = request.query.get('fields');
  const param = app.release === '1.4' ? raw : fieldsParamFromRecent(raw);
  const fields = (param ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  for (const field of fields) if (field !== 'owner' && field !== '*') throw badRequest(`Invalid field name ${field}`);
  return fields.length > 0;
}

export function routeTestDefinitions(app: DoubleApp, sub: string, request: ApiRequest): ApiResponse {
  const { method } = request;
  if (sub === '' && method === 'PUT') return putDefinition(app, request);
  const byName = /^\/name\/([^/]+)$/.exec(sub);
  if (byName && method === 'GET') {
    const fqn = decodeURIComponent(byName[1] as string);
    const stored = app.testDefinitions.get(fqn);
    if (!stored) throw entityNotFound('testDefinition', fqn);
    return json(200, answer(app, stored, wantsOwner(app, request)));
  }
  const byId = /^\/([^/]+)$/.exec(sub);
  if (byId && method === 'GET' && isUuid(byId[1] as string)) {
    const id = (byId[1] as string).toLowerCase();
    const stored = app.testDefinitions.getById(id);
    if (!stored) throw entityNotFound('testDefinition', id);
    return json(200, answer(app, stored, wantsOwner(app, request)));
  }
  throw httpNotFound();
}
