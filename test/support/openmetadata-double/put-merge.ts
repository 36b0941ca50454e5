/**
 * What a PUT does to an existing entity (EntityRepository.EntityUpdater in OpenMetadata 1.4): the owner cannot be
 * removed, a table's data model stays unless the request brings one, tags are merged with the stored ones, a bot
 * cannot overwrite a non-empty description or displayName nor the extension, and a column keeps its stored non-empty
 * description (tags merged too). Everything else is replaced.
 */
import { compareStrings, isJsonObject, objectArray, stringField, type JsonObject, type JsonValue } from './types.js';

export interface MergeOptions {
  /** The caller is a bot (the ingestion-bot token), which OpenMetadata forbids to overwrite user-curated text. */
  updatedByBot: boolean;
}

function nonEmpty(value: JsonValue | undefined): boolean {
  return typeof value === 'string' && value.length > 0;
}

export function mergeTags(stored: JsonValue | undefined, incoming: JsonValue | undefined): JsonObject[] | undefined {
  const storedTags = Array.isArray(stored) ? stored.filter(isJsonObject) : [];
  const incomingTags = Array.isArray(incoming) ? incoming.filter(isJsonObject) : [];
  const byFqn = new Map<string, JsonObject>();
  for (const label of [...storedTags, ...incomingTags]) byFqn.set(String(label.tagFQN), label);
  const merged = [...byFqn.values()].sort((a, b) => compareStrings(String(a.tagFQN), String(b.tagFQN)));
  return merged.length > 0 ? merged : undefined;
}

function setOrDelete(target: JsonObject, key: string, value: JsonValue | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function mergeColumns(stored: JsonObject[], incoming: JsonObject[]): JsonObject[] {
  const storedByName = new Map(stored.map((c) => [stringField(c, 'name') ?? '', c]));
  return incoming.map((column) => {
    const previous = storedByName.get(stringField(column, 'name') ?? '');
    if (!previous) return column;
    const merged: JsonObject = { ...column };
    if (nonEmpty(previous.description)) merged.description = previous.description;
    setOrDelete(merged, 'tags', mergeTags(previous.tags, column.tags));
    if (Array.isArray(column.children)) {
      merged.children = mergeColumns(objectArray(previous, 'children'), objectArray(column, 'children'));
    }
    return merged;
  });
}

/** The entity fields after a PUT of `incoming` over `stored` (both entity-shaped, identity fields aside). */
export function mergePut(stored: JsonObject, incoming: JsonObject, options: MergeOptions): JsonObject {
  const merged: JsonObject = { ...incoming };
  if (incoming.owner === undefined && stored.owner !== undefined) merged.owner = stored.owner;
  // TableUpdater records no dataModel change: a table PUT without one leaves the model PUT …/dataModel stored.
  if (incoming.dataModel === undefined && stored.dataModel !== undefined) merged.dataModel = stored.dataModel;
  setOrDelete(merged, 'tags', mergeTags(stored.tags, incoming.tags));
  if (options.updatedByBot) {
    for (const key of ['description', 'displayName']) {
      if (nonEmpty(stored[key])) merged[key] = stored[key];
    }
    setOrDelete(merged, 'extension', stored.extension);
  }
  if (Array.isArray(incoming.columns)) {
    merged.columns = mergeColumns(objectArray(stored, 'columns'), objectArray(incoming, 'columns'));
  }
  return merged;
}
