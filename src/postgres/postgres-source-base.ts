import type { PostgresConnectionConfig, WorkflowConfig } from '../config/types.js';
import type { Logger } from '../util/logger.js';
import { DatabasePools } from './database-pools.js';

/**
 * What every Postgres source of a workflow shares: the service, the pipeline's sourceConfig, the connection (the
 * service's stored one when the YAML has none) and the pools of the databases it reads.
 */
export abstract class PostgresSourceBase<Pipeline> {
  readonly stepName = 'Postgres';
  protected databases?: DatabasePools;
  protected connection: PostgresConnectionConfig;
  protected readonly pipeline: Pipeline;
  protected readonly service: string;

  constructor(
    config: WorkflowConfig,
    protected readonly log: Logger,
    private readonly lookUpConnection?: () => Promise<PostgresConnectionConfig>,
  ) {
    this.service = config.source.serviceName;
    this.connection = config.source.serviceConnection?.config as PostgresConnectionConfig;
    this.pipeline = config.source.sourceConfig.config as Pipeline;
  }

  /** The connection: the YAML's, else the one the service stores on the server. */
  protected async resolveConnection(): Promise<PostgresConnectionConfig> {
    if (!this.connection && this.lookUpConnection) this.connection = await this.lookUpConnection();
    return this.connection;
  }

  /** Resolves the connection and connects to the first database; returns its pools. */
  protected async connectDatabases(): Promise<DatabasePools> {
    await this.resolveConnection();
    this.databases = new DatabasePools(this.connection, this.log);
    await this.databases.connect();
    return this.databases;
  }

  async close(): Promise<void> {
    await this.databases?.close();
  }
}
