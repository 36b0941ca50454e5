import type { PostgresConnectionConfig, WorkflowConfig } from '../config/types.js';
import { OpenMetadataApiError } from '../openmetadata/api-errors.js';
import { OpenMetadataClient, type StoredEntity } from '../openmetadata/openmetadata-client.js';
import type { ServerConnection } from '../openmetadata/server-connection.js';
import type { Logger } from '../util/logger.js';
import { Semaphore } from '../util/semaphore.js';
import type { EntityScope, OutputRecord } from '../workflow/records.js';
import { StepStatus } from '../workflow/step-status.js';
import type { Sink } from '../workflow/steps.js';
import { routeOf, type EntityRoute } from './entity-routes.js';
import { REFERENCE_RECORD_TYPES, ReferenceRecords, referenceDependencies } from './reference-records.js';
import { markDeleted } from './mark-deleted.js';
import { EntityHandler } from './entity-handler.js';
import { StoredChildren } from './stored-children.js';

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
  private entities?: EntityHandler;
  private references?: ReferenceRecords;
  private readonly slots: Semaphore;
  /** FQN → settles once the entity has been sent (successfully or not): what dependants wait for. */
  private readonly sent = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly scopes: EntityScope[] = [];
  private referenceStarts: Promise<void> = Promise.resolve();
  private fatal?: Error;

  constructor(readonly options: MetadataRestSinkOptions) {
    this.slots = new Semaphore(options.concurrency);
  }

  /** The id of an entity this run sent, once the server has answered for it. */
  idOf(fqn: string): string | undefined {
    return this.entities?.ids.get(fqn);
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
    const { config, serviceConnection, listingPageSize } = this.options;
    this.entities = new EntityHandler(this.client, new StoredChildren(this.client, listingPageSize), { config, serviceConnection });
    this.options.log.info(`Connected to OpenMetadata ${this.client.version.raw} at ${this.client.http.serverUrl}`);
  }

  async write(record: OutputRecord): Promise<void> {
    if (this.fatal) throw this.fatal;
    if (REFERENCE_RECORD_TYPES.has(record.type)) {
      const needs = referenceDependencies(record)
        .map((fqn) => this.sent.get(fqn))
        .filter((p): p is Promise<void> => p !== undefined);
      // Handlers pair records by the order they see them (a result waits for its case): a record waiting for an
      // entity must not let the ones after it start first, so the starts form one chain.
      const start = this.referenceStarts.then(() => Promise.all(needs)).then(() => undefined);
      this.referenceStarts = start;
      return this.schedule(record, async () => {
        await start;
        await this.deliverReference(record);
      });
    }
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
    const forceUpdate = (this.options.config.processor?.config as { forceUpdate?: boolean } | undefined)?.forceUpdate === true;
    this.references ??= new ReferenceRecords(this.client as OpenMetadataClient, { overrideViewLineage, forceUpdate });
    const outcome = await this.references.deliver(record);
    if (outcome.sent) this.status.records++;
    if (outcome.warning !== undefined) {
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
    await (this.entities as EntityHandler).deliver(record, route);
    this.status.records++;
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
          results.set(scope, await markDeleted(client, scope, (this.entities as EntityHandler).stored));
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
