import { dataTypeOfTypeName } from '../postgres/type-map.js';
import type { MappedType } from '../postgres/type-map.js';

/** format_type's SQL-standard spellings, as dbt-postgres's catalog reports them, to pg_type names. */
const STANDARD_NAMES: Readonly<Record<string, string>> = {
  integer: 'int4',
  int: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  real: 'float4',
  'double precision': 'float8',
  boolean: 'bool',
  character: 'bpchar',
  'character varying': 'varchar',
  'bit varying': 'varbit',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  decimal: 'numeric',
};

const TYPE_TEXT = /^(.*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?\))?\s*((?:\[\d*\])*)$/;

function scalarOf(name: string, first?: string, second?: string): MappedType {
  const bare = name.replace(/^"|"$/g, '').toLowerCase();
  // A qualified name (`public.mood`) is a user's type: only a known extension type says more than UNKNOWN.
  const unqualified = bare.includes('.') ? bare.slice(bare.lastIndexOf('.') + 1) : bare;
  const dataType = dataTypeOfTypeName(STANDARD_NAMES[bare] ?? bare) ?? dataTypeOfTypeName(unqualified) ?? 'UNKNOWN';
  if (dataType === 'NUMERIC' && first !== undefined) return { dataType, precision: Number(first), scale: Number(second ?? 0) };
  if (dataType === 'CHAR' || dataType === 'VARCHAR' || dataType === 'BINARY' || dataType === 'VARBINARY') {
    // OpenMetadata refuses these without a length; an unbounded varchar gets 1, as its own connector sends.
    return { dataType, dataLength: first !== undefined ? Number(first) : 1 };
  }
  return { dataType };
}

/**
 * A column type as catalog.json spells it (`character varying(40)`, `numeric(10,2)`, `integer[]`), in OpenMetadata's
 * terms. Catalogs of other adapters use their own spellings; what is not a Postgres type is UNKNOWN, never an error.
 */
export function mapCatalogType(typeText: string): MappedType {
  const match = TYPE_TEXT.exec(typeText.trim());
  if (!match) return { dataType: 'UNKNOWN' };
  const [, name = '', first, second, arrayMarks = ''] = match;
  const scalar = scalarOf(name, first, second);
  if (arrayMarks === '' && name.toUpperCase() !== 'ARRAY') return scalar;
  if (name.toUpperCase() === 'ARRAY') return { dataType: 'ARRAY', arrayDataType: 'UNKNOWN' };
  return { dataType: 'ARRAY', arrayDataType: scalar.dataType, ...(scalar.dataLength !== undefined ? { dataLength: scalar.dataLength } : {}) };
}
