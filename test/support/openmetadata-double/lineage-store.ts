/**
 * Lineage edges as OpenMetadata keeps them: one `upstream` relationship row per (from id, to id), carrying the edge's
 * lineageDetails as JSON (null when the request had none, in 1.4). Writing an existing pair replaces its details,
 * like the server's insert-or-update on the relationship table. Edges whose entity was hard-deleted are dropped, as
 * the server deletes every relationship of a hard-deleted entity.
 */
import type { EntityStore } from './store.js';
import { compareStrings, isJsonObject, type EntityType, type JsonObject } from './types.js';

export interface StoredEdge {
  fromId: string;
  fromType: EntityType;
  toId: string;
  toType: EntityType;
  /** The stored lineageDetails; null when the edge was added without any (1.4). */
  details: JsonObject | null;
}

const key = (fromId: string, toId: string) => `${fromId}>${toId}`;

export class LineageStore {
  private readonly edges = new Map<string, StoredEdge>();

  /** Adds or replaces the edge of its (from, to) pair; answers whether one existed. */
  put(edge: StoredEdge): boolean {
    const existed = this.edges.has(key(edge.fromId, edge.toId));
    this.edges.set(key(edge.fromId, edge.toId), structuredClone(edge));
    return existed;
  }

  get(fromId: string, toId: string): StoredEdge | undefined {
    return this.edges.get(key(fromId, toId));
  }

  /** Removes the edge when it joins exactly these typed entities; answers whether a row went. */
  remove(fromId: string, fromType: string, toId: string, toType: string): boolean {
    const edge = this.edges.get(key(fromId, toId));
    if (!edge || edge.fromType !== fromType || edge.toType !== toType) return false;
    return this.edges.delete(key(fromId, toId));
  }

  /** Removes every edge into `toId` of that type whose lineageDetails name `source`; answers how many went. */
  removeUpstreamBySource(toId: string, toType: string, source: string): number {
    let removed = 0;
    for (const [k, edge] of this.edges) {
      if (edge.toId === toId && edge.toType === toType && edge.details?.source === source) removed += Number(this.edges.delete(k));
    }
    return removed;
  }

  /** Edges into `toId` of that type, by from id (the server's `ORDER BY fromId`). */
  upstreamOf(toId: string, toType: string): StoredEdge[] {
    return this.all()
      .filter((e) => e.toId === toId && e.toType === toType)
      .sort((a, b) => compareStrings(a.fromId, b.fromId));
  }

  /** Edges out of `fromId` of that type, by to id (the server's `ORDER BY toId`). */
  downstreamOf(fromId: string, fromType: string): StoredEdge[] {
    return this.all()
      .filter((e) => e.fromId === fromId && e.fromType === fromType)
      .sort((a, b) => compareStrings(a.toId, b.toId));
  }

  /** Edges whose lineageDetails name this pipeline or stored procedure (how a pipeline's own lineage is found). */
  viaPipeline(pipelineId: string): StoredEdge[] {
    return this.all().filter((e) => {
      const pipeline = e.details?.pipeline;
      return isJsonObject(pipeline) && pipeline.id === pipelineId;
    });
  }

  /** Every edge in the order first written. */
  all(): StoredEdge[] {
    return [...this.edges.values()];
  }

  /** Forgets edges that touch an entity no longer stored (hard-deleted). */
  prune(store: EntityStore): void {
    for (const [k, edge] of this.edges) {
      if (!store.getById(edge.fromId) || !store.getById(edge.toId)) this.edges.delete(k);
    }
  }

  clear(): void {
    this.edges.clear();
  }
}
