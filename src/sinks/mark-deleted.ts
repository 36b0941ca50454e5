import type { OpenMetadataClient, StoredEntity } from '../openmetadata/openmetadata-client.js';
import type { EntityScope } from '../workflow/records.js';

const COLLECTIONS: Readonly<Record<EntityScope['entityType'], { collection: string; parentParam: string }>> = {
  database: { collection: 'databases', parentParam: 'service' },
  databaseSchema: { collection: 'databaseSchemas', parentParam: 'database' },
  table: { collection: 'tables', parentParam: 'databaseSchema' },
  storedProcedure: { collection: 'storedProcedures', parentParam: 'databaseSchema' },
};

/** Entities per listing page (OpenMetadata accepts up to 1,000,000): fewer, larger round trips than the default 100. */
export const MARK_DELETED_PAGE_SIZE = 1000;

/**
 * Soft-deletes what the server holds under the scope's parent and the source no longer has. Only parents the run
 * processed get a scope, and a scope lists filtered-out entities too, so nothing a filter merely hid is deleted.
 * Lists everything first: deleting while paging would shift the cursor.
 */
export async function markDeleted(client: OpenMetadataClient, scope: EntityScope, pageSize = MARK_DELETED_PAGE_SIZE): Promise<StoredEntity[]> {
  const { collection, parentParam } = COLLECTIONS[scope.entityType];
  const present = new Set(scope.present);
  const gone: StoredEntity[] = [];
  for await (const entity of client.list(collection, { [parentParam]: scope.parentFqn, include: 'non-deleted' }, pageSize)) {
    if (!present.has(entity.fullyQualifiedName)) gone.push(entity);
  }
  for (const entity of gone) await client.softDelete(collection, entity.id);
  return gone;
}
