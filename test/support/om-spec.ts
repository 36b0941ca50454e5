// OpenMetadata's own 1.4 JSON Schemas (shared/reference/openmetadata-spec), to check request bodies against. On a
// checkout without ../shared, the OpenMetadata double's own schemas (written from those) stand in for them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { schemaFolder, validateRequest, type RequestSchema } from './openmetadata-double/schema-validator.js';

const SPEC_DIR = resolve(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'reference', 'openmetadata-spec');
const BASE = 'https://open-metadata.org/schema/';

/** Whether OpenMetadata's own schemas are beside this checkout (they are not in CI's fresh clone necessarily). */
export const OPENMETADATA_SPEC_PRESENT = existsSync(SPEC_DIR);

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

let ajv: Ajv | undefined;

function load(): Ajv {
  if (ajv) return ajv;
  // Java regexes: `(?U)` (Unicode classes) has no JavaScript spelling; ajv's default `u` flag is the nearest.
  const instance = new Ajv({
    strict: false,
    allErrors: true,
    logger: false,
    code: { regExp: (pattern: string, flags: string) => new RegExp(pattern.replace(/^\(\?U\)/, ''), flags) } as never,
  });
  addFormats(instance);
  for (const file of jsonFiles(SPEC_DIR)) {
    // Keyed by where the file sits (two upstream files share an $id), so relative $refs resolve as on disk.
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id?: string };
    schema.$id = BASE + relative(SPEC_DIR, file).split(sep).join('/');
    instance.addSchema(schema);
  }
  ajv = instance;
  return instance;
}

const REQUEST_SCHEMAS: Record<string, string> = {
  createDatabaseService: 'api/services/createDatabaseService.json',
  createDatabase: 'api/data/createDatabase.json',
  createDatabaseSchema: 'api/data/createDatabaseSchema.json',
  createTable: 'api/data/createTable.json',
  createStoredProcedure: 'api/data/createStoredProcedure.json',
  createClassification: 'api/classification/createClassification.json',
  createTag: 'api/classification/createTag.json',
  createTableProfile: 'api/data/createTableProfile.json',
  tableData: 'entity/data/table.json#/definitions/tableData',
};

/**
 * Errors of one NDJSON record against OpenMetadata's create request schema. The file holds owners as references
 * without an id (resolved on push, DESIGN.md), so `owner` is checked for type and fullyQualifiedName only.
 */
export function requestErrors(type: string, data: Record<string, any>): string[] {
  const path = REQUEST_SCHEMAS[type];
  if (!path) return [`no schema known for ${type}`];
  const { owner, ...rest } = data;
  const errors: string[] = [];
  if (owner !== undefined && !(typeof owner.type === 'string' && typeof owner.fullyQualifiedName === 'string' && Object.keys(owner).length === 2)) {
    errors.push(`owner ${JSON.stringify(owner)}`);
  }
  if (!OPENMETADATA_SPEC_PRESENT) {
    try {
      validateRequest(type as RequestSchema, rest);
    } catch (error) {
      errors.push((error as Error).message);
    }
    return errors;
  }
  const validate = load().getSchema(BASE + path) as ValidateFunction;
  if (!validate(rest)) {
    for (const e of validate.errors ?? []) errors.push(`${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
  }
  return errors;
}

export function specEnum(definition: 'dataType' | 'tableType' | 'partitionIntervalTypes'): string[] {
  const file = OPENMETADATA_SPEC_PRESENT ? join(SPEC_DIR, 'entity', 'data', 'table.json') : new URL('table.json', schemaFolder);
  const table = JSON.parse(readFileSync(file, 'utf8')) as { definitions: Record<string, { enum: string[] }> };
  return table.definitions[definition].enum;
}
