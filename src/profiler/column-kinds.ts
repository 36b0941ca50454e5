/**
 * How OpenMetadata's profiler treats a column, by the dataType the metadata workflow gave it: numbers get the
 * statistics, strings get them over their lengths, dates and times get their bounds, and every other type that has
 * an equality gets counts. Types without one (arrays, JSON, XML, geometry, ranges, ...) only get their nulls and
 * values counted, as recent OpenMetadata releases do.
 */
export type ColumnKind = 'quantifiable' | 'concatenable' | 'datetime' | 'countable' | 'countOnly';

const QUANTIFIABLE = new Set(['SMALLINT', 'INT', 'BIGINT', 'TINYINT', 'NUMERIC', 'NUMBER', 'DECIMAL', 'FLOAT', 'DOUBLE', 'LONG']);
const CONCATENABLE = new Set(['VARCHAR', 'CHAR', 'STRING', 'TEXT', 'ENUM']);
const DATETIME = new Set(['DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMPZ', 'DATETIME']);
const COUNTABLE = new Set(['BOOLEAN', 'UUID', 'BYTEA', 'INTERVAL', 'INET', 'CIDR', 'MACADDR', 'BINARY', 'VARBINARY', 'PG_LSN']);

export function columnKind(dataType: string): ColumnKind {
  if (QUANTIFIABLE.has(dataType)) return 'quantifiable';
  if (CONCATENABLE.has(dataType)) return 'concatenable';
  if (DATETIME.has(dataType)) return 'datetime';
  if (COUNTABLE.has(dataType)) return 'countable';
  return 'countOnly';
}
