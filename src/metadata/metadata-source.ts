import type { DatabaseMetadataPipelineConfig, PostgresConnectionConfig, WorkflowConfig } from '../config/types.js';
import { assertAcceptedName, buildFqn, InvalidNameError } from '../openmetadata/fqn.js';
import { CatalogReader } from '../postgres/catalog-reader.js';
import { refusesThisDatabase, SourcePool } from '../postgres/source-pool.js';
import type { Logger } from '../util/logger.js';
import type { SourceEvent } from '../workflow/records.js';
import type { Source } from '../workflow/steps.js';
import { readableFqn } from '../openmetadata/fqn.js';
import { walkDatabase } from './database-walker.js';
import { buildCreateDatabaseService } from './entity-requests.js';
import { NameFilter } from './name-filter.js';

/** OpenMetadata's DatabaseMetadata source for Postgres: service → databases → schemas → tables and routines. */
export class MetadataSource implements Source {
  readonly stepName = 'Postgres';
  private readonly pools: SourcePool[] = [];
  private firstPool?: SourcePool;
  private readonly service: string;
  private connection: PostgresConnectionConfig;
  private readonly pipeline: DatabaseMetadataPipelineConfig;

  /**
   * `asWritten` is the same config without defaults: the service's stored connection is built from it.
   * `lookUpConnection` gives the connection when the config has none (the one stored on the server).
   */
  constructor(
    config: WorkflowConfig,
    private readonly asWritten: WorkflowConfig,
    private readonly log: Logger,
    private readonly lookUpConnection?: () => Promise<PostgresConnectionConfig>,
  ) {
    this.service = config.source.serviceName;
    this.connection = config.source.serviceConnection?.config as PostgresConnectionConfig;
    this.pipeline = config.source.sourceConfig.config as DatabaseMetadataPipelineConfig;
  }

  /** Without a database, libpq (and so OpenMetadata's psycopg2 connection) uses the user's name. */
  private get initialDatabase(): string {
    return this.connection.database ?? this.connection.username;
  }

  async prepare(): Promise<void> {
    if (!this.connection && this.lookUpConnection) this.connection = await this.lookUpConnection();
    // Connecting first means a wrong password or host fails the run before anything is written.
    this.firstPool = await this.open(this.initialDatabase);
    this.log.info(`Connected to Postgres ${this.firstPool.plan.describe} (Postgres ${this.firstPool.version})`);
    for (const key of this.firstPool.plan.ignoredParameters) this.log.warn(`connection parameter '${key}' is not used by om-worker; ignored`);
  }

  private async open(database: string): Promise<SourcePool> {
    const pool = await SourcePool.open(this.connection, database, { maxConnections: 3 });
    this.pools.push(pool);
    return pool;
  }

  async *events(): AsyncGenerator<SourceEvent> {
    if (!this.firstPool) throw new Error('prepare() must run before events()');
    yield {
      kind: 'record',
      record: {
        type: 'createDatabaseService',
        data: buildCreateDatabaseService(this.service, this.asWritten.source.serviceConnection?.config),
        entityName: buildFqn(this.service),
      },
    };
    const walk = {
      service: this.service,
      pipeline: this.pipeline,
      classificationName: this.connection.classificationName ?? 'PostgresPolicyTags',
      emittedTags: new Set<string>(),
      log: this.log,
    };
    if (!this.connection.ingestAllDatabases) {
      yield* walkDatabase(new CatalogReader(this.firstPool), walk);
      return;
    }
    const filter = new NameFilter(this.pipeline.databaseFilterPattern);
    const databases = await new CatalogReader(this.firstPool).databases();
    for (const database of databases) {
      const name = readableFqn(this.service, database.name);
      // Filtered by its bare name before any FQN is built: a name OpenMetadata cannot take is no failure if unwanted.
      if (!this.pipeline.useFqnForFiltering && filter.rejects(database.name)) {
        yield { kind: 'filtered', name, reason: 'Database Filtered Out' };
        continue;
      }
      let fqn: string;
      try {
        assertAcceptedName(database.name, 'database');
        fqn = buildFqn(this.service, database.name);
      } catch (error) {
        if (!(error instanceof InvalidNameError)) throw error;
        yield { kind: 'failure', failure: { name, error: error.message } };
        continue;
      }
      if (this.pipeline.useFqnForFiltering && filter.rejects(fqn)) {
        yield { kind: 'filtered', name: fqn, reason: 'Database Filtered Out' };
        continue;
      }
      let pool: SourcePool;
      try {
        pool = database.name === this.initialDatabase ? this.firstPool : await this.open(database.name);
      } catch (error) {
        // A server that went away is no database to skip: the run stops.
        if (!refusesThisDatabase(error)) throw error;
        // As OpenMetadata does: a database we may not connect to is skipped with a warning, not failed.
        yield { kind: 'warning', name: fqn, message: (error as Error).message };
        continue;
      }
      yield* walkDatabase(new CatalogReader(pool), walk);
      if (pool !== this.firstPool) {
        await pool.close();
        this.pools.splice(this.pools.indexOf(pool), 1);
      }
    }
    // Only a run over every database can say which ones are gone (templates are skipped, not gone).
    const present = [...databases.map((d) => d.name), 'template0', 'template1'].map((name) => readableFqn(this.service, name));
    yield { kind: 'scope', scope: { entityType: 'database', parentFqn: buildFqn(this.service), present } };
  }

  async close(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.close().catch(() => undefined)));
    this.pools.length = 0;
  }
}
