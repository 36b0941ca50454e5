/**
 * `PUT /v1/tables/{id}/joins` as OpenMetadata 1.4's TableResource.addJoins / TableRepository.addJoins take it. After
 * the TableJoins body passes its schema, in the server's order:
 *
 * 1. the table by id, non-deleted (404 `table instance for <id> not found`);
 * 2. `startDate` must be today or one of the 29 days before (400 `Date range can only include past 30 days starting
 *    today`; `dayCount` is not looked at);
 * 3. for each column join: `columnName` must name one of the table's top-level columns (400 `Invalid column name
 *    <name>`); each joinedWith FQN must have exactly five parts in 1.4 (a recent release takes nested columns' longer
 *    FQNs) (400 `Invalid fully qualified column name <fqn>`), its first four must name a non-deleted table (404
 *    `table instance for <fqn> not found`), and the column must be one of that table's (400, as above);
 * 4. each direct table join's FQN must name a table, deleted or not (400 `Invalid table name <fqn>`).
 *
 * Only then is anything written (join-store.ts: one row per FQN pair, the day's count replaced). The answer is 200
 * with the table and its aggregated `joins`.
 */
import type { ApiRequest, ApiResponse } from './api-types.js';
import { json } from './api-types.js';
import type { DoubleApp } from './app.js';
import { inLast30Days } from './dates.js';
import { kindOf } from './entity-kinds.js';
import { isUuid, respondEntity } from './entity-routes.js';
import { addToFqn, splitFqn } from './fqn.js';
import { columnFqns } from './lineage-routes.js';
import { requireById, requireByName } from './references.js';
import { validateRequest } from './schema-validator.js';
import { ApiError, badRequest, httpNotFound, objectArray, stringField, type JsonObject } from './types.js';

/** ColumnUtil.validateColumnFQN after FullyQualifiedName.getTableFQN, for one joinedWith. */
function checkJoinedColumn(app: DoubleApp, columnFqn: string): void {
  const parts = splitFqn(columnFqn);
  const shapeOk = app.release === '1.4' ? parts.length === 5 : parts.length >= 5;
  if (!shapeOk) throw badRequest(`Invalid fully qualified column name ${columnFqn}`);
  const table = requireByName(app.store, 'table', parts.slice(0, 4).join('.'));
  if (!columnFqns(table.entity.columns).has(columnFqn)) throw badRequest(`Invalid fully qualified column name ${columnFqn}`);
}

export function putTableJoins(app: DoubleApp, rawId: string, request: ApiRequest): ApiResponse {
  if (!isUuid(rawId)) throw httpNotFound();
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
  const joins = validateRequest('tableJoins', request.body, app.release);
  const table = requireById(app.store, 'table', rawId.toLowerCase(), 'non-deleted');
  const startDate = stringField(joins, 'startDate');
  // Upstream parses the date without a null check: a TableJoins without startDate fails inside the server.
  if (startDate === undefined) throw new ApiError(500, 'Cannot parse null string: startDate');
  if (!inLast30Days(startDate)) throw badRequest('Date range can only include past 30 days starting today');

  const columnJoins = objectArray(joins, 'columnJoins');
  const directJoins = objectArray(joins, 'directTableJoins');
  const topLevel = new Set(objectArray(table.entity, 'columns').map((c) => stringField(c, 'name')));
  for (const join of columnJoins) {
    const columnName = stringField(join, 'columnName');
    if (columnName === undefined || !topLevel.has(columnName)) throw badRequest(`Invalid column name ${columnName ?? 'null'}`);
    for (const joinedWith of objectArray(join, 'joinedWith')) checkJoinedColumn(app, String(joinedWith.fullyQualifiedName));
  }
  for (const joinedWith of directJoins) {
    const fqn = String(joinedWith.fullyQualifiedName);
    if (!app.store.get('table', fqn)) throw badRequest(`Invalid table name ${fqn}`);
  }

  const record = (joinedWith: JsonObject) => ({ fqn: String(joinedWith.fullyQualifiedName), count: Number(joinedWith.joinCount) });
  for (const join of columnJoins) {
    const columnFqn = addToFqn(table.fqn, String(join.columnName));
    for (const { fqn, count } of objectArray(join, 'joinedWith').map(record)) app.joins.add('column', columnFqn, fqn, startDate, count);
  }
  for (const { fqn, count } of directJoins.map(record)) app.joins.add('table', table.fqn, fqn, startDate, count);
  return json(200, respondEntity(app, kindOf('table'), table, new Set(['joins'])));
}
