/**
 * The double's database: every entity as OpenMetadata would return it with all fields, indexed by type + FQN and by
 * id, plus the containment edge (parent id) that soft/hard deletes and restores walk.
 */
import { cloneJson, compareStrings, type EntityType, type JsonObject } from './types.js';

export interface EntityRecord {
  type: EntityType;
  id: string;
  fqn: string;
  /** Id of the containing entity (service → database → schema → table ...), when there is one. */
  parentId?: string;
  /** The stored entity, all fields included. */
  entity: JsonObject;
}

/** Listing order: by name, then FQN (names repeat across schemas). */
export function compareRecords(a: EntityRecord, b: EntityRecord): number {
  return compareStrings(String(a.entity.name ?? ''), String(b.entity.name ?? '')) || compareStrings(a.fqn, b.fqn);
}

export class EntityStore {
  private readonly byId = new Map<string, EntityRecord>();
  private readonly byType = new Map<EntityType, Map<string, EntityRecord>>();
  private readonly childIds = new Map<string, Set<string>>();
  private readonly sorted = new Map<EntityType, EntityRecord[]>();

  private typeMap(type: EntityType): Map<string, EntityRecord> {
    let map = this.byType.get(type);
    if (!map) {
      map = new Map();
      this.byType.set(type, map);
    }
    return map;
  }

  get(type: EntityType, fqn: string): EntityRecord | undefined {
    return this.byType.get(type)?.get(fqn);
  }

  getById(id: string): EntityRecord | undefined {
    return this.byId.get(id);
  }

  all(type: EntityType): EntityRecord[] {
    return [...(this.byType.get(type)?.values() ?? [])];
  }

  /** Every record of a type in listing order (cached until the type changes). */
  allSorted(type: EntityType): readonly EntityRecord[] {
    let list = this.sorted.get(type);
    if (!list) {
      list = this.all(type).sort(compareRecords);
      this.sorted.set(type, list);
    }
    return list;
  }

  children(id: string): EntityRecord[] {
    return [...(this.childIds.get(id) ?? [])].flatMap((childId) => this.byId.get(childId) ?? []);
  }

  put(record: EntityRecord): void {
    this.byId.set(record.id, record);
    this.typeMap(record.type).set(record.fqn, record);
    this.sorted.delete(record.type);
    if (record.parentId) {
      let set = this.childIds.get(record.parentId);
      if (!set) {
        set = new Set();
        this.childIds.set(record.parentId, set);
      }
      set.add(record.id);
    }
  }

  remove(id: string): void {
    const record = this.byId.get(id);
    if (!record) return;
    this.byId.delete(id);
    this.byType.get(record.type)?.delete(record.fqn);
    this.sorted.delete(record.type);
    if (record.parentId) this.childIds.get(record.parentId)?.delete(id);
    this.childIds.delete(id);
  }

  clear(): void {
    this.byId.clear();
    this.byType.clear();
    this.childIds.clear();
    this.sorted.clear();
  }

  /** A deep copy, so callers can never change stored state by accident. */
  snapshot(record: EntityRecord): JsonObject {
    return cloneJson(record.entity);
  }
}
