/**
 * `PUT /v1/tables/{id}/tableProfile` and `PUT /v1/tables/{id}/sampleData` as OpenMetadata 1.4's TableResource and
 * TableRepository take them. After the body passes its schema: the table by id, non-deleted (404 `table instance for
 * <id> not found`); every column a profile or the sample names must be one of the table's top-level columns (400
 * `Invalid column name <name>`); every sample row must hold one value per column (400 `Number of columns is N but row
 * has M sample values`). The answer is 200 with the table. `PUT /v1/tables/{id}/tableProfilerConfig` stores the table's
 * profiler settings, which `?fields=tableProfilerConfig` shows.
 */
import type { ApiRequest, ApiResponse } from './api-types.js';
import { json } from './api-types.js';
import type { DoubleApp } from './app.js';
import { kindOf } from './entity-kinds.js';
import { isUuid, respondEntity } from './entity-routes.js';
import { requireById } from './references.js';
import { validateRequest } from './schema-validator.js';
import { ApiError, badRequest, httpNotFound, objectArray, stringField, type JsonObject } from './types.js';

/** Profiles and sample rows by table FQN: what the double keeps of them. */
export class ProfileStore {
  private readonly profiles = new Map<string, JsonObject[]>();
  private readonly samples = new Map<string, JsonObject>();

  addProfile(tableFqn: string, profile: JsonObject): void {
    const list = this.profiles.get(tableFqn) ?? [];
    list.push(profile);
    this.profiles.set(tableFqn, list);
  }

  setSample(tableFqn: string, sample: JsonObject): void {
    this.samples.set(tableFqn, sample);
  }

  profilesOf(tableFqn: string): JsonObject[] {
    return structuredClone(this.profiles.get(tableFqn) ?? []);
  }

  sampleOf(tableFqn: string): JsonObject | undefined {
    const sample = this.samples.get(tableFqn);
    return sample && structuredClone(sample);
  }

  clear(): void {
    this.profiles.clear();
    this.samples.clear();
  }
}

function tableFor(app: DoubleApp, rawId: string, request: ApiRequest) {
  if (!isUuid(rawId)) throw httpNotFound();
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
  return rawId.toLowerCase();
}

function checkColumns(table: JsonObject, names: Array<string | undefined>): void {
  const topLevel = new Set(objectArray(table, 'columns').map((c) => stringField(c, 'name')));
  for (const name of names) if (name === undefined || !topLevel.has(name)) throw badRequest(`Invalid column name ${name ?? 'null'}`);
}

export function putTableProfile(app: DoubleApp, rawId: string, request: ApiRequest): ApiResponse {
  const id = tableFor(app, rawId, request);
  const body = validateRequest('createTableProfile', request.body, app.release);
  const table = requireById(app.store, 'table', id, 'non-deleted');
  checkColumns(
    table.entity,
    objectArray(body, 'columnProfile').map((c) => stringField(c, 'name')),
  );
  app.profiles.addProfile(table.fqn, body);
  return json(200, respondEntity(app, kindOf('table'), table, new Set(['columns'])));
}

export function putSampleData(app: DoubleApp, rawId: string, request: ApiRequest): ApiResponse {
  const id = tableFor(app, rawId, request);
  const body = validateRequest('tableData', request.body, app.release);
  const table = requireById(app.store, 'table', id, 'non-deleted');
  const columns = (body.columns as string[] | undefined) ?? [];
  checkColumns(table.entity, columns);
  for (const row of (body.rows as unknown[][] | undefined) ?? []) {
    if (row.length !== columns.length) throw badRequest(`Number of columns is ${columns.length} but row has ${row.length} sample values`);
  }
  app.profiles.setSample(table.fqn, body);
  return json(200, respondEntity(app, kindOf('table'), table, new Set(['columns'])));
}

export function putTableProfilerConfig(app: DoubleApp, rawId: string, request: ApiRequest): ApiResponse {
  const id = tableFor(app, rawId, request);
  const body = validateRequest('tableProfilerConfig', request.body, app.release);
  const table = requireById(app.store, 'table', id, 'non-deleted');
  table.entity.tableProfilerConfig = body;
  return json(200, respondEntity(app, kindOf('table'), table, new Set(['tableProfilerConfig'])));
}
