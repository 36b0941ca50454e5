/** A request as the router sees it (body already parsed) and the answer it gives. */
import type { JsonValue } from './types.js';

export interface ApiRequest {
  method: string;
  /** Percent-encoded path, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Media type of the body without parameters (`application/json`), if a Content-Type was sent. */
  contentType?: string;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
}

export interface ApiResponse {
  status: number;
  /** JSON body; absent for 204. */
  body?: JsonValue;
  headers?: Record<string, string>;
}

export function json(status: number, body: JsonValue): ApiResponse {
  return { status, body };
}
