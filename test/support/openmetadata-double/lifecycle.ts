/**
 * Create-or-update, soft/hard delete and restore of stored entities, with OpenMetadata's versioning: 201 + version 0.1
 * on create; on update 200, the version bumped only when a stored field changed; a PUT of a soft-deleted entity
 * restores it and its children; DELETE refuses an entity with children unless recursive.
 */
import { randomUUID } from 'node:crypto';
import { mergePut } from './put-merge.js';
import type { Prepared } from './prepare-requests.js';
import type { EntityRecord, EntityStore } from './store.js';
import { ApiError, badRequest, type JsonObject } from './types.js';
import { changeDescription, diffEntities, hasChanges, isMajorChange, nextMajorVersion, nextVersion } from './versioning.js';

export interface WriteContext {
  store: EntityStore;
  /** Name recorded as `updatedBy`. */
  principal: string;
  updatedByBot: boolean;
  now(): number;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'restored';

export interface WriteResult {
  status: 200 | 201;
  outcome: WriteOutcome;
  record: EntityRecord;
}

function stamp(ctx: WriteContext, entity: JsonObject, version: number): void {
  entity.version = version;
  entity.updatedAt = ctx.now();
  entity.updatedBy = ctx.principal;
}

function setDeleted(ctx: WriteContext, record: EntityRecord, deleted: boolean): void {
  const { entity } = record;
  if ((entity.deleted === true) === deleted) return;
  const previousVersion = Number(entity.version);
  entity.deleted = deleted;
  entity.changeDescription = changeDescription(
    { fieldsAdded: [], fieldsUpdated: [{ name: 'deleted', oldValue: !deleted, newValue: deleted }], fieldsDeleted: [] },
    previousVersion,
  );
  stamp(ctx, entity, nextVersion(previousVersion));
}

function create(ctx: WriteContext, prepared: Prepared): WriteResult {
  const id = randomUUID();
  const { name, ...rest } = prepared.fields;
  const entity: JsonObject = { id, name: name ?? null, fullyQualifiedName: prepared.fqn, ...rest };
  stamp(ctx, entity, 0.1);
  entity.deleted = false;
  const record: EntityRecord = { type: prepared.type, id, fqn: prepared.fqn, parentId: prepared.parentId, entity };
  ctx.store.put(record);
  return { status: 201, outcome: 'created', record };
}

/** PUT semantics: create when absent (whatever its deleted state), else merge, restore and version. */
export function createOrUpdate(ctx: WriteContext, prepared: Prepared): WriteResult {
  const existing = ctx.store.get(prepared.type, prepared.fqn);
  if (!existing) return create(ctx, prepared);
  const wasDeleted = existing.entity.deleted === true;
  if (wasDeleted) for (const child of ctx.store.children(existing.id)) restoreTree(ctx, child);

  const before = existing.entity;
  const merged = mergePut(before, prepared.fields, { updatedByBot: ctx.updatedByBot });
  const { name, ...rest } = merged;
  const after: JsonObject = { id: existing.id, name: name ?? null, fullyQualifiedName: existing.fqn, ...rest, deleted: false };
  return storeUpdate(ctx, existing, after, wasDeleted ? 'restored' : 'updated');
}

/** Stores `after` over the existing entity, versioned by what changed; nothing at all when nothing did. */
function storeUpdate(ctx: WriteContext, existing: EntityRecord, after: JsonObject, outcome: WriteOutcome): WriteResult {
  const before = existing.entity;
  const changes = diffEntities(before, after);
  if (!hasChanges(changes)) return { status: 200, outcome: 'unchanged', record: existing };
  const previousVersion = Number(before.version);
  after.changeDescription = changeDescription(changes, previousVersion);
  stamp(ctx, after, isMajorChange(before, after) ? nextMajorVersion(previousVersion) : nextVersion(previousVersion));
  const record: EntityRecord = { ...existing, entity: after };
  ctx.store.put(record);
  return { status: 200, outcome, record };
}

/**
 * PATCH semantics: the patched entity replaces the stored one as it is (a patch is not subject to the rules that keep
 * a person's description from a bot's PUT), versioned like any update.
 */
export function patchEntity(ctx: WriteContext, existing: EntityRecord, patched: JsonObject): WriteResult {
  return storeUpdate(ctx, existing, { ...patched, id: existing.id, fullyQualifiedName: existing.fqn }, 'updated');
}

/** POST semantics: create only; 409 when the FQN is taken (deleted or not). */
export function createOnly(ctx: WriteContext, prepared: Prepared): WriteResult {
  if (ctx.store.get(prepared.type, prepared.fqn)) {
    throw new ApiError(409, 'Entity already exists');
  }
  return create(ctx, prepared);
}

function restoreTree(ctx: WriteContext, record: EntityRecord): void {
  for (const child of ctx.store.children(record.id)) restoreTree(ctx, child);
  setDeleted(ctx, record, false);
}

/** PUT /<collection>/restore: the entity and its children become non-deleted again. */
export function restore(ctx: WriteContext, record: EntityRecord): EntityRecord {
  restoreTree(ctx, record);
  return record;
}

export interface DeleteOptions {
  hardDelete: boolean;
  recursive: boolean;
}

/**
 * DELETE: 400 `<type> is not empty` when children exist and recursive is false — soft-deleted children count, since
 * OpenMetadata finds them through relationships it keeps on soft delete; children go first (soft or hard like their
 * parent); a soft delete marks `deleted: true` with a version bump, a hard delete removes the entity. Answers the
 * entity as it was last stored.
 */
export function deleteEntity(ctx: WriteContext, record: EntityRecord, options: DeleteOptions): JsonObject {
  const children = ctx.store.children(record.id);
  if (children.length > 0 && !options.recursive) throw badRequest(`${record.type} is not empty`);
  for (const child of children) deleteEntity(ctx, child, { ...options, recursive: true });
  // A query cannot be soft-deleted: even a soft delete of its service removes it.
  if (options.hardDelete || record.type === 'query') {
    ctx.store.remove(record.id);
    return record.entity;
  }
  setDeleted(ctx, record, true);
  return record.entity;
}
