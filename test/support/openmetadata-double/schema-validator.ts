/**
 * Validates request bodies against the double's own JSON Schemas (./schemas, written from OpenMetadata 1.4's; for a
 * recent release, ./schemas-1.7 replaces the files whose shapes changed: owners lists, storedProcedureType, a
 * foreign key's relationshipType) and
 * words failures the way the server does: Jackson deserialisation problems (unknown field, bad enum, wrong type)
 * first and alone, then every bean-validation violation at once as `[a must not be null, b size must be ...]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { SchemaRelease } from './release.js';
import { badRequest, cloneJson, isJsonObject, type JsonObject, type JsonValue } from './types.js';

const SCHEMA_BASE = 'https://omgen.test/openmetadata-double/';
const SCHEMA_DIR = new URL('./schemas/', import.meta.url);
const RECENT_DIR = new URL('./schemas-1.7/', import.meta.url);

const REQUEST_SCHEMAS = {
  createDatabaseService: 'createDatabaseService.json',
  createDatabase: 'createDatabase.json',
  createDatabaseSchema: 'createDatabaseSchema.json',
  createTable: 'createTable.json',
  createStoredProcedure: 'createStoredProcedure.json',
  createClassification: 'createClassification.json',
  createTag: 'createTag.json',
  createGlossary: 'createGlossary.json',
  createGlossaryTerm: 'createGlossaryTerm.json',
  createIngestionPipeline: 'createIngestionPipeline.json',
  pipelineStatus: 'ingestionPipeline.json#/definitions/pipelineStatus',
  addLineage: 'addLineage.json',
  createQuery: 'createQuery.json',
  dailyCount: 'usage.json#/definitions/dailyCount',
  tableJoins: 'tableJoins.json',
  createTableProfile: 'createTableProfile.json',
  tableData: 'tableData.json',
  tableProfilerConfig: 'tableProfilerConfig.json',
  createTestSuite: 'createTestSuite.json',
  createTestCase: 'createTestCase.json',
  testCaseResult: 'testCaseResult.json',
  dataModel: 'dataModel.json',
  createTestDefinition: 'createTestDefinition.json',
} as const;

/** Bodies that are JSON arrays: the references of PUT /queries/{id}/usage, the names of /users and /usedBy. */
const LIST_SCHEMAS = {
  entityReferenceList: 'usage.json#/definitions/entityReferenceList',
  stringList: 'usage.json#/definitions/stringList',
} as const;

export type RequestSchema = keyof typeof REQUEST_SCHEMAS;
export type ListSchema = keyof typeof LIST_SCHEMAS;

const DESERIALISATION_KEYWORDS = new Set(['additionalProperties', 'type', 'enum', 'const', 'format']);

const validators = new Map<SchemaRelease, Map<RequestSchema | ListSchema, ValidateFunction>>();

function compileAll(release: SchemaRelease): Map<RequestSchema | ListSchema, ValidateFunction> {
  const known = validators.get(release);
  if (known) return known;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, useDefaults: true, verbose: true });
  addFormats(ajv);
  const replaced = release === '1.7' ? new Set(readdirSync(RECENT_DIR).filter((f) => f.endsWith('.json'))) : new Set<string>();
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    const folder = replaced.has(file) ? RECENT_DIR : SCHEMA_DIR;
    ajv.addSchema(JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as object);
  }
  const compiled = new Map<RequestSchema | ListSchema, ValidateFunction>();
  const all = { ...REQUEST_SCHEMAS, ...LIST_SCHEMAS };
  for (const [name, ref] of Object.entries(all) as Array<[RequestSchema | ListSchema, string]>) {
    const validate = ajv.getSchema(SCHEMA_BASE + ref);
    if (!validate) throw new Error(`openmetadata-double: schema ${ref} did not compile`);
    compiled.set(name, validate);
  }
  validators.set(release, compiled);
  return compiled;
}

/** `/columns/0/dataType` → `columns[0].dataType`. */
function fieldPath(instancePath: string, extra?: string): string {
  const segments = instancePath.split('/').slice(1);
  if (extra !== undefined) segments.push(extra);
  let out = '';
  for (const raw of segments) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(segment) ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out;
}

function schemaTitle(schema: unknown, fallback: string): string {
  return isJsonObject(schema) && typeof schema.title === 'string' ? schema.title : fallback;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function deserialisationMessage(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const cls = schemaTitle(error.parentSchema, 'object');
      return `Unrecognized field "${field}" (class ${cls}), not marked as ignorable (at ${fieldPath(error.instancePath, field)})`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      const type = schemaTitle(error.parentSchema, 'enum');
      return `Cannot deserialize value of type \`${type}\` from ${describe(error.data)} at ${fieldPath(error.instancePath)}: not one of the values accepted for Enum class: [${allowed}]`;
    }
    case 'format':
      return `Cannot deserialize value ${describe(error.data)} at ${fieldPath(error.instancePath)}: not a valid ${String(params.format)}`;
    default:
      return `Cannot deserialize ${describe(error.data)} at ${fieldPath(error.instancePath) || 'the request body'}: expected ${String(params.type ?? error.message)}`;
  }
}

function violationMessage(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const parent = isJsonObject(error.parentSchema) ? error.parentSchema : {};
  switch (error.keyword) {
    case 'required':
      return `${fieldPath(error.instancePath, String(params.missingProperty))} must not be null`;
    case 'pattern':
      return `${fieldPath(error.instancePath)} must match "${String(params.pattern)}"`;
    case 'minLength':
    case 'maxLength': {
      const min = typeof parent.minLength === 'number' ? parent.minLength : 0;
      const max = typeof parent.maxLength === 'number' ? parent.maxLength : 2147483647;
      return `${fieldPath(error.instancePath)} size must be between ${min} and ${max}`;
    }
    case 'minimum':
      return `${fieldPath(error.instancePath)} must be greater than or equal to ${String(params.limit)}`;
    case 'uniqueItems':
      // Upstream reads such a list into a Java Set (duplicates dropped); its JSON Schema refuses them, and so do we.
      return `${fieldPath(error.instancePath)} must not repeat items (${String(params.j)} and ${String(params.i)} are equal)`;
    default:
      return `${fieldPath(error.instancePath)} ${error.message ?? 'is invalid'}`;
  }
}

function messageFor(errors: ErrorObject[]): string {
  const deserialisation = errors.find((e) => DESERIALISATION_KEYWORDS.has(e.keyword));
  if (deserialisation) return deserialisationMessage(deserialisation);
  const violations = [...new Set(errors.map(violationMessage))];
  return `[${violations.join(', ')}]`;
}

/** Compiles every schema now (the first request would otherwise), so a broken schema file fails loudly at start. */
export function loadSchemas(release: SchemaRelease): void {
  compileAll(release);
}

/**
 * Checks a request body; answers a 400 ApiError the way OpenMetadata words it, or a deep copy of the body with the
 * schema defaults the server's Java classes would fill in.
 */
export function validateRequest(schema: RequestSchema, body: unknown, release: SchemaRelease = '1.4'): JsonObject {
  if (body === undefined || body === null) throw badRequest('[request body must not be null]');
  const validate = compileAll(release).get(schema);
  if (!validate) throw new Error(`openmetadata-double: unknown schema ${schema}`);
  if (!isJsonObject(body)) throw badRequest(`Cannot deserialize ${describe(body)} as ${schema}: expected an object`);
  const copy = cloneJson(body);
  if (!validate(copy)) throw badRequest(messageFor(validate.errors ?? []));
  return copy;
}

/**
 * Checks a body the server reads as a Java list (`List<EntityReference>`, `List<String>`): anything but a JSON array
 * is Jackson's 400, each item is checked as {@link validateRequest} checks objects.
 */
export function validateListRequest(schema: ListSchema, body: unknown, release: SchemaRelease = '1.4'): JsonValue[] {
  if (body === undefined || body === null) throw badRequest('[request body must not be null]');
  const validate = compileAll(release).get(schema);
  if (!validate) throw new Error(`openmetadata-double: unknown schema ${schema}`);
  if (!Array.isArray(body)) throw badRequest(`Cannot deserialize value of type \`java.util.ArrayList\` from ${describe(body)}: expected an array`);
  const copy = cloneJson(body as JsonValue[]);
  if (!validate(copy)) throw badRequest(messageFor(validate.errors ?? []));
  return copy;
}

/** The folder of the double's schema files (for tests that want to read them). */
export const schemaFolder: URL = SCHEMA_DIR;
