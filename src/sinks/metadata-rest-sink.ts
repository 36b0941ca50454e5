import { createHash } from 'node:crypto';
import type { PostgresConnectionConfig, WorkflowConfig } from '../config/types.js';
import { OpenMetadataApiError } from '../openmetadata/api-errors.js';
import { OpenMetadataClient, type StoredEntity } from '../openmetadata/openmetadata-client.js';
import type { ServerConnection } from '../openmetadata/server-connection.js';
import { takesFunctionProcedureType, takesRelationshipType, usesOwnersList } from '../openmetadata/server-version.js';
import type { Logger } from '../util/logger.js';
import { Semaphore } from '../util/semaphore.js';
import type { EntityScope, OutputRecord } from '../workflow/records.js';
import { StepStatus } from '../workflow/step-status.js';
import type { Sink } from '../workflow/steps.js';
import { routeOf, type EntityRoute } from './entity-routes.js';
import { REFERENCE_RECORD_TYPES, ReferenceRecords } from './reference-records.js';
import { descriptionPatch, keepCuration } from './curation.js';
import { markDeleted } from './mark-deleted.js';
import { storedProcedureType, withRelationshipTypes } from './newer-fields.js';
import { OwnerResolver } from './owner-resolver.js';
import { serverConnection } from './service-connection.js';
import { StoredChildren, type ChildType } from './stored-children.js';

export interface MetadataRestSinkOptions {
  config: WorkflowConfig;
  /** The service connection as the user wrote it, secrets included: what the server stores. */
  serviceConnection?: PostgresConnectionConfig;
  log: Logger;
  /** Requests in flight at once. */
  concurrency: number;
  /** Per-request timeout, connecting included. */
  timeoutMs?: number;
  /** Entities per page when listing what the server holds under a parent. */
  listingPageSize?: number;
  /** The run's shared client; without it the sink connects (and closes) a client of its own. */
  server?: ServerConnection;
}

type Body = Record<string, unknown>;

/** The pipeline flag that turns on mark-deleted for each kind of scope. */
const MARK_DELETED_FLAG: Readonly<Record<EntityScope['entityType'], string>> = {
  database: 'markDeletedDatabases',
  databaseSchema: 'markDeletedSchemas',
  table: 'markDeletedTables',
  storedProcedure: 'markDeletedStoredProcedures',
};

/**
 * Sends create-or-update requests to OpenMetadata with bounded concurrency, each entity after the entities it
 * depends on, and afterwards soft-deletes what the source no longer has. A request the server rejects is one
 * failure; a server that cannot be reached ends the run.
 */
export class MetadataRestSink implements Sink {
  readonly status = new StepStatus('OpenMetadata');
  private client?: OpenMetadataClient;
  private owners?: OwnerResolver;
  private references?: ReferenceRecords;
  private stored?: StoredChildren;
  private readonly slots: Semaphore;
  /** FQN → settles once the entity has been sent (successfully or not): what dependants wait for. */
  private readonly sent = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly scopes: EntityScope[] = [];
  private fatal?: Error;
  /** FQN → id of every entity this run created or found, from the server's answers (never a GET per entity). */
  private readonly ids = new Map<string, string>();

  constructor(readonly options: MetadataRestSinkOptions) {
    this.slots = new Semaphore(options.concurrency);
  }

  /** overrideMetadata: whether what the source says replaces what people curated on the server. */
  private get overrideMetadata(): boolean {
    return (this.options.config.source.sourceConfig.config as { overrideMetadata?: boolean }).overrideMetadata === true;
  }

  /** The id of an entity this run sent, once the server has answered for it. */
  idOf(fqn: string): string | undefined {
    return this.ids.get(fqn);
  }

  /** The connected client, for other users of the same server (pipeline status). */
  get openMetadata(): OpenMetadataClient | undefined {
    return this.client;
  }

  async prepare(): Promise<void> {
    const { server } = this.options;
    this.client = server
      ? await server.client()
      : await OpenMetadataClient.connect(this.options.config.workflowConfig.openMetadataServerConfig, {
          log: this.options.log,
          concurrency: this.options.concurrency,
          timeoutMs: this.options.timeoutMs,
        });
    this.owners = new OwnerResolver(this.client);
    this.stored = new StoredChildren(this.client, this.options.listingPageSize);
    this.options.log.info(`Connected to OpenMetadata ${this.client.version.raw} at ${this.client.http.serverUrl}`);
  }

  async write(record: OutputRecord): Promise<void> {
    if (this.fatal) throw this.fatal;
    if (REFERENCE_RECORD_TYPES.has(record.type)) return this.schedule(record, () => this.deliverReference(record));
    const route = routeOf(record);
    if (!route) {
      this.status.failures.push({ name: record.entityName, error: `record type ${record.type} cannot be sent by the metadata-rest sink` });
      return;
    }
    await this.slots.acquire();
    const dependencies = route.dependsOn.map((fqn) => this.sent.get(fqn)).filter((p): p is Promise<void> => p !== undefined);
    const delivery = Promise.all(dependencies)
      .then(() => this.deliver(record, route))
      .catch((error: unknown) => this.fail(record, error))
      .finally(() => {
        this.slots.release();
        this.inFlight.delete(delivery);
      });
    this.inFlight.add(delivery);
    this.sent.set(route.fqn, delivery);
  }

  /** Runs a delivery within the concurrency bound; its failure is the record's, or the run's when not the server's word. */
  private async schedule(record: OutputRecord, deliver: () => Promise<void>): Promise<void> {
    await this.slots.acquire();
    const delivery = deliver()
      .catch((error: unknown) => this.fail(record, error))
      .finally(() => {
        this.slots.release();
        this.inFlight.delete(delivery);
      });
    this.inFlight.add(delivery);
  }

  /** Lineage and usage records: sent once, or skipped with a warning (a table the server lacks), never a failure. */
  private async deliverReference(record: OutputRecord): Promise<void> {
    if (this.fatal) return;
    const overrideViewLineage = (this.options.config.source.sourceConfig.config as { overrideViewLineage?: boolean }).overrideViewLineage === true;
    this.references ??= new ReferenceRecords(this.client as OpenMetadataClient, { overrideViewLineage });
    const outcome = await this.references.deliver(record);
    if (outcome.sent) this.status.records++;
    else {
      this.status.warnings.push({ name: record.entityName, message: outcome.warning });
      this.options.log.warn(`${record.entityName}: ${outcome.warning}`);
    }
  }

  private fail(record: OutputRecord, error: unknown): void {
    if (error instanceof OpenMetadataApiError) {
      this.status.failures.push({ name: record.entityName, error: `${error.status} ${error.serverMessage}` });
    } else {
      this.fatal ??= error as Error;
    }
  }

  private async deliver(record: OutputRecord, route: EntityRoute): Promise<void> {
    if (this.fatal) return;
    const client = this.client as OpenMetadataClient;
    const serverConfig = this.options.config.workflowConfig.openMetadataServerConfig;
    if (record.type === 'createDatabaseService' && !serverConfig.forceEntityOverwriting) {
      // OpenMetadata never overwrites a service that exists: its connection may have been edited in the UI.
      const existing = await client.getByName(route.collection, route.fqn);
      if (existing) {
        this.ids.set(route.fqn, existing.id);
        this.status.records++;
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
        this.status.records++;
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
    this.status.records++;
  }

  /** The server's entities under a parent; a parent it cannot list (a 4xx) just means nothing is known unchanged. */
  private async storedUnder(type: ChildType, parentFqn: string): Promise<Map<string, StoredEntity>> {
    try {
      return await (this.stored as StoredChildren).of(type, parentFqn);
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
    const version = (this.client as OpenMetadataClient).version;
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
      const resolved = owner.id ? { id: owner.id, type: owner.type ?? 'user' } : await this.owners?.resolve(String(owner.fullyQualifiedName));
      if (resolved) {
        if (usesOwnersList(version)) body.owners = [resolved];
        else body.owner = resolved;
      }
    }
    return body;
  }

  async endScope(scope: EntityScope): Promise<void> {
    this.scopes.push(scope);
  }

  async finish(): Promise<void> {
    await Promise.all([...this.inFlight]);
    if (this.fatal) throw this.fatal;
    await this.references?.finish(new Date().toISOString().slice(0, 10));
    const pipeline = this.options.config.source.sourceConfig.config as Partial<Record<string, unknown>>;
    const client = this.client as OpenMetadataClient;
    // Scopes have distinct parents (a dropped parent has no scope of its own children), so they are independent:
    // list and delete `concurrency` of them at a time, each scope's pages in order, and report in scope order.
    const enabled = this.scopes.filter((scope) => pipeline[MARK_DELETED_FLAG[scope.entityType]] === true);
    const results = new Map<EntityScope, StoredEntity[] | OpenMetadataApiError>();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < enabled.length && !this.fatal) {
        const scope = enabled[next++];
        try {
          results.set(scope, await markDeleted(client, scope, this.stored as StoredChildren));
        } catch (error) {
          if (!(error instanceof OpenMetadataApiError)) {
            this.fatal ??= error as Error;
            return;
          }
          results.set(scope, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, enabled.length) }, lane));
    if (this.fatal) throw this.fatal;
    for (const scope of enabled) {
      const result = results.get(scope);
      if (result instanceof OpenMetadataApiError) {
        this.status.failures.push({ name: scope.parentFqn, error: `mark deleted: ${result.status} ${result.serverMessage}` });
        continue;
      }
      for (const gone of result ?? []) {
        this.status.records++;
        this.options.log.info(`Marked deleted: ${gone.fullyQualifiedName}`);
      }
    }
    if (!this.options.server) client.close();
  }

  destination(): string {
    const server = this.client?.http.serverUrl ?? this.options.config.workflowConfig.openMetadataServerConfig.hostPort;
    return `OpenMetadata at ${server}, service ${this.options.config.source.serviceName}`;
  }

  async abort(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    if (!this.options.server) this.client?.close();
  }
}

/** md5 of the request body as sent (sourceHash aside): 32 hex characters, the length OpenMetadata allows. */
function fingerprint(body: Body): string {
  const { sourceHash: _ignored, ...rest } = body;
  return createHash('md5').update(JSON.stringify(rest)).digest('hex');
}
