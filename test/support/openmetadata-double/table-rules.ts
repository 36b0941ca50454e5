/**
 * The checks OpenMetadata's server makes on a table beyond its JSON Schema (DatabaseUtil in 1.4: validateConstraints,
 * validateTablePartition, validateColumns) and the column normalisation it applies before storing. Messages are
 * OpenMetadata's, with the offending column added in parentheses where upstream leaves it out.
 */
import { addToFqn } from './fqn.js';
import { badRequest, objectArray, objectField, stringField, type JsonObject, type JsonValue } from './types.js';

const LENGTH_REQUIRED = new Set(['CHAR', 'VARCHAR', 'BINARY', 'VARBINARY']);

function columnNames(columns: JsonObject[]): string[] {
  return columns.map((c) => stringField(c, 'name') ?? '');
}

function validateSinglePrimaryColumn(columns: JsonObject[]): boolean {
  const count = columns.filter((c) => c.constraint === 'PRIMARY_KEY').length;
  if (count > 1) throw badRequest('Multiple columns tagged with primary key constraints');
  return count === 1;
}

function validateConstraints(columns: JsonObject[], constraints: JsonObject[] | undefined): void {
  const primaryColumnExists = validateSinglePrimaryColumn(columns);
  if (!constraints) return;
  const names = columnNames(columns);
  for (const constraint of constraints) {
    if (constraint.constraintType === 'PRIMARY_KEY' && primaryColumnExists) {
      throw badRequest('A column already tagged as a primary key and table constraint also includes primary key');
    }
    for (const name of (constraint.columns as JsonValue[] | undefined) ?? []) {
      if (typeof name !== 'string' || !names.includes(name)) {
        throw badRequest(`Invalid column name found in table constraint (${JSON.stringify(name)})`);
      }
    }
  }
}

function validateTablePartition(columns: JsonObject[], partition: JsonObject | undefined): void {
  const details = partition ? objectArray(partition, 'columns') : [];
  const names = columnNames(columns);
  for (const detail of details) {
    const columnName = stringField(detail, 'columnName') ?? '';
    if (!names.includes(columnName)) throw badRequest(`Invalid column name found in table partition (${JSON.stringify(columnName)})`);
  }
}

function validateColumnNames(columns: JsonObject[]): void {
  const seen = new Set<string>();
  for (const name of columnNames(columns)) {
    if (seen.has(name)) throw badRequest(`Column name ${name} is repeated`);
    seen.add(name);
  }
}

function validateColumn(column: JsonObject): void {
  const dataType = column.dataType;
  const name = stringField(column, 'name') ?? '';
  if (typeof dataType === 'string' && LENGTH_REQUIRED.has(dataType) && column.dataLength === undefined) {
    throw badRequest(`For column data types char, varchar, binary, varbinary dataLength must not be null (column ${name})`);
  }
  if (dataType === 'ARRAY' && column.arrayDataType === undefined) {
    throw badRequest(`For column data type array, arrayDataType must not be null (column ${name})`);
  }
  if (dataType === 'STRUCT') {
    if (column.children === undefined) throw badRequest(`For column data type struct, children must not be null (column ${name})`);
    validateColumnNames(objectArray(column, 'children'));
  }
  const { precision, scale } = column;
  if (typeof scale === 'number') {
    if (typeof precision !== 'number') throw badRequest(`Scale is set but precision is not set for the column ${name}`);
    if (scale > precision) throw badRequest(`Scale can't be greater than the precision for the column ${name}`);
  }
}

/** Throws the 400 the server answers for a table whose columns, constraints or partition do not fit together. */
export function validateTable(request: JsonObject): void {
  const columns = objectArray(request, 'columns');
  validateConstraints(columns, request.tableConstraints === undefined ? undefined : objectArray(request, 'tableConstraints'));
  validateTablePartition(columns, objectField(request, 'tablePartition'));
  validateColumnNames(columns);
  columns.forEach(validateColumn);
}

/**
 * What the server stores for each column: a fullyQualifiedName under its parent, dataTypeDisplay lower-cased (or the
 * lower-cased dataType when absent), and no arrayDataType unless the column is an ARRAY. Only top-level columns get the
 * display/array normalisation, as in OpenMetadata 1.4; every level gets its FQN.
 */
export function normaliseColumns(columns: JsonObject[], parentFqn: string, topLevel = true): JsonObject[] {
  return columns.map((source) => {
    const column: JsonObject = { ...source };
    const name = stringField(column, 'name') ?? '';
    column.fullyQualifiedName = addToFqn(parentFqn, name);
    if (topLevel) {
      const display = stringField(column, 'dataTypeDisplay') ?? String(column.dataType);
      column.dataTypeDisplay = display.toLowerCase();
      if (column.arrayDataType !== undefined && column.dataType !== 'ARRAY') delete column.arrayDataType;
    }
    if (Array.isArray(column.children)) column.children = normaliseColumns(objectArray(column, 'children'), column.fullyQualifiedName, false);
    return column;
  });
}
