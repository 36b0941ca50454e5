// Runs the metadata workflow in-process with the metadata-rest sink against the OpenMetadata double (sibling of
// run-metadata.ts, which runs it to a file). Also: comparing what the double stores with what the file sink writes.
import { loadWorkflowText, type LoadedWorkflow } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunOptions, type RunResult } from '../../src/workflow/run-workflow.js';
import type { OpenMetadataDouble } from './openmetadata-double/index.js';
import type { EntityType } from './openmetadata-double/types.js';
import { metadataWorkflow, type MetadataRunOptions, type OutputLine } from './run-metadata.js';

export const TEST_TOKEN = 'test-token-0123456789';

export interface RestRunOptions extends MetadataRunOptions {
  double: OpenMetadataDouble;
  token?: string;
  /** Merged into workflowConfig.openMetadataServerConfig. */
  server?: Record<string, unknown>;
  /** Merged into the top level (ingestionPipelineFQN, pipelineRunId). */
  top?: Record<string, unknown>;
  /** Merged into sink.config. */
  sinkConfig?: Record<string, unknown>;
  /** Replaces the source (push's file replay). */
  source?: RunOptions['source'];
  /** Receives the log lines (default: dropped). */
  logLines?: string[];
}

export function restWorkflow(options: RestRunOptions): Record<string, unknown> {
  const workflow = metadataWorkflow(options, 'unused.ndjson') as Record<string, any>;
  workflow.sink = { type: 'metadata-rest', config: { ...options.sinkConfig } };
  workflow.workflowConfig.openMetadataServerConfig = {
    hostPort: options.double.baseUrl,
    authProvider: 'openmetadata',
    securityConfig: { jwtToken: options.token ?? TEST_TOKEN },
    ...options.server,
  };
  return { ...workflow, ...options.top };
}

export function loadRestWorkflow(options: RestRunOptions): LoadedWorkflow {
  return loadWorkflowText(JSON.stringify(restWorkflow(options), null, 2), 'wf.yaml', {});
}

export async function runMetadataRest(options: RestRunOptions): Promise<RunResult> {
  const lines = options.logLines;
  const log = createLogger(lines ? 'DEBUG' : 'ERROR', lines ? (line) => void lines.push(line) : () => undefined);
  return runWorkflow(loadRestWorkflow(options), { log, source: options.source });
}

/** Record type of a file line → the double's entity type. */
export const ENTITY_TYPE_OF: Record<string, EntityType> = {
  createDatabaseService: 'databaseService',
  createDatabase: 'database',
  createDatabaseSchema: 'databaseSchema',
  createTable: 'table',
  createStoredProcedure: 'storedProcedure',
  createClassification: 'classification',
  createTag: 'tag',
};

/** The FQN the server gives a create request's entity (the parent's FQN plus the quoted name). */
export function fqnOfRequest(type: string, data: Record<string, any>): string {
  const q = (name: string) => (name.includes('.') ? `"${name}"` : name);
  const parent = data.service ?? data.database ?? data.databaseSchema ?? (type === 'createTag' ? q(data.classification) : undefined);
  return parent === undefined ? q(data.name) : `${parent}.${q(data.name)}`;
}

/** FQNs of the non-deleted entities of a type in the double. */
export function storedFqns(double: OpenMetadataDouble, type: EntityType): string[] {
  return double
    .entities(type, { include: 'non-deleted' })
    .map((e) => String(e.fullyQualifiedName))
    .sort();
}

/** Every FQN a file's records would create, by entity type. */
export function expectedFqns(records: OutputLine[]): Map<EntityType, string[]> {
  const out = new Map<EntityType, string[]>();
  for (const r of records) {
    const type = ENTITY_TYPE_OF[r.type];
    if (!type) continue;
    out.set(type, [...(out.get(type) ?? []), fqnOfRequest(r.type, r.data)]);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/**
 * The stored entity cut down to the shape of `request` (its keys, its array lengths), a parent reference standing
 * where the request has the parent's FQN string: so `expect(shaped(stored, body)).toEqual(body)` holds exactly when
 * the server kept every field as sent, whatever fields it added.
 */
export function shapedLike(stored: unknown, request: unknown): unknown {
  if (Array.isArray(request)) {
    if (!Array.isArray(stored) || stored.length !== request.length) return stored;
    return request.map((item, i) => shapedLike(stored[i], item));
  }
  if (request !== null && typeof request === 'object') {
    if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return stored;
    const source = stored as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(request)
        .filter((k) => k in source)
        .map((k) => [k, shapedLike(source[k], (request as Record<string, unknown>)[k])]),
    );
  }
  if (typeof request === 'string' && stored !== null && typeof stored === 'object' && 'fullyQualifiedName' in stored) {
    return (stored as { fullyQualifiedName: unknown }).fullyQualifiedName;
  }
  return stored;
}

export function withoutOwnerAndConnection(request: Record<string, any>): Record<string, unknown> {
  const { owner: _owner, connection: _connection, ...rest } = request;
  return rest;
}

/** Versions of every stored entity of the given types, by `type:fqn`. */
export function versions(double: OpenMetadataDouble, types: EntityType[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const type of types) for (const e of double.entities(type)) out.set(`${type}:${e.fullyQualifiedName}`, e.version);
  return out;
}
