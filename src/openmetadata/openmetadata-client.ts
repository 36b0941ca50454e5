import { existsSync, readFileSync, statSync } from 'node:fs';
import type { OpenMetadataServerConfig } from '../config/types.js';
import type { Logger } from '../util/logger.js';
import { registerSecret } from '../util/redact.js';
import { OpenMetadataUnavailableError } from './api-errors.js';
import { OpenMetadataHttp } from './http-client.js';
import { incompatibility, parseServerVersion, type ServerVersion } from './server-version.js';

/** The fields of a stored entity the worker reads back. */
export interface StoredEntity {
  id: string;
  name: string;
  fullyQualifiedName: string;
  version?: number;
  deleted?: boolean;
  [key: string]: unknown;
}

export interface JsonPatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

interface Page {
  data: StoredEntity[];
  paging?: { after?: string; total?: number };
}

export interface ClientOptions {
  log: Logger;
  concurrency: number;
  /** Per-request timeout, connecting included (default 60 s). */
  timeoutMs?: number;
}

/** OpenMetadata reads the token from a file when jwtToken names one. */
function resolveToken(config: OpenMetadataServerConfig): string | undefined {
  const token = config.securityConfig?.jwtToken;
  if (!token || config.authProvider === 'no-auth') return undefined;
  return existsSync(token) && statSync(token).isFile() ? readFileSync(token, 'utf8').trim() : token;
}

const encode = (fqn: string): string => encodeURIComponent(fqn);

/** OpenMetadata's REST API as the sinks use it: create-or-update, lookups by name, paged lists, soft deletes. */
export class OpenMetadataClient {
  private constructor(
    readonly http: OpenMetadataHttp,
    readonly version: ServerVersion,
  ) {}

  /** Connects, checks the token and the server's version; throws OpenMetadataUnavailableError (exit 3) if unusable. */
  static async connect(config: OpenMetadataServerConfig, options: ClientOptions): Promise<OpenMetadataClient> {
    const token = resolveToken(config);
    registerSecret(token);
    const verify = config.verifySSL ?? 'no-ssl';
    const http = new OpenMetadataHttp({
      baseUrl: `${config.hostPort.replace(/\/+$/, '')}/${config.apiVersion ?? 'v1'}`,
      token,
      extraHeaders: config.extraHeaders,
      ca: verify === 'validate' ? readCa(config.sslConfig?.caCertificate) : undefined,
      rejectUnauthorized: verify !== 'ignore',
      maxSockets: options.concurrency,
      timeoutMs: options.timeoutMs,
      log: options.log,
    });
    const response = await http.request<{ version?: string }>('GET', 'system/version');
    const version = parseServerVersion(String(response.body?.version ?? ''));
    if (!version)
      throw new OpenMetadataUnavailableError(`OpenMetadata at ${config.hostPort} did not report a version: is hostPort the server's /api URL?`);
    if (config.enableVersionValidation !== false) {
      const problem = incompatibility(version);
      if (problem) throw new OpenMetadataUnavailableError(`OpenMetadata at ${config.hostPort}: ${problem}`);
    }
    // The version endpoint needs no token on every release; a read that does proves the token before any work.
    await http.request('GET', 'services/databaseServices?limit=1');
    return new OpenMetadataClient(http, version);
  }

  async put(collection: string, body: unknown): Promise<StoredEntity> {
    return (await this.http.request<StoredEntity>('PUT', collection, body)).body;
  }

  /** A JSON Patch (RFC 6902) of the entity with this id: what a bot may change that a PUT of its may not. */
  async patch(collection: string, id: string, operations: JsonPatchOperation[]): Promise<StoredEntity> {
    const path = `${collection}/${encodeURIComponent(id)}`;
    return (await this.http.request<StoredEntity>('PATCH', path, operations, false, 'application/json-patch+json')).body;
  }

  async getByName(collection: string, fqn: string, fields?: string): Promise<StoredEntity | undefined> {
    const query = fields ? `?fields=${encodeURIComponent(fields)}` : '';
    const response = await this.http.request<StoredEntity>('GET', `${collection}/name/${encode(fqn)}${query}`, undefined, true);
    return response.status === 404 ? undefined : response.body;
  }

  /** Every entity of a collection under one parent, page by page. */
  async *list(collection: string, filter: Record<string, string>, pageSize = 100): AsyncGenerator<StoredEntity> {
    let after: string | undefined;
    do {
      const params = new URLSearchParams({ ...filter, limit: String(pageSize) });
      if (after) params.set('after', after);
      const page = (await this.http.request<Page>('GET', `${collection}?${params}`)).body;
      yield* page.data;
      after = page.paging?.after;
    } while (after);
  }

  async softDelete(collection: string, id: string): Promise<void> {
    await this.http.request('DELETE', `${collection}/${encodeURIComponent(id)}?hardDelete=false&recursive=true`, undefined, true);
  }

  close(): void {
    this.http.close();
  }
}

function readCa(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}
