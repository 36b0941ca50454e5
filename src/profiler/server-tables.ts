import type { TableProfilerSettings } from '../config/types.js';
import type { OpenMetadataClient } from '../openmetadata/openmetadata-client.js';

/** A table as the server holds it: what the profiler takes from there. */
export interface ServerTable {
  id: string;
  /** The table's stored tableProfilerConfig (set in OpenMetadata's UI or API). */
  profilerConfig?: TableProfilerSettings;
  /** The FQNs of the table's own tags, tiers and glossary terms. */
  tags: string[];
}

/** The server's tables of one database, by FQN. */
export type ServerTables = (databaseFqn: string) => Promise<Map<string, ServerTable>>;

const PAGE_SIZE = 1000;

/**
 * With the metadata-rest sink the profiler profiles what the server holds, as OpenMetadata does: one paged listing of
 * a database's tables (with their stored profiler settings) before its tables are read.
 */
export function serverTablesOf(client: () => Promise<OpenMetadataClient>): ServerTables {
  return async (databaseFqn) => {
    const tables = new Map<string, ServerTable>();
    const api = await client();
    for await (const entity of api.list('tables', { database: databaseFqn, fields: 'tableProfilerConfig,tags', include: 'non-deleted' }, PAGE_SIZE)) {
      const tags = Array.isArray(entity.tags)
        ? (entity.tags as Array<{ tagFQN?: unknown }>).flatMap((tag) => (typeof tag.tagFQN === 'string' ? [tag.tagFQN] : []))
        : [];
      tables.set(entity.fullyQualifiedName, { id: entity.id, profilerConfig: entity.tableProfilerConfig as TableProfilerSettings | undefined, tags });
    }
    return tables;
  };
}
