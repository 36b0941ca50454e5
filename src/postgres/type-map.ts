import type { PgType, TypeDictionary } from './pg-type.js';
import { displayOnDefaultPath } from './type-display.js';

/** The type facts of one column in OpenMetadata's terms (table.json's dataType enum). */
export interface MappedType {
  dataType: string;
  arrayDataType?: string;
  dataLength?: number;
  precision?: number;
  scale?: number;
  /** A STRUCT's fields (OpenMetadata refuses a STRUCT column without them), each mapped the same way. */
  children?: MappedField[];
}

export interface MappedField extends MappedType {
  name: string;
  dataTypeDisplay: string;
}

/** Built-in types by pg_type.typname; everything in pg_catalog that has a closer OpenMetadata type than UNKNOWN. */
const BUILTIN: Readonly<Record<string, string>> = {
  int2: 'SMALLINT',
  int4: 'INT',
  int8: 'BIGINT',
  numeric: 'NUMERIC',
  float4: 'FLOAT',
  float8: 'DOUBLE',
  money: 'NUMBER',
  varchar: 'VARCHAR',
  bpchar: 'CHAR',
  char: 'STRING',
  name: 'STRING',
  xid: 'STRING',
  xid8: 'STRING',
  text: 'TEXT',
  bytea: 'BYTEA',
  bool: 'BOOLEAN',
  date: 'DATE',
  time: 'TIME',
  timetz: 'TIME',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMPZ',
  interval: 'INTERVAL',
  uuid: 'UUID',
  json: 'JSON',
  jsonb: 'JSON',
  jsonpath: 'STRING',
  xml: 'XML',
  inet: 'INET',
  cidr: 'CIDR',
  macaddr: 'MACADDR',
  macaddr8: 'MACADDR',
  bit: 'BINARY',
  varbit: 'VARBINARY',
  tsvector: 'TSVECTOR',
  tsquery: 'TSQUERY',
  point: 'POINT',
  polygon: 'POLYGON',
  line: 'GEOMETRY',
  lseg: 'GEOMETRY',
  box: 'GEOMETRY',
  path: 'GEOMETRY',
  circle: 'GEOMETRY',
  tsrange: 'DATETIMERANGE',
  tstzrange: 'DATETIMERANGE',
  daterange: 'DATETIMERANGE',
  pg_lsn: 'PG_LSN',
  pg_snapshot: 'PG_SNAPSHOT',
  txid_snapshot: 'TXID_SNAPSHOT',
};

/** The OpenMetadata type of a built-in type by its pg_type name, or of a well-known extension type. */
export function dataTypeOfTypeName(typeName: string): string | undefined {
  return BUILTIN[typeName] ?? EXTENSION[typeName];
}

/** Well-known extension types, matched by name in any schema. */
const EXTENSION: Readonly<Record<string, string>> = {
  hstore: 'MAP',
  citext: 'TEXT',
  geometry: 'GEOMETRY',
  geography: 'GEOGRAPHY',
};

/**
 * Types nobody above claims fall back by pg_type's category, so a user-defined base type still says what kind of
 * value it holds; only a category with no OpenMetadata counterpart is UNKNOWN.
 */
const BY_CATEGORY: Readonly<Record<string, string>> = {
  B: 'BOOLEAN',
  D: 'DATETIME',
  G: 'GEOMETRY',
  I: 'INET',
  N: 'NUMBER',
  S: 'TEXT',
  T: 'INTERVAL',
  V: 'VARBINARY',
};

/** OpenMetadata rejects these types without a dataLength, so they always carry one. */
const NEEDS_LENGTH = new Set(['CHAR', 'VARCHAR', 'BINARY', 'VARBINARY']);

function scalarType(type: PgType | undefined): string {
  if (!type) return 'UNKNOWN';
  if (type.kind === 'e') return 'ENUM';
  if (type.kind === 'c') return 'STRUCT';
  if (type.schema === 'pg_catalog' && BUILTIN[type.name]) return BUILTIN[type.name];
  if (EXTENSION[type.name]) return EXTENSION[type.name];
  return BY_CATEGORY[type.category] ?? 'UNKNOWN';
}

/** Follows domains (and domains over domains) to the type that stores the value, keeping the innermost typmod. */
function resolveDomain(typeOid: number, typmod: number, types: TypeDictionary): { type: PgType | undefined; typmod: number } {
  let type = types.get(typeOid);
  let mod = typmod;
  for (let depth = 0; type?.kind === 'd' && depth < 32; depth++) {
    if (mod < 0) mod = type.baseTypmod;
    type = types.get(type.baseType);
  }
  return { type, typmod: mod };
}

function lengthFacts(dataType: string, typeName: string, typmod: number): Pick<MappedType, 'dataLength' | 'precision' | 'scale'> {
  if (dataType === 'NUMERIC' && typmod >= 4) {
    const packed = typmod - 4;
    // Since Postgres 15 the scale is an 11-bit signed field and may be negative.
    return { precision: (packed >> 16) & 0xffff, scale: ((packed & 0x7ff) ^ 0x400) - 0x400 };
  }
  if (!NEEDS_LENGTH.has(dataType)) return {};
  if (typeName === 'bit' || typeName === 'varbit') return { dataLength: typmod > 0 ? typmod : 1 };
  // An unbounded varchar has no length; OpenMetadata requires one and its own connector sends 1.
  return { dataLength: typmod >= 4 ? typmod - 4 : 1 };
}

/** Maps a column's type (pg_attribute.atttypid / atttypmod) to OpenMetadata's column type fields. */
export function mapColumnType(typeOid: number, typmod: number, types: TypeDictionary): MappedType {
  const resolved = resolveDomain(typeOid, typmod, types);
  const type = resolved.type;
  if (type && type.category === 'A' && type.element !== 0) {
    const element = resolveDomain(type.element, resolved.typmod, types);
    const elementType = scalarType(element.type);
    return { dataType: 'ARRAY', arrayDataType: elementType, ...lengthFacts(elementType, element.type?.name ?? '', element.typmod) };
  }
  const dataType = scalarType(type);
  const mapped: MappedType = { dataType, ...lengthFacts(dataType, type?.name ?? '', resolved.typmod) };
  if (dataType === 'STRUCT') {
    // A composite cannot contain itself (Postgres refuses), so this recursion ends.
    mapped.children = (type?.attributes ?? []).map((field) => ({
      name: field.name,
      dataTypeDisplay: displayOnDefaultPath(field.display, field.typeOid, types),
      ...mapColumnType(field.typeOid, field.typmod, types),
    }));
  }
  return mapped;
}

/** Whether the column's type is a domain that (itself or a domain it is built on) is declared NOT NULL. */
export function domainIsNotNull(typeOid: number, types: TypeDictionary): boolean {
  let type = types.get(typeOid);
  for (let depth = 0; type?.kind === 'd' && depth < 32; depth++) {
    if (type.notNull) return true;
    type = types.get(type.baseType);
  }
  return false;
}
