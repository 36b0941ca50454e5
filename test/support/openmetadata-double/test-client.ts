/** A minimal JSON client for tests that talk to the double (or any OpenMetadata) over fetch. */
import type { JsonValue } from './types.js';

export interface ApiResult {
  status: number;
  /** Parsed JSON body; undefined for an empty body. */
  body: JsonValue | undefined;
  headers: Headers;
}

export interface ApiClient {
  get(path: string): Promise<ApiResult>;
  put(path: string, body: unknown): Promise<ApiResult>;
  post(path: string, body: unknown): Promise<ApiResult>;
  delete(path: string): Promise<ApiResult>;
  /** A JSON Patch (`application/json-patch+json`), as the UI sends a person's edit. */
  patch(path: string, operations: unknown[]): Promise<ApiResult>;
}

/** `path` is relative to `${baseUrl}/v1/`, e.g. `tables/name/svc.db.public.t?fields=tags`. */
export function apiClient(baseUrl: string, token?: string): ApiClient {
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<ApiResult> => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = contentType;
    const response = await fetch(`${baseUrl}/v1/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as JsonValue), headers: response.headers };
  };
  return {
    get: (path) => call('GET', path),
    put: (path, body) => call('PUT', path, body),
    post: (path, body) => call('POST', path, body),
    delete: (path) => call('DELETE', path),
    patch: (path, operations) => call('PATCH', path, operations, 'application/json-patch+json'),
  };
}

/** Percent-encodes an FQN for `/name/{fqn}` paths, as OpenMetadata's Python client does (`quote(fqn, safe='')`). */
export function encodeFqn(fqn: string): string {
  return encodeURIComponent(fqn);
}
