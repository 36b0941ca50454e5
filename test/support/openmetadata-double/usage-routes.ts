/**
 * `/v1/usage` as OpenMetadata 1.4's UsageResource / UsageRepository serve it, for the kinds the double stores:
 *
 * - `POST /{entityType}/{id}` and `/{entityType}/name/{fqn}` with a DailyCount `{date, count}`: the day's count of
 *   the (non-deleted) entity becomes `count` (insertOrReplaceCount). `PUT` on the same paths adds `count` to the
 *   day's count instead (insertOrUpdateCount). Only tables take usage here (upstream also pipelines, dashboards,
 *   charts and ML models, which the double does not store); another stored type is 500 `Entity type <t> not
 *   supported`. A table's usage is also added (whichever verb) to its schema's and database's rows for the day.
 *   The answer is 201 with a ChangeEvent: field `usageSummary`, old and new latest usage, the table (with
 *   usageSummary) as entity, its last updater as userName, its version unchanged.
 * - `GET /{entityType}/{id}` and `/{entityType}/name/{fqn}`, `?date=` (default today) and `?days=` (clamped to
 *   1..30; absent is 1): the EntityUsage `{entity, usage}`, usage being the rows dated from days-1 before the date up
 *   to it, newest first.
 * - `POST /compute.percentile/{entityType}/{date}`: percentile ranks of that type's rows on that day; 201, no body.
 *
 * A date that is not a calendar date reaches the database upstream and fails there: 500 here too.
 */
import type { ApiRequest, ApiResponse } from './api-types.js';
import { json } from './api-types.js';
import type { DoubleApp } from './app.js';
import { fieldChangeEvent } from './change-event.js';
import { isIsoDate, todayUtc } from './dates.js';
import { kindOf } from './entity-kinds.js';
import { isUuid, respondEntity } from './entity-routes.js';
import { latestUsage, referenceWithHref } from './projection.js';
import { requireAnyEntity, type Include } from './references.js';
import { validateRequest } from './schema-validator.js';
import type { EntityRecord } from './store.js';
import { ApiError, httpNotFound } from './types.js';
import { usageDetails } from './usage-store.js';

type EntityKey = { id: string } | { fqn: string };

function methodNotAllowed(): ApiError {
  return new ApiError(405, 'HTTP 405 Method Not Allowed');
}

/** What the database says to a date it cannot cast. */
function requireSqlDate(date: string): string {
  if (!isIsoDate(date)) throw new ApiError(500, `ERROR: invalid input syntax for type date: "${date}"`);
  return date;
}

function findEntity(app: DoubleApp, entityType: string, key: EntityKey, include: Include): EntityRecord {
  if ('id' in key && !isUuid(key.id)) throw httpNotFound();
  return requireAnyEntity(app.store, entityType, 'id' in key ? { id: key.id.toLowerCase() } : key, include);
}

/** `@QueryParam("days") int`: absent is 0, not an integer is JAX-RS's 404; the resource clamps it to 1..30. */
function daysParam(query: URLSearchParams): number {
  const raw = query.get('days')?.trim();
  if (raw === undefined || raw === '') return 1;
  if (!/^[+-]?\d{1,10}$/.test(raw) || Math.abs(Number(raw)) > 2147483647) throw httpNotFound();
  return Math.min(Math.max(Number(raw), 1), 30);
}

function getUsage(app: DoubleApp, entityType: string, key: EntityKey, request: ApiRequest): ApiResponse {
  const days = daysParam(request.query);
  const record = findEntity(app, entityType, key, 'non-deleted');
  const date = requireSqlDate(request.query.get('date') ?? todayUtc());
  return json(200, { entity: referenceWithHref(app, record), usage: app.usage.range(record.id, date, days - 1).map(usageDetails) });
}

function reportUsage(app: DoubleApp, entityType: string, key: EntityKey, request: ApiRequest, mode: 'replace' | 'add'): ApiResponse {
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
  const usage = validateRequest('dailyCount', request.body, app.release);
  const record = findEntity(app, entityType, key, 'non-deleted');
  if (record.type !== 'table') throw new ApiError(500, `Entity type ${entityType} not supported`);
  const date = requireSqlDate(String(usage.date));
  const count = Number(usage.count);
  const before = latestUsage(app, record.id);
  app.usage.record(record.id, entityType, date, count, mode);
  for (const parent of ['databaseSchema', 'database'] as const) {
    const ref = record.entity[parent];
    const id = typeof ref === 'object' && ref !== null && !Array.isArray(ref) ? String(ref.id) : undefined;
    if (id !== undefined) app.usage.record(id, parent, date, count, 'add');
  }
  const version = Number(record.entity.version);
  const event = fieldChangeEvent(app, {
    entityType,
    entity: respondEntity(app, kindOf('table'), record, new Set(['usageSummary'])),
    field: 'usageSummary',
    oldValue: before,
    newValue: latestUsage(app, record.id),
    previousVersion: version,
    currentVersion: version,
    userName: String(record.entity.updatedBy),
  });
  return json(201, event);
}

function computePercentile(app: DoubleApp, entityType: string, date: string): ApiResponse {
  requireSqlDate(date);
  app.usage.computePercentile(entityType, date);
  app.percentileRuns.push({ entityType, date, at: Date.now() });
  return { status: 201 };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw httpNotFound();
  }
}

/** `/v1/usage…` as UsageResource lays it out (`sub` is what follows `usage`). */
export function routeUsage(app: DoubleApp, sub: string, request: ApiRequest): ApiResponse {
  const { method } = request;
  const raw = sub.replace(/^\//, '').split('/');
  if (raw.some((segment) => segment === '')) throw httpNotFound();
  const segments = raw.map(decodeSegment);
  if (segments.length === 3 && segments[0] === 'compute.percentile') {
    if (method === 'POST') return computePercentile(app, segments[1], segments[2]);
    throw methodNotAllowed();
  }
  let key: EntityKey;
  if (segments.length === 2) key = { id: segments[1] };
  else if (segments.length === 3 && segments[1] === 'name') key = { fqn: segments[2] };
  else throw httpNotFound();
  const entityType = segments[0];
  if (method !== 'GET' && method !== 'POST' && method !== 'PUT') throw methodNotAllowed();
  if ('id' in key && !isUuid(key.id)) throw httpNotFound();
  if (method === 'GET') return getUsage(app, entityType, key, request);
  return reportUsage(app, entityType, key, request, method === 'POST' ? 'replace' : 'add');
}
