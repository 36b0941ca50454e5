import { createHash } from 'node:crypto';
import type { PostgresConnectionConfig, WorkflowConfig } from '../config/types.js';
import { OpenMetadataApiError } from '../openmetadata/api-errors.js';
import type { OpenMetadataClient, StoredEntity } from '../openmetadata/openmetadata-client.js';
import { takesFunctionProcedureType, takesRelationshipType, usesOwnersList } from '../openmetadata/server-version.js';
import type { OutputRecord } from '../workflow/records.js';
import { descriptionPatch, keepCuration } from './curation.js';
import type { EntityRoute } from './entity-routes.js';
import { storedProcedureType, withRelationshipTypes } from './newer-fields.js';
import { OwnerResolver } from './owner-resolver.js';
import { serverConnection } from './service-connection.js';
import { StoredChildren, type ChildType } from './stored-children.js';

type Body = Record<string, unknown>;

export interface EntityHandlerOptions {
  config: WorkflowConfig;
  /** The service connection as the user wrote it, secrets included: what the server stores. */
  serviceConnection?: PostgresConnectionConfig;
}

/**
 * Entity creations (services, databases, schemas, tables, procedures, tags) as the server of this release takes them:
 * owners resolved, curation kept, nothing sent for an entity whose sourceHash the server already holds. The ids the
 * server answers with are kept for whoever needs them.
 */
export class EntityHandler {
  /** FQN → id of every entity this run created or found, from the server's answers (never a GET per entity). */
  readonly ids = new Map<string, string>();
  private readonly owners: OwnerResolver;

  constructor(
    private readonly client: OpenMetadataClient,
    readonly stored: StoredChildren,
    private readonly options: EntityHandlerOptions,
  ) {
    this.owners = new OwnerResolver(client);
  }

  /** overrideMetadata: whether what the source says replaces what people curated on the server. */
  private get overrideMetadata(): boolean {
    return (this.options.config.source.sourceConfig.config as { overrideMetadata?: boolean }).overrideMetadata === true;
  }

  /** Sends one entity (or finds it unchanged on the server); throws what the server refuses. */
  async deliver(record: OutputRecord, route: EntityRoute): Promise<void> {
    const { client } = this;
    const serverConfig = this.options.config.workflowConfig.openMetadataServerConfig;
    if (record.type === 'createDatabaseService' && !serverConfig.forceEntityOverwriting) {
      // OpenMetadata never overwrites a service that exists: its connection may have been edited in the UI.
      const existing = await client.getByName(route.collection, route.fqn);
      if (existing) {
        this.ids.set(route.fqn, existing.id);
        return;
      }
    }
    const body = await this.serverBody(record);
    if (route.listedAs) {
      // As OpenMetadata's ingestion does: a fingerprint of the request, and nothing sent when the server has it.
      body.sourceHash = fingerprint(body);
      const existing = await this.storedUnder(route.listedAs.type, route.listedAs.parentFqn);
      const prior = existing.get(route.fqn);
      // Under overrideMetadata the source wins on every run, as in OpenMetadata: an unchanged entity is sent again,
      // so that what a person changed on the server since is put back.
      if (prior && prior.sourceHash === body.sourceHash && !this.overrideMetadata) {
        this.ids.set(route.fqn, prior.id);
        return;
      }
      if (prior) keepCuration(body, prior, this.overrideMetadata);
    }
    const stored = await client.put(route.collection, body);
    if (stored?.id) this.ids.set(route.fqn, stored.id);
    if (stored?.id && this.overrideMetadata) {
      // The server kept a person's descriptions against the bot's PUT; a patch is how the source's replace them.
      const patch = descriptionPatch(stored, body);
      if (patch.length > 0) await client.patch(route.collection, stored.id, patch);
    }
  }

  /** The server's entities under a parent; a parent it cannot list (a 4xx) just means nothing is known unchanged. */
  private async storedUnder(type: ChildType, parentFqn: string): Promise<Map<string, StoredEntity>> {
    try {
      return await this.stored.of(type, parentFqn);
    } catch (error) {
      if (error instanceof OpenMetadataApiError) return new Map();
      throw error;
    }
  }

  /**
   * The body as this server takes it: secrets put back, owners resolved to ids, `owner` or `owners` per release, and
   * the fields newer releases take (storedProcedureType, a foreign key's relationshipType).
   */
  private async serverBody(record: OutputRecord): Promise<Body> {
    const { version } = this.client;
    let body: Body = { ...(record.data as Body) };
    if (record.type === 'createStoredProcedure' && takesFunctionProcedureType(version)) body.storedProcedureType = storedProcedureType(body);
    if (record.type === 'createTable' && takesRelationshipType(version)) body = withRelationshipTypes(body);
    if (record.type === 'createDatabaseService') {
      const store = this.options.config.workflowConfig.openMetadataServerConfig.storeServiceConnection !== false;
      if (store && this.options.serviceConnection) body.connection = { config: serverConnection(this.options.serviceConnection) };
      else delete body.connection;
    }
    const owner = body.owner as { type?: string; fullyQualifiedName?: string; id?: string } | undefined;
    if (owner) {
      delete body.owner;
      const resolved = owner.id ? { id: owner.id, type: owner.type ?? 'user' } : await this.owners.resolve(String(owner.fullyQualifiedName));
      if (resolved) {
        if (usesOwnersList(version)) body.owners = [resolved];
        else body.owner = resolved;
      }
    }
    return body;
  }
}

/** md5 of the request body as sent (sourceHash aside): 32 hex characters, the length OpenMetadata allows. */
function fingerprint(body: Body): string {
  const { sourceHash: _ignored, ...rest } = body;
  return createHash('md5').update(JSON.stringify(rest)).digest('hex');
}
