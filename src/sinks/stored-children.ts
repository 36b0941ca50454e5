import type { OpenMetadataClient, StoredEntity } from '../openmetadata/openmetadata-client.js';
import { usesOwnersList } from '../openmetadata/server-version.js';
import type { EntityScope } from '../workflow/records.js';

export type ChildType = EntityScope['entityType'];

/** The listing of each kind of child: its collection and the query parameter naming the parent's FQN. */
const COLLECTIONS: Readonly<Record<ChildType, { collection: string; parentParam: string }>> = {
  database: { collection: 'databases', parentParam: 'service' },
  databaseSchema: { collection: 'databaseSchemas', parentParam: 'database' },
  table: { collection: 'tables', parentParam: 'databaseSchema' },
  storedProcedure: { collection: 'storedProcedures', parentParam: 'databaseSchema' },
};

/** Entities per listing page (OpenMetadata accepts up to 1,000,000): fewer, larger round trips than the default 100. */
export const LISTING_PAGE_SIZE = 1000;

export function collectionOf(type: ChildType): string {
  return COLLECTIONS[type].collection;
}

/**
 * What the server held under each parent the first time the run asked: FQN → stored entity (id, sourceHash, whether
 * it has an owner, its display name). One
 * paged listing per parent serves both the unchanged-entity check before sending and mark-deleted afterwards; taken
 * before this run's own writes, it holds exactly the entities that existed beforehand.
 */
export class StoredChildren {
  private readonly listings = new Map<string, Promise<Map<string, StoredEntity>>>();

  constructor(
    private readonly client: OpenMetadataClient,
    private readonly pageSize = LISTING_PAGE_SIZE,
  ) {}

  of(type: ChildType, parentFqn: string): Promise<Map<string, StoredEntity>> {
    const key = `${type}\u0000${parentFqn}`;
    let listing = this.listings.get(key);
    if (!listing) {
      listing = this.list(type, parentFqn);
      listing.catch(() => this.listings.delete(key)); // a failed listing is asked again, not remembered
      this.listings.set(key, listing);
    }
    return listing;
  }

  private async list(type: ChildType, parentFqn: string): Promise<Map<string, StoredEntity>> {
    const { collection, parentParam } = COLLECTIONS[type];
    const out = new Map<string, StoredEntity>();
    // Owners too: a person's choice of owner must survive a re-run (overrideMetadata: false).
    const ownerField = usesOwnersList(this.client.version) ? 'owners' : 'owner';
    const filter = { [parentParam]: parentFqn, include: 'non-deleted', fields: `sourceHash,${ownerField}` };
    for await (const entity of this.client.list(collection, filter, this.pageSize)) {
      // Kept until mark-deleted has run: only what the checks need, not the tables' columns a server may send along.
      const { id, name, fullyQualifiedName, sourceHash, displayName } = entity;
      const owners = entity[ownerField];
      const hasOwner = Array.isArray(owners) ? owners.length > 0 : owners !== undefined && owners !== null;
      out.set(fullyQualifiedName, { id, name, fullyQualifiedName, sourceHash, hasOwner, displayName });
    }
    return out;
  }
}
