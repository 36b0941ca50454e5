// Shared by the test/rest CLI tests: workflow files for the built worker pointed at the OpenMetadata double, and the
// expected entities of a database (not a test file: vitest collects *.test.ts only).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import type { EntityType } from '../support/openmetadata-double/types.js';
import { metadataWorkflow } from '../support/run-metadata.js';
import { ENTITY_TYPE_OF, restWorkflow, type RestRunOptions } from '../support/run-metadata-rest.js';

/** Postgres at a port nobody listens on: a run that reaches Postgres fails there. */
export const CLOSED_PG_URL = 'postgres://postgres@127.0.0.1:1/nowhere';

/** Writes a workflow with the metadata-rest sink (INFO logging unless told) and answers its path. */
export async function writeRestConfig(dir: string, name: string, options: RestRunOptions): Promise<string> {
  const workflow = restWorkflow({ ...options, workflowConfig: { loggerLevel: 'INFO', ...options.workflowConfig } });
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(workflow, null, 2));
  return file;
}

/** Writes a workflow with the file sink writing `output`, otherwise the same as writeRestConfig's. */
export async function writeFileConfig(dir: string, name: string, output: string, options: RestRunOptions): Promise<string> {
  const workflow = metadataWorkflow({ ...options, workflowConfig: { loggerLevel: 'INFO', ...options.workflowConfig } }, output) as Record<
    string,
    any
  >;
  workflow.workflowConfig.openMetadataServerConfig = (restWorkflow(options) as Record<string, any>).workflowConfig.openMetadataServerConfig;
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(workflow, null, 2));
  return file;
}

export async function readJson(file: string): Promise<any> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Asserts the double holds every expected entity exactly once, none deleted, and nothing else. */
export function expectExactly(om: OpenMetadataDouble, expected: Map<EntityType, string[]>): void {
  for (const type of new Set(Object.values(ENTITY_TYPE_OF))) {
    const all = om.entities(type);
    expect(all.map((e) => String(e.fullyQualifiedName)).sort(), type).toEqual(expected.get(type) ?? []);
    expect(
      all.filter((e) => e.deleted !== false),
      type,
    ).toEqual([]);
  }
}

/** Strips what differs between two servers holding the same metadata: ids, hrefs, timestamps. */
export function portable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(portable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !['id', 'href', 'updatedAt', 'entityId'].includes(key))
      .map(([key, child]) => [key, portable(child)]),
  );
}

/** Every entity of a double, made portable, keyed by `type:fqn`. */
export function snapshot(om: OpenMetadataDouble): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of new Set<EntityType>([...Object.values(ENTITY_TYPE_OF), 'ingestionPipeline'])) {
    for (const entity of om.entities(type)) {
      const copy = portable(entity) as Record<string, unknown>;
      // An owner is sent by id, so the request's fingerprint differs between servers; elsewhere it must not.
      const owned = entity.owner !== undefined || (Array.isArray(entity.owners) && entity.owners.length > 0);
      if (owned && typeof copy.sourceHash === 'string') copy.sourceHash = 'md5 of a request naming a server-specific owner id';
      out[`${type}:${entity.fullyQualifiedName}`] = copy;
    }
  }
  return out;
}
