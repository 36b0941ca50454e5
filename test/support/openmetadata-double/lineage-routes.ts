/**
 * The lineage endpoints of OpenMetadata 1.4's LineageResource / LineageRepository:
 *
 * - `PUT /v1/lineage` (AddLineage): both ends looked up by id and type (non-deleted), then the pipeline of
 *   lineageDetails, then every column of columnsLineage (fromColumns on the from table, toColumn on the to table);
 *   the edge is stored (replacing the pair's details) and the answer is 200 with no body.
 * - `GET /v1/lineage/getLineageEdge/{fromId}/{toId}`: 200 `{"edge": <lineageDetails>}`, or 404 when the pair has no
 *   row or (1.4) a row without details.
 * - `DELETE /v1/lineage/{fromType}/{fromId}/{toType}/{toId}`: both ends looked up, then the row removed: 200 with no
 *   body, or 404 `Lineage edge not found`.
 * - `DELETE /v1/lineage/{entityType}/{entityId}/type/{lineageSource}`: every edge into the entity whose details name
 *   that source is removed, with no look-up of the entity: always 200 with no body. (The server treats
 *   PipelineLineage apart, by the edges' pipeline; the double refuses that source rather than guess.)
 * - `GET /v1/lineage/{type}/name/{fqn}` and `/{type}/{id}` with `upstreamDepth`/`downstreamDepth` (0..3, default 1):
 *   the EntityLineage graph.
 *
 * The recent release (1.6 on) also stamps createdAt/createdBy/updatedAt/updatedBy into every stored lineageDetails,
 * which then always exists.
 */
import type { ApiRequest, ApiResponse } from './api-types.js';
import { json } from './api-types.js';
import type { DoubleApp } from './app.js';
import { kindOf } from './entity-kinds.js';
import { isUuid } from './entity-routes.js';
import { entityReference, requireAnyEntity, requireById, type Include } from './references.js';
import { validateRequest } from './schema-validator.js';
import type { StoredEdge } from './lineage-store.js';
import type { EntityRecord } from './store.js';
import {
  ApiError,
  badRequest,
  cloneJson,
  compareStrings,
  httpNotFound,
  isJsonObject,
  objectArray,
  objectField,
  stringField,
  type JsonObject,
  type JsonValue,
} from './types.js';

/** Types whose own lineage is the edges naming them as lineageDetails.pipeline. */
const PIPELINE_TYPES: ReadonlySet<string> = new Set(['pipeline', 'storedProcedure']);

/** lineageDetails keys in the order the server writes them; unknown keys (kept, as Jackson does) follow. */
const DETAIL_KEYS = ['sqlQuery', 'columnsLineage', 'pipeline', 'description', 'source', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
const COLUMN_KEYS = ['fromColumns', 'toColumn', 'function'];

const MAX_DEPTH = 3;

/** Entity.getEntityReferenceById / ByName: the type must be known, then the entity found (`include`). */
function requireEntity(app: DoubleApp, type: string, by: { id: string } | { fqn: string }, include: Include): EntityRecord {
  return requireAnyEntity(app.store, type, by, include);
}

/** An EntityReference with its href, as the lineage resource answers `entity` and `nodes`. */
function referenceWithHref(app: DoubleApp, record: EntityRecord): JsonObject {
  return { ...entityReference(record), href: `${app.baseUrl}/v1/${kindOf(record.type).collection}/${record.id}` };
}

/** `UUID.fromString` on a path segment the resource takes as a string: 400 when it is not a UUID. */
function parseUuid(raw: string): string {
  if (!isUuid(raw)) throw badRequest(`Invalid UUID string: ${raw}`);
  return raw.toLowerCase();
}

function ordered(source: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  for (const [k, v] of Object.entries(source)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/**
 * The lineageDetails the server stores: Java defaults filled in (columnsLineage and fromColumns empty lists, source
 * Manual), the pipeline replaced by its full reference, and (recent release) the audit stamps.
 */
function storedDetails(app: DoubleApp, input: JsonObject | undefined): JsonObject | null {
  if (input === undefined && app.release === '1.4') return null;
  const details: JsonObject = cloneJson(input ?? {});
  details.columnsLineage = objectArray(details, 'columnsLineage').map((column) =>
    ordered({ ...column, fromColumns: column.fromColumns ?? [] }, COLUMN_KEYS),
  );
  details.source ??= 'Manual';
  const pipeline = objectField(details, 'pipeline');
  if (pipeline) {
    const record = requireEntity(app, stringField(pipeline, 'type') ?? '', { id: stringField(pipeline, 'id') ?? '' }, 'non-deleted');
    details.pipeline = entityReference(record);
  }
  if (app.release !== '1.4') {
    const now = Date.now();
    Object.assign(details, { createdAt: now, createdBy: app.settings.principal, updatedAt: now, updatedBy: app.settings.principal });
  }
  return ordered(details, DETAIL_KEYS);
}

/** Every column FQN of a table, nested children included (ColumnUtil's search walks children too). */
export function columnFqns(columns: JsonValue | undefined, out = new Set<string>()): Set<string> {
  if (!Array.isArray(columns)) return out;
  for (const column of columns) {
    if (!isJsonObject(column)) continue;
    if (typeof column.fullyQualifiedName === 'string') out.add(column.fullyQualifiedName);
    columnFqns(column.children, out);
  }
  return out;
}

/** LineageRepository.validateChildren for the kinds the double stores: only tables have columns. */
function requireColumn(record: EntityRecord, columnFqn: JsonValue | undefined): void {
  if (record.type !== 'table') throw badRequest(`Unsupported Entity Type ${record.type} for lineage`);
  const name = typeof columnFqn === 'string' ? columnFqn : 'null';
  if (!columnFqns(record.entity.columns).has(name)) throw badRequest(`Invalid fully qualified column name ${name}`);
}

function validateColumns(from: EntityRecord, to: EntityRecord, details: JsonObject | null): void {
  for (const column of objectArray(details ?? {}, 'columnsLineage')) {
    for (const fromColumn of Array.isArray(column.fromColumns) ? column.fromColumns : []) requireColumn(from, fromColumn);
    requireColumn(to, column.toColumn);
  }
}

export function addLineage(app: DoubleApp, request: ApiRequest): ApiResponse {
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
  const body = validateRequest('addLineage', request.body, app.release);
  const edge = objectField(body, 'edge')!;
  const end = (name: 'fromEntity' | 'toEntity') => {
    const ref = objectField(edge, name)!;
    return requireEntity(app, stringField(ref, 'type') ?? '', { id: (stringField(ref, 'id') ?? '').toLowerCase() }, 'non-deleted');
  };
  const from = end('fromEntity');
  const to = end('toEntity');
  const details = storedDetails(app, objectField(edge, 'lineageDetails'));
  validateColumns(from, to, details);
  app.lineage.prune(app.store);
  app.lineage.put({ fromId: from.id, fromType: from.type, toId: to.id, toType: to.type, details });
  return { status: 200 };
}

export function getLineageEdge(app: DoubleApp, fromRaw: string, toRaw: string): ApiResponse {
  // The resource takes UUID path parameters: one that does not convert is JAX-RS's plain 404.
  if (!isUuid(fromRaw) || !isUuid(toRaw)) throw httpNotFound();
  const fromId = fromRaw.toLowerCase();
  const toId = toRaw.toLowerCase();
  app.lineage.prune(app.store);
  const edge = app.lineage.get(fromId, toId);
  // Upstream's message has the doubled space.
  if (!edge || edge.details === null) throw new ApiError(404, `Lineage edge not found between ${fromId} and  ${toId}`);
  return json(200, { edge: cloneJson(edge.details) });
}

export function deleteLineage(app: DoubleApp, fromType: string, fromRaw: string, toType: string, toRaw: string): ApiResponse {
  const from = requireEntity(app, fromType, { id: parseUuid(fromRaw) }, 'non-deleted');
  const to = requireEntity(app, toType, { id: parseUuid(toRaw) }, 'non-deleted');
  app.lineage.prune(app.store);
  if (!app.lineage.remove(from.id, from.type, to.id, to.type)) throw new ApiError(404, 'Lineage edge not found');
  return { status: 200 };
}

export function deleteLineageBySource(app: DoubleApp, entityType: string, rawId: string, source: string): ApiResponse {
  // The resource types the id as a UUID path parameter: one that does not parse matches no resource (JAX-RS 404).
  if (!isUuid(rawId)) throw httpNotFound();
  const id = rawId.toLowerCase();
  if (source === 'PipelineLineage') throw new ApiError(501, 'the double does not model deleting PipelineLineage by source');
  app.lineage.prune(app.store);
  app.lineage.removeUpstreamBySource(id, entityType, source);
  return { status: 200 };
}

/** `@DefaultValue("1") @Min(0) @Max(3) int`: not an integer → 404 (JAX-RS), out of range → a bean violation. */
function depthParam(query: URLSearchParams, name: string, violations: string[]): number {
  const raw = query.get(name)?.trim();
  if (raw === undefined || raw === '') return 1;
  if (!/^[+-]?\d{1,10}$/.test(raw) || Math.abs(Number(raw)) > 2147483647) throw httpNotFound();
  const depth = Number(raw);
  if (depth < 0) violations.push(`query param ${name} must be greater than or equal to 0`);
  if (depth > MAX_DEPTH) violations.push(`query param ${name} must be less than or equal to ${MAX_DEPTH}`);
  return depth;
}

interface Graph {
  nodes: JsonObject[];
  upstreamEdges: JsonObject[];
  downstreamEdges: JsonObject[];
}

function edgeBody(fromId: string, toId: string, details: JsonObject | null): JsonObject {
  const edge: JsonObject = { fromEntity: fromId, toEntity: toId };
  if (details !== null) edge.lineageDetails = cloneJson(details);
  return edge;
}

/** One hop at a time, as the repository recurses (no visited set: a cycle repeats edges up to the depth). */
function walk(app: DoubleApp, graph: Graph, record: EntityRecord, depth: number, direction: 'up' | 'down'): void {
  if (depth <= 0) return;
  const up = direction === 'up';
  let rows: StoredEdge[];
  if (PIPELINE_TYPES.has(record.type)) {
    rows = app.lineage.viaPipeline(record.id).sort((a, b) => (up ? compareStrings(a.fromId, b.fromId) : compareStrings(a.toId, b.toId)));
  } else {
    rows = up ? app.lineage.upstreamOf(record.id, record.type) : app.lineage.downstreamOf(record.id, record.type);
  }
  const next: EntityRecord[] = [];
  for (const row of rows) {
    const other = requireById(app.store, up ? row.fromType : row.toType, up ? row.fromId : row.toId, 'all');
    next.push(other);
    if (up) graph.upstreamEdges.push(edgeBody(other.id, record.id, row.details));
    else graph.downstreamEdges.push(edgeBody(record.id, other.id, row.details));
  }
  graph.nodes.push(...next.map((r) => referenceWithHref(app, r)));
  for (const other of next) walk(app, graph, other, depth - 1, direction);
}

export function getLineage(app: DoubleApp, type: string, key: { id: string } | { fqn: string }, request: ApiRequest): ApiResponse {
  const violations: string[] = [];
  const upstreamDepth = depthParam(request.query, 'upstreamDepth', violations);
  const downstreamDepth = depthParam(request.query, 'downstreamDepth', violations);
  if (violations.length > 0) throw badRequest(`[${violations.join(', ')}]`);
  const by = 'id' in key ? { id: parseUuid(key.id) } : key;
  const primary = requireEntity(app, type, by, 'non-deleted');
  app.lineage.prune(app.store);
  const graph: Graph = { nodes: [], upstreamEdges: [], downstreamEdges: [] };
  walk(app, graph, primary, upstreamDepth, 'up');
  walk(app, graph, primary, downstreamDepth, 'down');
  const seen = new Set<string>();
  const nodes = graph.nodes.filter((node) => !seen.has(String(node.id)) && seen.add(String(node.id)));
  return json(200, {
    entity: referenceWithHref(app, primary),
    nodes,
    upstreamEdges: graph.upstreamEdges,
    downstreamEdges: graph.downstreamEdges,
  });
}
