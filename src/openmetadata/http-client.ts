import http from 'node:http';
import https from 'node:https';
import type { Logger } from '../util/logger.js';
import { sleep } from '../util/sleep.js';
import { OpenMetadataApiError, OpenMetadataUnavailableError } from './api-errors.js';
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryableStatus, retryAfterMs, type RetryPolicy } from './retry-policy.js';

export interface HttpClientOptions {
  /** hostPort plus the API version, e.g. `http://localhost:8585/api/v1`. */
  baseUrl: string;
  token?: string;
  extraHeaders?: Record<string, string>;
  /** PEM CA bundle to trust (verifySSL: validate). */
  ca?: string;
  /** False for verifySSL: ignore. */
  rejectUnauthorized?: boolean;
  /** Upper bound of parallel connections: the sink's concurrency. */
  maxSockets?: number;
  /** Per-attempt timeout, connection included. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  log?: Logger;
}

export interface HttpResponse<T> {
  status: number;
  body: T;
}

/** A response that ends early or never comes: the request may be tried again. */
class TransportError extends Error {}

/** Failures no retry can fix: TLS verification (Node's and OpenSSL's codes) and a host name that does not exist. */
const PERMANENT_TRANSPORT_ERRORS =
  /^(ENOTFOUND|ERR_TLS_CERT_ALTNAME_INVALID|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_\w+|ERR_SSL_\w+|EPROTO)$/;

/** Statuses that mean the server as a whole is not serving, as opposed to one request being wrong. */
const SERVER_DOWN = new Set([429, 502, 503, 504]);

/**
 * The one HTTP client of the worker: keep-alive connections, a bounded pool, retries with exponential backoff and
 * jitter on network errors, 429 (honouring Retry-After) and 5xx. A 4xx is the caller's to handle; 401 and 403 end
 * the run, since nothing else will succeed either.
 */
export class OpenMetadataHttp {
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly headers: Record<string, string>;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: HttpClientOptions) {
    this.base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8, maxFreeSockets: options.maxSockets ?? 8 };
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({ ...agentOptions, ca: options.ca, rejectUnauthorized: options.rejectUnauthorized ?? true })
        : new http.Agent(agentOptions);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    for (const [name, value] of Object.entries(options.extraHeaders ?? {})) {
      // OpenMetadata lets extra headers quote existing ones: `%(Authorization)s`.
      headers[name] = value.replace(/%\(([^)]+)\)s/g, (_m, ref: string) => headers[ref] ?? '');
    }
    this.headers = headers;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
  }

  get serverUrl(): string {
    return this.base.href;
  }

  /**
   * Sends a request, retrying what can be retried. Resolves with 2xx answers and, when `allowNotFound`, with 404;
   * throws OpenMetadataApiError for other 4xx and OpenMetadataUnavailableError when the server cannot be used.
   */
  async request<T>(method: string, path: string, body?: unknown, allowNotFound = false, contentType = 'application/json'): Promise<HttpResponse<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      let retryAfter: number | undefined;
      try {
        const started = Date.now();
        const response = await this.once(method, path, payload, contentType);
        // Method, path and status only: bodies may hold a service's password.
        this.options.log?.debug(`${method} ${path} → ${response.status} (${Date.now() - started} ms)`);
        if (response.status >= 200 && response.status < 300) return { status: response.status, body: parse<T>(response.text) };
        if (response.status === 404 && allowNotFound) return { status: 404, body: parse<T>(response.text) };
        if (response.status === 401)
          throw new OpenMetadataUnavailableError(`OpenMetadata at ${this.base.origin} rejected the token (401): it is missing, invalid or expired`);
        if (response.status === 403)
          throw new OpenMetadataUnavailableError(
            `OpenMetadata at ${this.base.origin} refused ${method} ${path} (403): the token's bot has no permission`,
          );
        if (!isRetryableStatus(response.status)) throw new OpenMetadataApiError(response.status, serverMessage(response.text), method, path);
        lastProblem = `${response.status} ${serverMessage(response.text)}`;
        retryAfter = retryAfterMs(response.retryAfter);
        if (attempt === this.retry.attempts && !SERVER_DOWN.has(response.status)) {
          throw new OpenMetadataApiError(response.status, serverMessage(response.text), method, path);
        }
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        lastProblem = error.message;
      }
      if (attempt < this.retry.attempts) {
        const wait = backoffMs(this.retry, attempt, retryAfter);
        this.options.log?.debug(`${method} ${path}: ${lastProblem}; retrying in ${Math.round(wait)} ms`);
        // Timers may fire a millisecond early (libuv's clock is coarse): never retry before a Retry-After is over.
        const until = Date.now() + wait;
        for (let left = wait; left > 0; left = until - Date.now()) await sleep(left);
      }
    }
    throw new OpenMetadataUnavailableError(
      `cannot reach OpenMetadata at ${this.base.origin}: ${lastProblem} (after ${this.retry.attempts} attempts)`,
    );
  }

  private once(
    method: string,
    path: string,
    payload: string | undefined,
    contentType: string,
  ): Promise<{ status: number; text: string; retryAfter?: string }> {
    const url = new URL(path.replace(/^\/+/, ''), this.base);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const sized = payload === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(payload)) };
      const headers = { ...this.headers, ...sized };
      const req = transport.request(url, { method, headers, agent: this.agent, timeout: this.options.timeoutMs ?? 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('aborted', () => reject(new TransportError('connection closed mid-response')));
        res.on('error', (error) => reject(new TransportError(error.message)));
        res.on('end', () => {
          if (!res.complete) return reject(new TransportError('connection closed mid-response'));
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          });
        });
      });
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code && PERMANENT_TRANSPORT_ERRORS.test(error.code)) {
          // A certificate or name problem does not go away by waiting: say so now instead of after every retry.
          reject(new OpenMetadataUnavailableError(`cannot reach OpenMetadata at ${this.base.origin}: ${error.message}`));
        } else reject(new TransportError(error.code === 'ECONNREFUSED' ? 'connection refused' : error.message));
      });
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function parse<T>(text: string): T {
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}

function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: the raw text says it
  }
  return text.slice(0, 300);
}
