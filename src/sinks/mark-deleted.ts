import type { OpenMetadataClient, StoredEntity } from '../openmetadata/openmetadata-client.js';
import type { EntityScope } from '../workflow/records.js';
import { collectionOf, type StoredChildren } from './stored-children.js';

/**
 * Soft-deletes what the server held under the scope's parent and the source no longer has. Only parents the run
 * processed get a scope, and a scope lists filtered-out entities too, so nothing a filter merely hid is deleted.
 * The listing is complete before the first delete: deleting while paging would shift the cursor.
 */
export async function markDeleted(client: OpenMetadataClient, scope: EntityScope, stored: StoredChildren): Promise<StoredEntity[]> {
  const present = new Set(scope.present);
  const listing = await stored.of(scope.entityType, scope.parentFqn);
  const gone = [...listing.values()].filter((entity) => !present.has(entity.fullyQualifiedName));
  for (const entity of gone) await client.softDelete(collectionOf(scope.entityType), entity.id);
  return gone;
}
