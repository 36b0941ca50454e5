/**
 * Ingestion pipeline status endpoints (IngestionPipelineResource in 1.4): PUT a PipelineStatus (answered 201 with a
 * ChangeEvent), GET one run by its UUID (204 when unknown), GET the runs in a time window.
 */
import { json, type ApiRequest, type ApiResponse } from './api-types.js';
import type { DoubleApp } from './app.js';
import { isUuid } from './entity-routes.js';
import { kindOf } from './entity-kinds.js';
import { project } from './fields.js';
import { requireByName } from './references.js';
import { validateRequest } from './schema-validator.js';
import { ApiError, httpNotFound, type JsonObject } from './types.js';

export function putPipelineStatus(app: DoubleApp, pipelineFqn: string, request: ApiRequest): ApiResponse {
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
  const status = validateRequest('pipelineStatus', request.body);
  const pipeline = requireByName(app.store, 'ingestionPipeline', pipelineFqn);
  const previous = app.statuses.put(pipeline.fqn, status);
  const entity = project(kindOf('ingestionPipeline'), pipeline, 'all', app.store, app.baseUrl);
  entity.pipelineStatuses = status;
  const version = Number(pipeline.entity.version);
  const changeDescription: JsonObject = {
    fieldsAdded: [],
    fieldsUpdated: [{ name: 'pipelineStatus', oldValue: previous ?? null, newValue: status }],
    fieldsDeleted: [],
    previousVersion: version,
  };
  return json(201, {
    eventType: 'entityUpdated',
    entityType: 'ingestionPipeline',
    entityId: pipeline.id,
    entityFullyQualifiedName: pipeline.fqn,
    userName: app.settings.principal,
    timestamp: Date.now(),
    currentVersion: version,
    previousVersion: version,
    changeDescription,
    entity,
  });
}

export function getPipelineStatus(app: DoubleApp, pipelineFqn: string, runId: string): ApiResponse {
  if (!isUuid(runId)) throw httpNotFound();
  const pipeline = requireByName(app.store, 'ingestionPipeline', pipelineFqn);
  const status = app.statuses.get(pipeline.fqn, runId);
  return status ? json(200, status) : { status: 204 };
}

function timeBound(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^-?\d+$/.test(raw)) throw httpNotFound();
  return Number(raw);
}

export function listPipelineStatuses(app: DoubleApp, pipelineFqn: string, request: ApiRequest): ApiResponse {
  const startTs = timeBound(request.query, 'startTs');
  const endTs = timeBound(request.query, 'endTs');
  const pipeline = requireByName(app.store, 'ingestionPipeline', pipelineFqn);
  const data = app.statuses
    .list(pipeline.fqn)
    .filter((s) => (startTs === undefined || Number(s.timestamp) >= startTs) && (endTs === undefined || Number(s.timestamp) <= endTs));
  const paging: JsonObject = { total: data.length };
  if (startTs !== undefined) paging.before = String(startTs);
  if (endTs !== undefined) paging.after = String(endTs);
  return json(200, { data, paging });
}
