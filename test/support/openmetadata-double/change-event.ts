/**
 * The ChangeEvent OpenMetadata answers (201) when a PUT changes one field outside the entity's own update path
 * (RestUtil.PutResponse with ENTITY_FIELDS_CHANGED): query usage and users, table usage. The recent release also gives
 * each event an `id`.
 */
import { randomUUID } from 'node:crypto';
import type { DoubleApp } from './app.js';
import type { JsonObject, JsonValue } from './types.js';

export interface FieldChangeEvent {
  entityType: string;
  entity: JsonObject;
  field: string;
  oldValue: JsonValue | undefined;
  newValue: JsonValue | undefined;
  previousVersion: number;
  currentVersion: number;
  userName: string;
}

export function fieldChangeEvent(app: DoubleApp, event: FieldChangeEvent): JsonObject {
  const change: JsonObject = { name: event.field };
  if (event.oldValue !== undefined) change.oldValue = event.oldValue;
  if (event.newValue !== undefined) change.newValue = event.newValue;
  const body: JsonObject = app.release === '1.4' ? {} : { id: randomUUID() };
  return Object.assign(body, {
    eventType: 'entityUpdated',
    entityType: event.entityType,
    entityId: event.entity.id ?? null,
    entityFullyQualifiedName: event.entity.fullyQualifiedName ?? null,
    userName: event.userName,
    timestamp: Date.now(),
    currentVersion: event.currentVersion,
    previousVersion: event.previousVersion,
    changeDescription: { fieldsAdded: [], fieldsUpdated: [change], fieldsDeleted: [], previousVersion: event.previousVersion },
    entity: event.entity,
  });
}
