import { assertAcceptedName, buildFqn, encodeReservedSeparators } from '../openmetadata/fqn.js';
import type {
  Column,
  ColumnConstraint,
  CreateTable,
  EntityRef,
  TableConstraint,
  TablePartition,
  TableType,
  TagLabel,
} from '../openmetadata/requests.js';
import type { ColumnRow, ConstraintRow, RelationKind, RelationRow } from '../postgres/catalog-rows.js';
import type { TypeDictionary } from '../postgres/pg-type.js';
import { quoteIdent } from '../postgres/quote.js';
import { displayOnDefaultPath } from '../postgres/type-display.js';
import { domainIsNotNull, mapColumnType, type MappedField, type MappedType } from '../postgres/type-map.js';
import { buildTableDdl } from './table-ddl.js';

export interface TableContext {
  service: string;
  database: string;
  schema: string;
  types: TypeDictionary;
}

export interface TableFacts {
  relation: RelationRow;
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  viewDefinition?: string;
  /** Column defaults for a table's DDL (tables only); without them a table gets no DDL. */
  defaults?: ReadonlyMap<number, string>;
  tags: TagLabel[];
  owner?: EntityRef;
}

const TABLE_TYPES: Readonly<Record<RelationKind, TableType>> = {
  r: 'Regular',
  p: 'Partitioned',
  f: 'Foreign',
  v: 'View',
  m: 'MaterializedView',
};

const TIME_TYPES = new Set(['DATE', 'TIMESTAMP', 'TIMESTAMPZ', 'DATETIME', 'TIME']);
const INTEGER_TYPES = new Set(['SMALLINT', 'INT', 'BIGINT', 'NUMERIC', 'NUMBER']);

/**
 * Whether a single-column key shows as its column's `constraint`: a primary key always does; a unique key does
 * unless its column is the primary key itself (the column can carry only one of the two).
 */
function isColumnLevel(key: ConstraintRow, constraints: ConstraintRow[]): boolean {
  if (key.kind === 'p') return true;
  return !constraints.some((c) => c.kind === 'p' && c.columns.length === 1 && c.columns[0] === key.columns[0]);
}

function columnConstraint(column: ColumnRow, constraints: ConstraintRow[], types: TypeDictionary): ColumnConstraint {
  const single = (kind: 'p' | 'u') => constraints.some((c) => c.kind === kind && c.columns.length === 1 && c.columns[0] === column.name);
  if (single('p')) return 'PRIMARY_KEY';
  if (single('u')) return 'UNIQUE';
  // A NOT NULL domain makes its columns not null as surely as the column's own constraint (OpenMetadata counts it).
  return column.notNull || domainIsNotNull(column.typeOid, types) ? 'NOT_NULL' : 'NULL';
}

function buildColumn(column: ColumnRow, position: number, facts: TableFacts, types: TypeDictionary): Column {
  assertAcceptedName(column.name, 'column');
  const mapped = mapColumnType(column.typeOid, column.typmod, types);
  const out: Column = {
    name: encodeReservedSeparators(column.name),
    dataType: mapped.dataType,
    dataTypeDisplay: displayOnDefaultPath(column.display, column.typeOid, types),
    constraint: columnConstraint(column, facts.constraints, types),
    ordinalPosition: position,
  };
  addTypeFacts(out, mapped);
  if (column.description) out.description = column.description;
  return out;
}

/** The optional type fields a mapped type carries, STRUCT fields as child columns. */
function addTypeFacts(out: Column, mapped: MappedType): void {
  if (mapped.arrayDataType) out.arrayDataType = mapped.arrayDataType;
  if (mapped.dataLength !== undefined) out.dataLength = mapped.dataLength;
  if (mapped.precision !== undefined) out.precision = mapped.precision;
  if (mapped.scale !== undefined) out.scale = mapped.scale;
  if (mapped.children) out.children = mapped.children.map(structField);
}

/** A composite type's field as a child column, in the field order of the type (names as OpenMetadata stores them). */
function structField(field: MappedField): Column {
  assertAcceptedName(field.name, 'field');
  const out: Column = { name: encodeReservedSeparators(field.name), dataType: field.dataType, dataTypeDisplay: field.dataTypeDisplay };
  addTypeFacts(out, field);
  return out;
}

/**
 * Keys over several columns and every foreign key. A single-column primary or unique key is the column's own
 * `constraint`, and only that: OpenMetadata refuses a table that states such a key twice.
 */
function buildConstraints(facts: TableFacts, context: TableContext): TableConstraint[] {
  const out: TableConstraint[] = [];
  for (const constraint of facts.constraints) {
    const columns = constraint.columns.map(encodeReservedSeparators);
    if (constraint.kind === 'c' || constraint.kind === 'x') continue; // OpenMetadata has no such constraintType
    const onColumn = constraint.kind !== 'f' && columns.length === 1 && isColumnLevel(constraint, facts.constraints);
    if (onColumn) continue;
    if (constraint.kind === 'p') out.push({ constraintType: 'PRIMARY_KEY', columns });
    else if (constraint.kind === 'u') out.push({ constraintType: 'UNIQUE', columns });
    else if (constraint.kind === 'f' && constraint.referredSchema !== null && constraint.referredTable !== null) {
      const referredTable = encodeReservedSeparators(constraint.referredTable);
      const referredColumns = constraint.referredColumns.map((name) =>
        buildFqn(context.service, context.database, constraint.referredSchema as string, referredTable, encodeReservedSeparators(name)),
      );
      out.push({ constraintType: 'FOREIGN_KEY', columns, referredColumns });
    }
  }
  return out;
}

function buildPartition(relation: RelationRow, columns: Column[]): TablePartition | undefined {
  if (!relation.partitionStrategy || !relation.partitionColumns) return undefined;
  const keyColumns = relation.partitionColumns.filter((name) => name !== ''); // expression keys have no column
  if (keyColumns.length === 0) return undefined;
  return {
    columns: keyColumns.map((name) => {
      const dataType = columns.find((c) => c.name === encodeReservedSeparators(name))?.dataType ?? '';
      let intervalType: TablePartition['columns'][number]['intervalType'] = 'COLUMN-VALUE';
      if (relation.partitionStrategy === 'r') {
        intervalType = TIME_TYPES.has(dataType) ? 'TIME-UNIT' : INTEGER_TYPES.has(dataType) ? 'INTEGER-RANGE' : 'OTHER';
      }
      return { columnName: encodeReservedSeparators(name), intervalType };
    }),
  };
}

/** Pure: the CreateTable request for one relation, from its catalog rows. */
export function buildCreateTable(facts: TableFacts, context: TableContext, options: { includeDDL: boolean }): CreateTable {
  const { relation } = facts;
  assertAcceptedName(relation.name, 'table');
  const columns = facts.columns.map((column, i) => buildColumn(column, i + 1, facts, context.types));
  const request: CreateTable = {
    name: encodeReservedSeparators(relation.name),
    tableType: TABLE_TYPES[relation.kind],
    columns,
    databaseSchema: buildFqn(context.service, context.database, context.schema),
  };
  if (relation.description) request.description = relation.description;
  const constraints = buildConstraints(facts, context);
  if (constraints.length > 0) request.tableConstraints = constraints;
  const partition = buildPartition(relation, columns);
  if (partition) request.tablePartition = partition;
  if (options.includeDDL && facts.viewDefinition !== undefined) {
    const kind = relation.kind === 'm' ? 'MATERIALIZED VIEW' : 'VIEW';
    request.schemaDefinition = `CREATE ${kind} ${quoteIdent(context.schema)}.${quoteIdent(relation.name)} AS\n${facts.viewDefinition.trim()}`;
  } else if (options.includeDDL && facts.defaults) {
    request.schemaDefinition = buildTableDdl(context.schema, relation, facts.columns, facts.constraints, facts.defaults);
  }
  if (facts.owner) request.owner = facts.owner;
  if (facts.tags.length > 0) request.tags = facts.tags;
  return request;
}
