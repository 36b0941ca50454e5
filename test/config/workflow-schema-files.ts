// Shared by the workflow schema tests: where our schemas, the workflow fixtures and OpenMetadata's reference schemas
// live, how to read them, and an Ajv loaded with our schemas the way the worker loads them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type AnySchema, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const schemaDir = join(repoRoot, 'schemas');
const fixtureDir = join(repoRoot, 'test', 'fixtures', 'workflows');
/** OpenMetadata 1.4's own schemas; reference data, only present in the full checkout. */
export const omSpecDir = resolve(repoRoot, '..', 'shared', 'reference', 'openmetadata-spec');
export const ID_BASE = 'https://omgen.dev/schemas/';
export const WORKFLOW_ID = `${ID_BASE}workflow.json`;

export const schemaFiles = readdirSync(schemaDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
export const fixtureFiles = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** `T` is the caller's view of the document: nothing is checked, tests probe it freely. */
export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** `T` is the caller's view of the document: nothing is checked, tests probe it freely. */
export function readFixture<T>(name: string): T {
  return load(readFileSync(join(fixtureDir, name), 'utf8')) as T;
}

export function makeAjv(): Ajv {
  const ajv = new Ajv({ strict: false, useDefaults: true, allErrors: true, discriminator: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'omgenIgnored', schemaType: 'string' });
  for (const file of schemaFiles) ajv.addSchema(readJson<AnySchema>(join(schemaDir, file)));
  return ajv;
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}
