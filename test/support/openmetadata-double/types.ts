/** Plain JSON values, as bodies travel over the wire. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** OpenMetadata's entity type names (the `type` of an EntityReference) that the double knows. */
export type EntityType =
  | 'databaseService'
  | 'database'
  | 'databaseSchema'
  | 'table'
  | 'storedProcedure'
  | 'classification'
  | 'tag'
  | 'glossary'
  | 'glossaryTerm'
  | 'ingestionPipeline'
  | 'query'
  | 'user'
  | 'team';

/** An error answered as OpenMetadata does: HTTP status and `{"code": status, "message": ...}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

/** OpenMetadata's `<type> instance for <id or fqn> not found`. */
export function entityNotFound(type: string, key: string): ApiError {
  return new ApiError(404, `${type} instance for ${key} not found`);
}

/** What JAX-RS answers when no resource method matches (or a path/query parameter does not convert). */
export function httpNotFound(): ApiError {
  return new ApiError(404, 'HTTP 404 Not Found');
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function cloneJson<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

/** The string at `obj[key]`, or undefined when absent or not a string. */
export function stringField(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

export function objectField(obj: JsonObject, key: string): JsonObject | undefined {
  const value = obj[key];
  return isJsonObject(value) ? value : undefined;
}

export function arrayField(obj: JsonObject, key: string): JsonValue[] | undefined {
  const value = obj[key];
  return Array.isArray(value) ? value : undefined;
}

export function objectArray(obj: JsonObject, key: string): JsonObject[] {
  return (arrayField(obj, key) ?? []).filter(isJsonObject);
}

/** Deep equality of JSON values, key order ignored. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!jsonEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** Code-unit order, independent of the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
