/** A relation of one database as lineage sees it: where it lives and its columns in their order. */
export interface CatalogRelation {
  schema: string;
  name: string;
  /** Column names by position (attnum order, dropped columns left out). */
  columns: readonly string[];
  kind: 'table' | 'view' | 'materializedView' | 'foreignTable' | 'partitionedTable';
}

/** A table named by a statement: a catalog relation, or one the statement itself creates. */
export interface TableName {
  schema: string;
  name: string;
}

/** A table's identity as a map key (schema and name joined by a character no identifier holds). */
export const tableKey = (table: TableName): string => `${table.schema}\u0000${table.name}`;

/** A table pair's identity as a map key. */
export const edgeKey = (from: TableName, to: TableName): string => `${tableKey(from)}\u0001${tableKey(to)}`;

export type Resolution =
  | { kind: 'relation'; relation: CatalogRelation }
  /** pg_catalog or information_schema: never a source, a target or an unresolved name. */
  | { kind: 'system' }
  | { kind: 'unknown' };

/** Schemas Postgres keeps its own catalog in. */
const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'pg_toast']);

export const isSystemSchema = (schema: string): boolean => SYSTEM_SCHEMAS.has(schema) || schema.startsWith('pg_temp');

/** The default search_path of every Postgres since 7.3. */
export const DEFAULT_SEARCH_PATH: readonly string[] = ['$user', 'public'];

/**
 * The relations of one database, looked up as Postgres looks them up: a qualified name directly; an unqualified one
 * through pg_catalog (implicitly first unless the path names it), then the search path with `$user` replaced.
 */
export class LineageCatalog {
  private readonly bySchema = new Map<string, Map<string, CatalogRelation>>();

  constructor(
    relations: Iterable<CatalogRelation>,
    /** Names of pg_catalog's relations, which an unqualified name may mean (pg_class, pg_stat_activity, ...). */
    readonly systemNames: ReadonlySet<string> = new Set(),
  ) {
    for (const relation of relations) {
      let schema = this.bySchema.get(relation.schema);
      if (!schema) this.bySchema.set(relation.schema, (schema = new Map()));
      schema.set(relation.name, relation);
    }
  }

  get size(): number {
    let total = 0;
    for (const schema of this.bySchema.values()) total += schema.size;
    return total;
  }

  relations(): IterableIterator<CatalogRelation> {
    const schemas = this.bySchema.values();
    return (function* () {
      for (const schema of schemas) yield* schema.values();
    })();
  }

  get(schema: string, name: string): CatalogRelation | undefined {
    return this.bySchema.get(schema)?.get(name);
  }

  resolve(schema: string | undefined, name: string, searchPath: readonly string[], user?: string): Resolution {
    if (schema !== undefined) {
      if (isSystemSchema(schema)) return { kind: 'system' };
      const relation = this.get(schema, name);
      return relation ? { kind: 'relation', relation } : { kind: 'unknown' };
    }
    const path = searchPath.includes('pg_catalog') ? searchPath : ['pg_catalog', ...searchPath];
    for (const entry of path) {
      const candidate = entry === '$user' ? user : entry;
      if (candidate === undefined) continue;
      if (candidate === 'pg_catalog') {
        if (this.systemNames.has(name)) return { kind: 'system' };
        continue;
      }
      const relation = this.get(candidate, name);
      if (relation) return { kind: 'relation', relation };
    }
    return { kind: 'unknown' };
  }

  /** Where CREATE puts an unqualified name: the first schema of the path that exists ($user only if it does). */
  creationSchema(searchPath: readonly string[], user?: string): string | undefined {
    for (const entry of searchPath) {
      const candidate = entry === '$user' ? user : entry;
      if (candidate === undefined || candidate === 'pg_catalog' || isSystemSchema(candidate)) continue;
      if (entry !== '$user' || this.bySchema.has(candidate)) return candidate;
    }
    return undefined;
  }
}
