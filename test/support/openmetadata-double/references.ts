/**
 * Looking entities up the way the server's create paths do: parents by FQN (non-deleted), references by id + type,
 * owners (user or team of type Group) and tag labels (existing, non-deleted tags; filled in with the tag's fields).
 */
import { isStoredType } from './entity-kinds.js';
import { addToFqn, quoteName, splitFqn } from './fqn.js';
import type { EntityRecord, EntityStore } from './store.js';
import { ApiError, badRequest, cloneJson, compareStrings, entityNotFound, stringField, type EntityType, type JsonObject } from './types.js';

export type Include = 'all' | 'deleted' | 'non-deleted';

/** Entity types whose FQN is one quoted name (OpenMetadata's `quoteFqn`): a lookup quotes the name first. */
const SINGLE_PART_FQN: ReadonlySet<EntityType> = new Set(['databaseService', 'classification', 'user', 'team']);

export function included(record: EntityRecord, include: Include): boolean {
  const deleted = record.entity.deleted === true;
  return include === 'all' || (include === 'deleted' ? deleted : !deleted);
}

export function findByName(store: EntityStore, type: EntityType, fqn: string, include: Include): EntityRecord | undefined {
  const key = SINGLE_PART_FQN.has(type) ? quoteName(fqn) : fqn;
  const record = store.get(type, key);
  return record && included(record, include) ? record : undefined;
}

export function requireByName(store: EntityStore, type: EntityType, fqn: string, include: Include = 'non-deleted'): EntityRecord {
  const record = findByName(store, type, fqn, include);
  if (!record) throw entityNotFound(type, fqn);
  return record;
}

export function requireById(store: EntityStore, type: EntityType, id: string, include: Include): EntityRecord {
  const record = store.getById(id);
  if (!record || record.type !== type || !included(record, include)) throw entityNotFound(type, id);
  return record;
}

/**
 * Entity types OpenMetadata 1.4 has and the double does not store: looking one up answers `<type> instance for <key>
 * not found`; a type OpenMetadata does not know at all answers `Entity type <type> not found`.
 */
const UNSTORED_TYPES: ReadonlySet<string> = new Set([
  'pipeline',
  'dashboard',
  'dashboardDataModel',
  'chart',
  'topic',
  'container',
  'mlmodel',
  'searchIndex',
  'report',
  'metrics',
  'glossary',
  'glossaryTerm',
  'domain',
  'dataProduct',
  'testSuite',
  'testCase',
  'dashboardService',
  'messagingService',
  'pipelineService',
  'storageService',
  'mlmodelService',
  'metadataService',
  'searchService',
]);

/** Entity.getEntityReferenceById / ByName for a reference of any type: the type must be known, then the entity found. */
export function requireAnyEntity(store: EntityStore, type: string, by: { id: string } | { fqn: string }, include: Include): EntityRecord {
  const key = 'id' in by ? by.id : by.fqn;
  if (!isStoredType(type)) {
    if (UNSTORED_TYPES.has(type)) throw entityNotFound(type, key);
    throw new ApiError(404, `Entity type ${type} not found`);
  }
  return 'id' in by ? requireById(store, type, by.id, include) : requireByName(store, type, by.fqn, include);
}

/** The EntityReference OpenMetadata returns for a related entity. */
export function entityReference(record: EntityRecord): JsonObject {
  const { entity } = record;
  const ref: JsonObject = { id: record.id, type: record.type, name: entity.name ?? null, fullyQualifiedName: record.fqn };
  if (typeof entity.description === 'string') ref.description = entity.description;
  if (typeof entity.displayName === 'string') ref.displayName = entity.displayName;
  ref.deleted = entity.deleted === true;
  return ref;
}

/** Resolves `{id, type}` as Entity.getEntityReference does (non-deleted); 404 when missing. */
export function requireReference(store: EntityStore, ref: JsonObject, allowed: readonly EntityType[]): EntityRecord {
  const type = stringField(ref, 'type') ?? '';
  const id = stringField(ref, 'id') ?? '';
  if (!allowed.includes(type as EntityType)) throw new ApiError(404, `Entity type ${type} not found`);
  return requireById(store, type as EntityType, id, 'non-deleted');
}

/** EntityRepository.validateOwner: a user, or a team of type Group; looked up by id including deleted ones. */
export function resolveOwner(store: EntityStore, owner: JsonObject | undefined): JsonObject | undefined {
  if (!owner) return undefined;
  const type = stringField(owner, 'type') ?? '';
  if (type !== 'user' && type !== 'team') {
    throw badRequest(`Entity of type ${type} can't be the owner. Only Team of type Group or a User can own entities.`);
  }
  const record = requireById(store, type, stringField(owner, 'id') ?? '', 'all');
  if (type === 'team' && record.entity.teamType !== 'Group') {
    throw badRequest(`Team of type ${String(record.entity.teamType)} can't own entities. Only Team of type Group can own entities.`);
  }
  return entityReference(record);
}

function parentFqn(fqn: string): string {
  const parts = splitFqn(fqn);
  return parts.slice(0, -1).join('.');
}

function checkMutuallyExclusive(store: EntityStore, labels: JsonObject[]): void {
  const byParent = new Map<string, string>();
  for (const label of labels) {
    const tagFqn = String(label.tagFQN);
    const parent = parentFqn(tagFqn);
    const parentRecord =
      label.source === 'Glossary'
        ? (store.get('glossaryTerm', parent) ?? store.get('glossary', parent))
        : (store.get('tag', parent) ?? store.get('classification', parent));
    if (parentRecord?.entity.mutuallyExclusive !== true) continue;
    const other = byParent.get(parent);
    if (other !== undefined) {
      throw badRequest(`Tag labels ${other} and ${tagFqn} are mutually exclusive and can't be assigned together`);
    }
    byParent.set(parent, tagFqn);
  }
}

/** One label as TagLabelUtil.applyTagCommonFields leaves it (see {@link resolveTagLabels}). */
export function resolveTagLabel(store: EntityStore, source: JsonObject): JsonObject {
  const label = cloneJson(source);
  const tagFqn = String(label.tagFQN);
  const tag = requireByName(store, label.source === 'Glossary' ? 'glossaryTerm' : 'tag', tagFqn);
  label.name = tag.entity.name ?? null;
  for (const key of ['displayName', 'description', 'style'] as const) {
    if (tag.entity[key] !== undefined) label[key] = cloneJson(tag.entity[key]);
  }
  return label;
}

/**
 * TagLabelUtil.applyTagCommonFields for each label: a Classification label must name an existing, non-deleted tag
 * (404 otherwise) and gets its name, displayName, description and style; a Glossary label likewise names a glossary
 * term. Duplicates collapse; labels are kept sorted by tagFQN.
 */
export function resolveTagLabels(store: EntityStore, labels: JsonObject[] | undefined): JsonObject[] | undefined {
  if (labels === undefined) return undefined;
  const byFqn = new Map<string, JsonObject>();
  for (const source of labels) {
    const label = resolveTagLabel(store, source);
    byFqn.set(String(label.tagFQN), label);
  }
  const resolved = [...byFqn.values()].sort((a, b) => compareStrings(String(a.tagFQN), String(b.tagFQN)));
  checkMutuallyExclusive(store, resolved);
  return resolved;
}

/** FQN of a child named `name` under `parent`. */
export function childFqn(parent: EntityRecord, name: string): string {
  return addToFqn(parent.fqn, name);
}
