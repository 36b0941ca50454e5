/**
 * `PUT /v1/tables/{id}/dataModel` as OpenMetadata's TableResource and TableRepository.addDataModel take it (1.4, and
 * the recent release with `owners`). After the body passes its schema: the table by id, non-deleted (404 `table
 * instance for <id> not found`). The model is stored on the table; a blank `rawSql` or `sql` keeps the stored one.
 * The model's owner(s) become the table's only when the table has none; its tags are added to the table's, each model
 * column's tags to the table column of that name (ignoring case; columns the table lacks are skipped); descriptions
 * are not copied. The answer is 200 with the table, its owner and tags.
 */
import type { ApiRequest, ApiResponse } from './api-types.js';
import { json } from './api-types.js';
import type { DoubleApp } from './app.js';
import { kindOf } from './entity-kinds.js';
import { isUuid, respondEntity } from './entity-routes.js';
import { mergeTags } from './put-merge.js';
import { entityReference, requireById, resolveTagLabel } from './references.js';
import { validateRequest } from './schema-validator.js';
import { ApiError, badRequest, httpNotFound, objectArray, objectField, stringField, type JsonObject, type JsonValue } from './types.js';

function isBlank(value: JsonValue | undefined): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/**
 * The owners the model hands an ownerless table. Upstream writes the relationship without checking it; what fails is
 * reading the owner back, so an unknown user or team is 404 (deleted ones read back fine), and nothing is written.
 */
function modelOwners(app: DoubleApp, model: JsonObject): JsonObject[] {
  const single = objectField(model, 'owner');
  const refs = app.release !== '1.4' ? objectArray(model, 'owners') : single ? [single] : [];
  return refs.map((ref) => {
    const type = stringField(ref, 'type') ?? '';
    if (type !== 'user' && type !== 'team') {
      throw badRequest(`Entity of type ${type} can't be the owner. Only Team of type Group or a User can own entities.`);
    }
    return entityReference(requireById(app.store, type, (stringField(ref, 'id') ?? '').toLowerCase(), 'all'));
  });
}

/** Tag labels as the table will hold them; upstream applies them without the mutual-exclusion check of a create. */
function labels(app: DoubleApp, holder: JsonObject): JsonObject[] {
  return objectArray(holder, 'tags').map((label) => resolveTagLabel(app.store, label));
}

export function putDataModel(app: DoubleApp, rawId: string, request: ApiRequest): ApiResponse {
  if (!isUuid(rawId)) throw httpNotFound();
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
  const model = validateRequest('dataModel', request.body, app.release);
  const table = requireById(app.store, 'table', rawId.toLowerCase(), 'non-deleted');

  // Everything is resolved before anything is written, so a refused model leaves the table as it was.
  const owners = table.entity.owner === undefined ? modelOwners(app, model) : [];
  const tableTags = labels(app, model);
  const columns = objectArray(table.entity, 'columns');
  const columnTags = objectArray(model, 'columns').flatMap((modelColumn) => {
    const name = (stringField(modelColumn, 'name') ?? '').toLowerCase();
    const column = columns.find((c) => (stringField(c, 'name') ?? '').toLowerCase() === name);
    return column ? [{ column, tags: labels(app, modelColumn) }] : [];
  });

  const previous = objectField(table.entity, 'dataModel');
  for (const key of ['rawSql', 'sql']) {
    if (isBlank(model[key]) && previous && !isBlank(previous[key])) model[key] = previous[key];
  }
  table.entity.dataModel = model;
  if (owners.length > 0) table.entity.owner = owners[0];
  // A label the table already holds stays as it is (upstream's tag_usage insert ignores a duplicate).
  const merged = mergeTags(tableTags, table.entity.tags);
  if (merged) table.entity.tags = merged;
  for (const { column, tags } of columnTags) {
    const mergedColumn = mergeTags(tags, column.tags);
    if (mergedColumn) column.tags = mergedColumn;
  }
  return json(200, respondEntity(app, kindOf('table'), table, new Set(['owner', 'tags'])));
}
