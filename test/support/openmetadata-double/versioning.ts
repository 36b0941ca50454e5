/**
 * Entity versions as OpenMetadata counts them: 0.1 on create, +0.1 for a change, the next whole number for a
 * backward-incompatible one (a column removed or retyped, a column's dataLength or precision reduced), and a
 * changeDescription listing the top-level fields that were added, updated or deleted.
 */
import { jsonEqual, objectArray, type JsonObject, type JsonValue } from './types.js';

/** Fields that describe the version itself rather than the entity. */
const VOLATILE = new Set(['id', 'version', 'updatedAt', 'updatedBy', 'href', 'changeDescription']);

export function nextVersion(version: number): number {
  return Math.round((version + 0.1) * 10) / 10;
}

export function nextMajorVersion(version: number): number {
  return Math.floor(version) + 1;
}

export interface FieldChange extends JsonObject {
  name: string;
}

export interface ChangeSet {
  fieldsAdded: FieldChange[];
  fieldsUpdated: FieldChange[];
  fieldsDeleted: FieldChange[];
}

export function diffEntities(before: JsonObject, after: JsonObject): ChangeSet {
  const changes: ChangeSet = { fieldsAdded: [], fieldsUpdated: [], fieldsDeleted: [] };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !VOLATILE.has(k));
  for (const name of keys) {
    const oldValue = before[name];
    const newValue = after[name];
    if (jsonEqual(oldValue, newValue)) continue;
    if (oldValue === undefined && newValue !== undefined) changes.fieldsAdded.push({ name, newValue });
    else if (newValue === undefined && oldValue !== undefined) changes.fieldsDeleted.push({ name, oldValue });
    else changes.fieldsUpdated.push({ name, oldValue: oldValue ?? null, newValue: newValue ?? null });
  }
  return changes;
}

export function hasChanges(changes: ChangeSet): boolean {
  return changes.fieldsAdded.length + changes.fieldsUpdated.length + changes.fieldsDeleted.length > 0;
}

function sameColumn(a: JsonObject, b: JsonObject): boolean {
  return (
    a.name === b.name && a.dataType === b.dataType && jsonEqual(a.arrayDataType, b.arrayDataType) && jsonEqual(a.ordinalPosition, b.ordinalPosition)
  );
}

function reduced(before: JsonValue | undefined, after: JsonValue | undefined): boolean {
  return typeof before === 'number' && typeof after === 'number' && after < before;
}

function columnsBreak(before: JsonObject[], after: JsonObject[]): boolean {
  for (const old of before) {
    const match = after.find((c) => sameColumn(c, old));
    if (!match) return true;
    if (reduced(old.dataLength, match.dataLength) || reduced(old.precision, match.precision)) return true;
    if (columnsBreak(objectArray(old, 'children'), objectArray(match, 'children'))) return true;
  }
  return false;
}

/** A change OpenMetadata versions as major (TableUpdater/ColumnEntityUpdater). */
export function isMajorChange(before: JsonObject, after: JsonObject): boolean {
  if (!Array.isArray(before.columns) || !Array.isArray(after.columns)) return false;
  return columnsBreak(objectArray(before, 'columns'), objectArray(after, 'columns'));
}

export function changeDescription(changes: ChangeSet, previousVersion: number): JsonObject {
  return { ...changes, previousVersion };
}
