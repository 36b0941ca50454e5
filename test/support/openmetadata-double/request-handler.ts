/**
 * One HTTP exchange: read the body, wait the configured latency, apply injected faults (429/503 before anything
 * else), check the token, route, and write the answer — or cut it mid-body when the response is to be dropped.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiRequest, ApiResponse } from './api-types.js';
import type { DoubleApp } from './app.js';
import { authorize, type AuthSettings } from './auth.js';
import type { FaultInjector } from './faults.js';
import type { FaultKind } from './request-log.js';
import { route } from './router.js';
import type { JsonValue } from './types.js';

export interface HandlerDeps {
  app: DoubleApp;
  faults: FaultInjector;
  auth: AuthSettings;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Waits `ms`, or less when the connection closes first (a vanished client or server ends the wait). */
function delay(ms: number, socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once('close', done);
  });
}

function error(status: number, message: string, headers?: Record<string, string>): ApiResponse {
  return { status, body: { code: status, message }, headers };
}

function encode(response: ApiResponse): { headers: Record<string, string>; payload: Buffer } {
  const payload = response.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(response.body), 'utf8');
  const headers: Record<string, string> = { ...response.headers };
  if (response.body !== undefined) headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = String(payload.length);
  return { headers, payload };
}

function send(res: ServerResponse, response: ApiResponse): void {
  const { headers, payload } = encode(response);
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Writes the status line, headers and part of the body, then destroys the connection. */
function sendCut(res: ServerResponse, response: ApiResponse): void {
  const { headers, payload } = encode(response);
  res.writeHead(response.status, headers);
  const part = payload.subarray(0, Math.floor(payload.length / 2));
  res.write(part, () => res.socket?.destroy());
  if (part.length === 0) res.socket?.destroy();
}

function mediaType(req: IncomingMessage): string | undefined {
  const header = req.headers['content-type'];
  return header?.split(';')[0].trim().toLowerCase();
}

function parseBody(raw: Buffer): { body: unknown; invalid: boolean } {
  if (raw.length === 0) return { body: undefined, invalid: false };
  try {
    return { body: JSON.parse(raw.toString('utf8')) as unknown, invalid: false };
  } catch {
    return { body: undefined, invalid: true };
  }
}

export function createRequestListener(deps: HandlerDeps): RequestListener {
  const { app, faults, auth } = deps;
  return (req, res) => {
    void (async () => {
      const at = Date.now();
      app.log.begin();
      const method = req.method ?? 'GET';
      const url = new URL(`http://double.invalid${req.url ?? '/'}`);
      const raw = await readBody(req).catch(() => undefined);
      const { body, invalid } = raw ? parseBody(raw) : { body: undefined, invalid: false };
      const log = (status: number, fault?: FaultKind) =>
        app.log.record({
          method,
          path: url.pathname,
          query: url.search,
          status,
          fault,
          body: app.settings.recordBodies ? (body as JsonValue | undefined) : undefined,
          at,
          durationMs: Date.now() - at,
        });
      if (raw === undefined) return log(0, 'aborted');
      if (faults.latencyMs > 0) await delay(faults.latencyMs, req.socket);
      if (req.socket.destroyed) return log(0, 'aborted');

      const decision = faults.decide();
      if (decision.kind === 'rateLimit') {
        send(res, error(429, 'Too Many Requests', { 'Retry-After': String(decision.retryAfterSeconds) }));
        return log(429, 'rateLimit');
      }
      if (decision.kind === 'fail') {
        send(res, error(503, 'Service Unavailable'));
        return log(503, 'fail');
      }

      if (faults.echoBodies && raw.length > 0) {
        const source = raw.toString('utf8');
        send(
          res,
          error(400, `Unrecognized field "omgen" (class Create), not marked as ignorable at [Source: (String)"${source}"; line: 1, column: 2]`),
        );
        return log(400, 'echo');
      }

      let response: ApiResponse;
      const denied = authorize(auth, method, url.pathname, req.headers.authorization);
      if (denied) response = error(denied.status, denied.message);
      else if (invalid) response = error(400, 'Unable to process JSON');
      else if (decision.kind === 'drop' && !decision.appliesChange) response = error(200, 'this response is cut before it ends');
      else {
        const request: ApiRequest = { method, path: url.pathname, query: url.searchParams, contentType: mediaType(req), body };
        response = route(app, request);
      }

      if (decision.kind === 'drop') {
        sendCut(res, response);
        return log(response.status, 'drop');
      }
      send(res, response);
      return log(response.status);
    })().catch((failure: unknown) => {
      // A bug in the double, not a fault to inject: answer 500 rather than leave the client hanging.
      if (!res.headersSent && !res.destroyed) send(res, error(500, failure instanceof Error ? failure.message : String(failure)));
      app.log.record({ method: req.method ?? 'GET', path: req.url ?? '', query: '', status: 500, at: Date.now(), durationMs: 0 });
    });
  };
}
