/**
 * A stored record as an answer shows it, beyond the generic `?fields=` cut (fields.ts): the fields OpenMetadata
 * computes on read instead of storing them.
 *
 * - Queries: `users` and `queryUsedIn` are relationships upstream, read back with the current state of each end (an
 *   end hard-deleted since is gone) and an `href`, by name; a query has no `deleted` flag (it cannot be soft-deleted).
 * - Tables, schemas and databases: `usageSummary` (on request) is the latest usage row, or zero counts dated today.
 * - Tables: `joins` (on request) is the aggregated TableJoins of the last 30 days (TableRepository.getJoins).
 */
import type { DoubleApp } from './app.js';
import { addDays, todayUtc } from './dates.js';
import { kindOf, type EntityKind } from './entity-kinds.js';
import { project } from './fields.js';
import { entityReference } from './references.js';
import type { EntityRecord } from './store.js';
import { compareStrings, isJsonObject, type JsonObject, type JsonValue } from './types.js';
import { emptyUsageDetails, usageDetails } from './usage-store.js';

const USAGE_TYPES: ReadonlySet<string> = new Set(['table', 'databaseSchema', 'database']);

/** An EntityReference to a stored record with its href, as Entity.withHref leaves it. */
export function referenceWithHref(app: DoubleApp, record: EntityRecord): JsonObject {
  return { ...entityReference(record), href: `${app.baseUrl}/v1/${kindOf(record.type).collection}/${record.id}` };
}

/** Stored references read back: ends no longer stored dropped, the others current, by name. */
export function liveReferences(app: DoubleApp, refs: JsonValue | undefined, withHref = true): JsonObject[] {
  if (!Array.isArray(refs)) return [];
  return refs
    .filter(isJsonObject)
    .flatMap((ref) => app.store.getById(String(ref.id)) ?? [])
    .map((record) => (withHref ? referenceWithHref(app, record) : entityReference(record)))
    .sort((a, b) => compareStrings(String(a.name), String(b.name)));
}

/** The latest UsageDetails of an entity (EntityUtil.getLatestUsage). */
export function latestUsage(app: DoubleApp, id: string): JsonObject {
  const row = app.usage.latest(id);
  return row ? usageDetails(row) : emptyUsageDetails(todayUtc());
}

/** The TableJoins a table answers with `?fields=joins`. */
export function tableJoins(app: DoubleApp, tableFqn: string): JsonObject {
  return { startDate: addDays(todayUtc(), -30), dayCount: 30, ...app.joins.joinsOf(tableFqn) };
}

/** The record in 1.4's shape with the requested fields (`all`: every stored field, nothing computed on request). */
export function projectRecord(app: DoubleApp, kind: EntityKind, record: EntityRecord, fields: Set<string> | 'all'): JsonObject {
  const out = project(kind, record, fields, app.store, app.baseUrl);
  if (kind.type === 'query') {
    delete out.deleted;
    for (const field of ['users', 'queryUsedIn']) {
      const stored = record.entity[field];
      if (fields === 'all' ? stored !== undefined : fields.has(field)) out[field] = liveReferences(app, stored);
    }
  }
  if (fields !== 'all' && fields.has('usageSummary') && USAGE_TYPES.has(kind.type)) out.usageSummary = latestUsage(app, record.id);
  if (fields !== 'all' && fields.has('joins') && kind.type === 'table') out.joins = tableJoins(app, record.fqn);
  return out;
}
