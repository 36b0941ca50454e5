/**
 * Turns a validated create request into the entity fields the server would store, resolving every reference the way
 * OpenMetadata 1.4's resources and repositories do, in their order: owner, domain/data products, parent, entity
 * checks, then tag labels. Parents are looked up as upstream does: a database's service must not be deleted, but a
 * schema's database and a table's or stored procedure's schema may be soft-deleted (their repositories use ALL).
 */
import { createHash } from 'node:crypto';
import { quoteName } from './fqn.js';
import { childFqn, entityReference, requireAnyEntity, requireByName, requireReference, resolveOwner, resolveTagLabels } from './references.js';
import type { SchemaRelease } from './release.js';
import type { EntityRecord, EntityStore } from './store.js';
import { normaliseColumns, validateTable } from './table-rules.js';
import {
  arrayField,
  badRequest,
  cloneJson,
  compareStrings,
  entityNotFound,
  objectArray,
  objectField,
  stringField,
  type EntityType,
  type JsonObject,
} from './types.js';

export interface Prepared {
  type: EntityType;
  fqn: string;
  parentId?: string;
  /** Entity fields from the request (no id, version, updatedAt, updatedBy or deleted: the store adds those). */
  fields: JsonObject;
}

export type CreatableType = Exclude<EntityType, 'user' | 'team'>;

const COMMON_COPIED = ['name', 'displayName', 'description', 'extension', 'sourceUrl', 'sourceHash', 'lifeCycle', 'retentionPeriod'];

function copyFields(target: JsonObject, request: JsonObject, keys: readonly string[]): void {
  for (const key of keys) if (request[key] !== undefined) target[key] = cloneJson(request[key]);
}

function commonFields(request: JsonObject, store: EntityStore): JsonObject {
  const owner = resolveOwner(store, objectField(request, 'owner'));
  const domain = stringField(request, 'domain');
  if (domain !== undefined) throw entityNotFound('domain', domain);
  const dataProducts = arrayField(request, 'dataProducts') ?? [];
  if (dataProducts.length > 0) throw entityNotFound('dataProduct', String(dataProducts[0]));
  const fields: JsonObject = {};
  copyFields(fields, request, COMMON_COPIED);
  if (owner) fields.owner = owner;
  return fields;
}

function withTags(fields: JsonObject, request: JsonObject, store: EntityStore): JsonObject {
  const tags = resolveTagLabels(store, request.tags === undefined ? undefined : objectArray(request, 'tags'));
  if (tags !== undefined && tags.length > 0) fields.tags = tags;
  return fields;
}

function parentOf(store: EntityStore, record: EntityRecord): EntityRecord {
  const parent = record.parentId ? store.getById(record.parentId) : undefined;
  if (!parent) throw new Error(`openmetadata-double: ${record.type} ${record.fqn} has lost its parent`);
  return parent;
}

function name(request: JsonObject): string {
  return stringField(request, 'name') ?? '';
}

function databaseService(request: JsonObject, store: EntityStore): Prepared {
  const fields = commonFields(request, store);
  copyFields(fields, request, ['serviceType', 'connection']);
  return { type: 'databaseService', fqn: quoteName(name(request)), fields: withTags(fields, request, store) };
}

function database(request: JsonObject, store: EntityStore): Prepared {
  const fields = commonFields(request, store);
  const service = requireByName(store, 'databaseService', stringField(request, 'service') ?? '');
  Object.assign(fields, {
    service: entityReference(service),
    serviceType: service.entity.serviceType ?? null,
    default: request.default ?? false,
  });
  return { type: 'database', fqn: childFqn(service, name(request)), parentId: service.id, fields: withTags(fields, request, store) };
}

function databaseSchema(request: JsonObject, store: EntityStore): Prepared {
  const fields = commonFields(request, store);
  const db = requireByName(store, 'database', stringField(request, 'database') ?? '', 'all');
  const service = parentOf(store, db);
  Object.assign(fields, { database: entityReference(db), service: entityReference(service), serviceType: service.entity.serviceType ?? null });
  return { type: 'databaseSchema', fqn: childFqn(db, name(request)), parentId: db.id, fields: withTags(fields, request, store) };
}

function schemaChain(store: EntityStore, schema: EntityRecord): JsonObject {
  const db = parentOf(store, schema);
  const service = parentOf(store, db);
  return {
    databaseSchema: entityReference(schema),
    database: entityReference(db),
    service: entityReference(service),
    serviceType: service.entity.serviceType ?? null,
  };
}

function resolveColumnTags(store: EntityStore, columns: JsonObject[]): JsonObject[] {
  return columns.map((column) => {
    const tags = resolveTagLabels(store, column.tags === undefined ? undefined : objectArray(column, 'tags'));
    const out: JsonObject = { ...column };
    if (tags !== undefined && tags.length > 0) out.tags = tags;
    else delete out.tags;
    if (Array.isArray(column.children)) out.children = resolveColumnTags(store, objectArray(column, 'children'));
    return out;
  });
}

function table(request: JsonObject, store: EntityStore): Prepared {
  const fields = commonFields(request, store);
  const schema = requireByName(store, 'databaseSchema', stringField(request, 'databaseSchema') ?? '', 'all');
  validateTable(request);
  const fqn = childFqn(schema, name(request));
  copyFields(fields, request, [
    'tableType',
    'tableConstraints',
    'tablePartition',
    'schemaDefinition',
    'dataModel',
    'tableProfilerConfig',
    'fileFormat',
  ]);
  fields.columns = resolveColumnTags(store, normaliseColumns(objectArray(request, 'columns'), fqn));
  Object.assign(fields, schemaChain(store, schema));
  return { type: 'table', fqn, parentId: schema.id, fields: withTags(fields, request, store) };
}

function storedProcedure(request: JsonObject, store: EntityStore): Prepared {
  const fields = commonFields(request, store);
  const schemaFqn = stringField(request, 'databaseSchema');
  if (schemaFqn === undefined) throw badRequest('[databaseSchema must not be null]');
  const schema = requireByName(store, 'databaseSchema', schemaFqn, 'all');
  copyFields(fields, request, ['storedProcedureCode', 'storedProcedureType']);
  Object.assign(fields, schemaChain(store, schema));
  return { type: 'storedProcedure', fqn: childFqn(schema, name(request)), parentId: schema.id, fields: withTags(fields, request, store) };
}

function classification(request: JsonObject): Prepared {
  const fields: JsonObject = {};
  copyFields(fields, request, ['name', 'displayName', 'description']);
  Object.assign(fields, { provider: request.provider ?? 'user', mutuallyExclusive: request.mutuallyExclusive ?? false, disabled: false });
  return { type: 'classification', fqn: quoteName(name(request)), fields };
}

function tag(request: JsonObject, store: EntityStore): Prepared {
  const fields: JsonObject = {};
  copyFields(fields, request, ['name', 'displayName', 'description', 'style', 'associatedTags']);
  const parentFqn = stringField(request, 'parent');
  const classificationFqn = stringField(request, 'classification');
  let parent: EntityRecord;
  let classificationRecord: EntityRecord;
  if (parentFqn !== undefined) {
    parent = requireByName(store, 'tag', parentFqn);
    const classificationRef = objectField(parent.entity, 'classification');
    classificationRecord = store.getById(stringField(classificationRef ?? {}, 'id') ?? '') ?? parent;
    fields.parent = entityReference(parent);
  } else if (classificationFqn !== undefined) {
    parent = requireByName(store, 'classification', classificationFqn);
    classificationRecord = parent;
  } else {
    throw badRequest('[classification must not be null]');
  }
  Object.assign(fields, {
    classification: entityReference(classificationRecord),
    provider: request.provider ?? 'user',
    mutuallyExclusive: request.mutuallyExclusive ?? false,
    deprecated: false,
  });
  return { type: 'tag', fqn: childFqn(parent, name(request)), parentId: parent.id, fields };
}

/** GlossaryRepository.prepare (1.4): owner, then the glossary's own tag labels; it starts out approved and not disabled. */
function glossary(request: JsonObject, store: EntityStore): Prepared {
  const fields = commonFields(request, store);
  Object.assign(fields, {
    reviewers: [],
    provider: request.provider ?? 'user',
    mutuallyExclusive: request.mutuallyExclusive ?? false,
    disabled: false,
  });
  return { type: 'glossary', fqn: quoteName(name(request)), fields: withTags(fields, request, store) };
}

/**
 * GlossaryTermRepository.prepare (1.4): the glossary by name, the parent term (when given) by FQN, both non-deleted;
 * a term's FQN is its parent's (or its glossary's) with its quoted name added. A term without reviewers is approved.
 */
function glossaryTerm(request: JsonObject, store: EntityStore): Prepared {
  const fields = commonFields(request, store);
  const glossaryRecord = requireByName(store, 'glossary', stringField(request, 'glossary') ?? '');
  const parentFqn = stringField(request, 'parent');
  const parent = parentFqn === undefined ? undefined : requireByName(store, 'glossaryTerm', parentFqn);
  copyFields(fields, request, ['synonyms', 'references']);
  Object.assign(fields, {
    glossary: entityReference(glossaryRecord),
    ...(parent ? { parent: entityReference(parent) } : {}),
    relatedTerms: [],
    reviewers: [],
    status: 'Approved',
    provider: request.provider ?? 'user',
    mutuallyExclusive: request.mutuallyExclusive ?? false,
    disabled: false,
  });
  const holder = parent ?? glossaryRecord;
  return { type: 'glossaryTerm', fqn: childFqn(holder, name(request)), parentId: holder.id, fields: withTags(fields, request, store) };
}

function ingestionPipeline(request: JsonObject, store: EntityStore): Prepared {
  const fields = commonFields(request, store);
  const service = requireReference(store, objectField(request, 'service') ?? {}, ['databaseService']);
  copyFields(fields, request, ['pipelineType', 'sourceConfig', 'airflowConfig']);
  Object.assign(fields, {
    loggerLevel: request.loggerLevel ?? 'INFO',
    service: entityReference(service),
    deployed: false,
    enabled: true,
    provider: 'user',
  });
  return { type: 'ingestionPipeline', fqn: childFqn(service, name(request)), parentId: service.id, fields };
}

/** EntityUtil.hash: the MD5 of the query text, lower-case hex (what names a query created without a name). */
export function queryChecksum(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The references a query is used in, as populateEntityReferences leaves them: resolved (deleted ones too), by name. */
export function resolveQueryUsedIn(store: EntityStore, refs: JsonObject[]): JsonObject[] {
  const byId = new Map<string, JsonObject>();
  for (const ref of refs) {
    const id = (stringField(ref, 'id') ?? '').toLowerCase();
    byId.set(id, entityReference(requireAnyEntity(store, stringField(ref, 'type') ?? '', { id }, 'all')));
  }
  return [...byId.values()].sort((a, b) => compareStrings(String(a.name), String(b.name)));
}

/** Users by FQN, non-deleted (Entity.getEntityReferenceByName), each once. */
export function resolveQueryUsers(store: EntityStore, fqns: string[]): JsonObject[] {
  const byId = new Map<string, JsonObject>();
  for (const fqn of fqns) {
    const user = requireByName(store, 'user', fqn);
    byId.set(user.id, entityReference(user));
  }
  return [...byId.values()];
}

/**
 * QueryResource.getQuery then QueryRepository.prepare (1.4): owner, the database service by name (non-deleted), users
 * by FQN, queryUsedIn by id and type, then tags. A query sent without a name is named by the MD5 of its text, which is
 * then also its checksum (the recent release stores the checksum whatever the name); its FQN is `<service>.<name>`.
 */
function query(request: JsonObject, store: EntityStore, release: SchemaRelease): Prepared {
  const fields = commonFields(request, store);
  const service = requireByName(store, 'databaseService', stringField(request, 'service') ?? '');
  const text = stringField(request, 'query') ?? '';
  const users = arrayField(request, 'users');
  const usedIn = request.queryUsedIn === undefined ? undefined : objectArray(request, 'queryUsedIn');
  if (users !== undefined) fields.users = resolveQueryUsers(store, users.map(String));
  if (usedIn !== undefined) fields.queryUsedIn = resolveQueryUsedIn(store, usedIn);
  const checksum = queryChecksum(text);
  fields.name ??= checksum;
  if (request.name === undefined || release !== '1.4') fields.checksum = checksum;
  copyFields(fields, request, ['query', 'query_type', 'exclude_usage', 'duration', 'queryDate', 'triggeredBy']);
  Object.assign(fields, {
    usedBy: [...new Set((arrayField(request, 'usedBy') ?? []).map(String))],
    processedLineage: request.processedLineage ?? false,
    votes: { upVotes: 0, downVotes: 0, upVoters: [], downVoters: [] },
    service: entityReference(service),
  });
  return { type: 'query', fqn: childFqn(service, String(fields.name)), parentId: service.id, fields: withTags(fields, request, store) };
}

/** The create path of each collection that accepts PUT/POST (the release matters only where noted). */
export const PREPARE: Record<CreatableType, (request: JsonObject, store: EntityStore, release: SchemaRelease) => Prepared> = {
  databaseService,
  database,
  databaseSchema,
  table,
  storedProcedure,
  classification,
  tag,
  glossary,
  glossaryTerm,
  ingestionPipeline,
  query,
};
