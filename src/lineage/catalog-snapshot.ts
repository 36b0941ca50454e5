import type { SourcePool } from '../postgres/source-pool.js';
import { DEFAULT_SEARCH_PATH, LineageCatalog, type CatalogRelation } from './lineage-catalog.js';
import { LINEAGE_RELATIONS_SQL, ROLE_SEARCH_PATHS_SQL, SYSTEM_RELATION_NAMES_SQL } from './lineage-queries.js';

const KINDS: Readonly<Record<string, CatalogRelation['kind']>> = {
  r: 'table',
  p: 'partitionedTable',
  v: 'view',
  m: 'materializedView',
  f: 'foreignTable',
};

/** A relation of the snapshot with the oid its views' dependencies are read by. */
export interface SnapshotRelation extends CatalogRelation {
  oid: number;
}

/** One database's relations as lineage needs them, and the search_path each role runs with there. */
export interface CatalogSnapshot {
  catalog: LineageCatalog;
  relations: SnapshotRelation[];
  /** The search_path a statement of `role` resolved names with (settings by role and database, then the default). */
  searchPathOf(role: string | undefined): readonly string[];
}

/** `"$user", public` → `['$user', 'public']`: a search_path setting's list, quotes removed. */
export function parseSearchPath(setting: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < setting.length; i++) {
    const char = setting[i];
    if (char === '"') {
      if (quoted && setting[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (char === ',' && !quoted) {
      entries.push(current.trim());
      current = '';
    } else current += quoted ? char : char.toLowerCase();
  }
  if (current.trim() !== '' || entries.length > 0) entries.push(current.trim());
  return entries.filter((entry) => entry !== '');
}

export async function readCatalogSnapshot(pool: SourcePool): Promise<CatalogSnapshot> {
  const [rows, system, settings] = await Promise.all([
    pool.query<{ oid: string; schema: string; name: string; kind: string; columns: string[] }>(LINEAGE_RELATIONS_SQL),
    pool.query<{ name: string }>(SYSTEM_RELATION_NAMES_SQL),
    pool.query<{ role: string; database_specific: boolean; setting: string }>(ROLE_SEARCH_PATHS_SQL),
  ]);
  const relations: SnapshotRelation[] = rows.map((row) => ({
    oid: Number(row.oid),
    schema: row.schema,
    name: row.name,
    kind: KINDS[row.kind] ?? 'table',
    columns: row.columns,
  }));
  // Postgres applies the most specific setting: role and database, then role, then database.
  const ranked = new Map<string, { rank: number; path: string[] }>();
  for (const row of settings) {
    const rank = (row.role ? 2 : 0) + (row.database_specific ? 1 : 0);
    const key = row.role;
    const path = parseSearchPath(row.setting.slice('search_path='.length));
    if ((ranked.get(key)?.rank ?? -1) < rank) ranked.set(key, { rank, path });
  }
  const everyone = ranked.get('')?.path ?? DEFAULT_SEARCH_PATH;
  return {
    catalog: new LineageCatalog(relations, new Set(system.map((row) => row.name))),
    relations,
    searchPathOf: (role) => (role !== undefined ? ranked.get(role)?.path : undefined) ?? everyone,
  };
}
