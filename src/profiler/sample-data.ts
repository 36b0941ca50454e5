import { quoteIdent } from '../postgres/quote.js';

/** A table's sample rows as OpenMetadata's TableData holds them. */
export interface SampleData {
  columns: string[];
  rows: unknown[][];
}

/** Longer text values are cut (a sample is for looking at, and a huge value would swell every request). */
export const MAX_CELL_CHARS = 10_000;

type ReadAs = 'native' | 'text' | 'json' | 'integerText' | 'numericText' | 'float' | 'bytes';

/** How a column is read for the sample: in a form that converts to JSON without losing a digit or a time zone. */
export function readAsFor(dataType: string): ReadAs {
  switch (dataType) {
    case 'BOOLEAN':
    case 'SMALLINT':
    case 'INT':
      return 'native';
    case 'BIGINT':
      return 'integerText';
    case 'NUMERIC':
    case 'NUMBER':
    case 'DECIMAL':
      return 'numericText';
    case 'FLOAT':
    case 'DOUBLE':
      return 'float';
    case 'BYTEA':
      return 'bytes';
    case 'DATE':
    case 'TIME':
    case 'TIMESTAMP':
    case 'TIMESTAMPZ':
    case 'DATETIME':
    case 'JSON':
    case 'ARRAY':
    case 'STRUCT':
    case 'MAP':
      // to_json writes dates and times in ISO 8601, and arrays, composites and JSON as JSON.
      return 'json';
    default:
      return 'text';
  }
}

/** The select-list expression that reads a column as `readAsFor` says. */
export function readExpression(column: string, readAs: ReadAs): string {
  const ref = quoteIdent(column);
  switch (readAs) {
    case 'native':
    case 'float':
    case 'bytes':
      return ref;
    case 'json':
      return `to_json(${ref})`;
    case 'integerText':
    case 'text':
      return `${ref}::text`;
    case 'numericText':
      return `${ref}::numeric::text`;
  }
}

const clip = (text: string): string => (text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text);

/** Digits JSON carries exactly as a number stay one; beyond (big integers, long decimals) they stay text, every digit. */
function exactNumber(text: string): number | string {
  const value = Number(text);
  if (!Number.isFinite(value)) return text === 'NaN' ? 'nan' : text;
  if (/^-?\d+$/.test(text)) return Number.isSafeInteger(value) ? value : text;
  return String(value) === text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') ? value : text;
}

/** Bytes as text when they are printable UTF-8, else as hex (what OpenMetadata's sampler sends). */
function bytesValue(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // eslint-disable-next-line no-control-regex
  const printable = !text.includes('\uFFFD') && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text);
  return clip(printable ? text : bytes.toString('hex'));
}

/** One fetched value as JSON: NaN and ±Infinity as OpenMetadata writes them in text ("nan", "inf", "-inf"). */
export function sampleValue(value: unknown, readAs: ReadAs): unknown {
  if (value === null || value === undefined) return null;
  switch (readAs) {
    case 'float': {
      const n = Number(value);
      if (Number.isFinite(n)) return n;
      return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
    }
    case 'integerText':
    case 'numericText':
      return exactNumber(String(value));
    case 'bytes':
      return Buffer.isBuffer(value) ? bytesValue(value) : clip(String(value));
    case 'json':
      return clipJson(value);
    case 'native':
      return value;
    case 'text':
      return clip(String(value));
  }
}

function clipJson(value: unknown): unknown {
  if (typeof value === 'string') return clip(value);
  if (Array.isArray(value)) return value.map(clipJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clipJson(v)]));
  return value;
}
