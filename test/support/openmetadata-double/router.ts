/**
 * Maps `/api/v1/...` requests to handlers the way OpenMetadata's JAX-RS resources are laid out; anything else is
 * `404 HTTP 404 Not Found`, a known path with another verb `405 HTTP 405 Method Not Allowed`.
 */
import { json, type ApiRequest, type ApiResponse } from './api-types.js';
import type { DoubleApp } from './app.js';
import { kindForPath, type EntityKind } from './entity-kinds.js';
import { getEntity, isUuid, listEntities, patchEntityRoute, removeEntity, restoreRoute, writeEntity } from './entity-routes.js';
import { addLineage, deleteLineage, deleteLineageBySource, getLineage, getLineageEdge } from './lineage-routes.js';
import { getPipelineStatus, listPipelineStatuses, putPipelineStatus } from './pipeline-routes.js';
import { putDataModel } from './data-model-routes.js';
import { putTableJoins } from './join-routes.js';
import { routeDataQuality } from './quality-routes.js';
import { putSampleData, putTableProfile, putTableProfilerConfig } from './profile-routes.js';
import { putQueryList, type QueryListField } from './query-routes.js';
import { routeUsage } from './usage-routes.js';
import { ApiError, httpNotFound } from './types.js';

const PREFIX = '/api/v1/';

function methodNotAllowed(): ApiError {
  return new ApiError(405, 'HTTP 405 Method Not Allowed');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw httpNotFound();
  }
}

function systemVersion(app: DoubleApp, request: ApiRequest): ApiResponse {
  if (request.method !== 'GET') throw methodNotAllowed();
  return json(200, { version: app.settings.version, revision: app.settings.revision, timestamp: Date.now() });
}

function routeCollection(app: DoubleApp, kind: EntityKind, sub: string, request: ApiRequest): ApiResponse {
  const { method } = request;
  if (sub === '' || sub === '/') {
    if (method === 'GET') return listEntities(app, kind, request);
    if (method === 'PUT') return writeEntity(app, kind, request, 'put');
    if (method === 'POST') return writeEntity(app, kind, request, 'post');
    throw methodNotAllowed();
  }
  if (sub === '/restore') {
    if (method === 'PUT') return restoreRoute(app, kind, request);
    throw methodNotAllowed();
  }
  const byName = /^\/name\/([^/]+)$/.exec(sub);
  if (byName) {
    const fqn = decodeSegment(byName[1]);
    if (method === 'GET') return getEntity(app, kind, { fqn }, request);
    if (method === 'DELETE') return removeEntity(app, kind, { fqn }, request);
    throw methodNotAllowed();
  }
  if (kind.type === 'ingestionPipeline') {
    const status = /^\/(.+)\/pipelineStatus(?:\/([^/]+))?$/.exec(sub);
    if (status) {
      const fqn = status[1].split('/').map(decodeSegment).join('/');
      if (status[2] !== undefined) {
        if (method === 'GET') return getPipelineStatus(app, fqn, decodeSegment(status[2]));
        throw methodNotAllowed();
      }
      if (method === 'PUT') return putPipelineStatus(app, fqn, request);
      if (method === 'GET') return listPipelineStatuses(app, fqn, request);
      throw methodNotAllowed();
    }
  }
  if (kind.type === 'query') {
    const list = /^\/([^/]+)\/(usage|users|usedBy)$/.exec(sub);
    if (list) {
      if (method === 'PUT') return putQueryList(app, decodeSegment(list[1]), list[2] as QueryListField, request);
      throw methodNotAllowed();
    }
  }
  if (kind.type === 'table') {
    const joins = /^\/([^/]+)\/joins$/.exec(sub);
    if (joins) {
      if (method === 'PUT') return putTableJoins(app, decodeSegment(joins[1]), request);
      throw methodNotAllowed();
    }
    const dataModel = /^\/([^/]+)\/dataModel$/.exec(sub);
    if (dataModel) {
      if (method === 'PUT') return putDataModel(app, decodeSegment(dataModel[1]), request);
      throw methodNotAllowed();
    }
    const profile = /^\/([^/]+)\/(tableProfile|sampleData|tableProfilerConfig)$/.exec(sub);
    if (profile) {
      if (method !== 'PUT') throw methodNotAllowed();
      const put = { tableProfile: putTableProfile, sampleData: putSampleData, tableProfilerConfig: putTableProfilerConfig }[
        profile[2] as 'tableProfile'
      ];
      return put(app, decodeSegment(profile[1]), request);
    }
  }
  const byId = /^\/([^/]+)$/.exec(sub);
  if (byId) {
    const id = decodeSegment(byId[1]);
    if (!isUuid(id)) throw httpNotFound();
    if (method === 'GET') return getEntity(app, kind, { id }, request);
    if (method === 'DELETE') return removeEntity(app, kind, { id }, request);
    if (method === 'PATCH') return patchEntityRoute(app, kind, id, request);
    throw methodNotAllowed();
  }
  throw httpNotFound();
}

/**
 * `/v1/lineage…` as LineageResource lays it out: PUT on the collection, GET `getLineageEdge/{fromId}/{toId}`, GET
 * `{type}/name/{fqn}` and `{type}/{id}`, DELETE `{fromType}/{fromId}/{toType}/{toId}` and
 * `{entityType}/{entityId}/type/{lineageSource}`.
 */
function routeLineage(app: DoubleApp, sub: string, request: ApiRequest): ApiResponse {
  const { method } = request;
  if (sub === '' || sub === '/') {
    if (method === 'PUT') return addLineage(app, request);
    throw methodNotAllowed();
  }
  const raw = sub.slice(1).split('/');
  if (raw.some((segment) => segment === '')) throw httpNotFound();
  const segments = raw.map(decodeSegment);
  if (segments.length === 2) {
    if (method === 'GET') return getLineage(app, segments[0], { id: segments[1] }, request);
    throw methodNotAllowed();
  }
  if (segments.length === 3 && segments[0] === 'getLineageEdge') {
    if (method === 'GET') return getLineageEdge(app, segments[1], segments[2]);
    throw methodNotAllowed();
  }
  if (segments.length === 3 && segments[1] === 'name') {
    if (method === 'GET') return getLineage(app, segments[0], { fqn: segments[2] }, request);
    throw methodNotAllowed();
  }
  // The literal `type` segment wins over the edge's template, as in JAX-RS matching.
  if (segments.length === 4 && segments[2] === 'type') {
    if (method === 'DELETE') return deleteLineageBySource(app, segments[0], segments[1], segments[3]);
    throw methodNotAllowed();
  }
  if (segments.length === 4) {
    if (method === 'DELETE') return deleteLineage(app, segments[0], segments[1], segments[2], segments[3]);
    throw methodNotAllowed();
  }
  throw httpNotFound();
}

/** Answers one request; errors become `{"code": status, "message": ...}`. */
export function route(app: DoubleApp, request: ApiRequest): ApiResponse {
  try {
    if (!request.path.startsWith(PREFIX)) throw httpNotFound();
    const rest = request.path.slice(PREFIX.length);
    if (rest === 'system/version') return systemVersion(app, request);
    if (rest === 'lineage' || rest.startsWith('lineage/')) return routeLineage(app, rest.slice('lineage'.length), request);
    if (rest === 'usage' || rest.startsWith('usage/')) return routeUsage(app, rest.slice('usage'.length), request);
    if (rest.startsWith('dataQuality/')) return routeDataQuality(app, rest.slice('dataQuality/'.length), request);
    const match = kindForPath(rest);
    if (!match) throw httpNotFound();
    return routeCollection(app, match.kind, match.sub, request);
  } catch (error) {
    if (error instanceof ApiError) return json(error.status, { code: error.status, message: error.message });
    const message = error instanceof Error ? error.message : String(error);
    return json(500, { code: 500, message });
  }
}
