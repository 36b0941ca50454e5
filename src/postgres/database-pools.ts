import type { FilterPattern, PostgresConnectionConfig } from '../config/types.js';
import { NameFilter } from '../metadata/name-filter.js';
import type { Logger } from '../util/logger.js';
import type { SourceEvent } from '../workflow/records.js';
import { CatalogReader } from './catalog-reader.js';
import { refusesThisDatabase, SourcePool } from './source-pool.js';

export type DatabaseVisit = { kind: 'database'; name: string; pool: SourcePool } | { kind: 'event'; event: SourceEvent };

/**
 * The databases a workflow reads: the connection's own, or with ingestAllDatabases every one the filter keeps, each
 * on its own pool, opened in turn and closed after. A database the role may not enter is a warning, as in
 * OpenMetadata; a server that went away ends the run.
 */
export class DatabasePools {
  private readonly pools: SourcePool[] = [];
  private firstPool?: SourcePool;

  constructor(
    private readonly connection: PostgresConnectionConfig,
    private readonly log: Logger,
    private readonly maxConnections = 2,
  ) {}

  /** Without a database, libpq (and so OpenMetadata's psycopg2 connection) uses the user's name. */
  get initialDatabase(): string {
    return this.connection.database ?? this.connection.username;
  }

  get first(): SourcePool {
    if (!this.firstPool) throw new Error('connect() must run first');
    return this.firstPool;
  }

  async connect(): Promise<SourcePool> {
    this.firstPool = await this.open(this.initialDatabase);
    this.log.info(`Connected to Postgres ${this.firstPool.plan.describe} (Postgres ${this.firstPool.version})`);
    for (const key of this.firstPool.plan.ignoredParameters) this.log.warn(`connection parameter '${key}' is not used by om-worker; ignored`);
    return this.firstPool;
  }

  private async open(database: string): Promise<SourcePool> {
    const pool = await SourcePool.open(this.connection, database, { maxConnections: this.maxConnections });
    this.pools.push(pool);
    return pool;
  }

  /**
   * Each database in turn. `check` runs on a newly opened pool (a missing extension, say); an error it throws with an
   * exit code makes that database a warning instead of the run's end.
   */
  async *each(
    service: string,
    filterPattern: FilterPattern | undefined,
    check?: (pool: SourcePool, name: string) => Promise<void>,
  ): AsyncGenerator<DatabaseVisit> {
    const first = this.first;
    if (!this.connection.ingestAllDatabases) {
      yield { kind: 'database', name: this.initialDatabase, pool: first };
      return;
    }
    const filter = new NameFilter(filterPattern);
    for (const { name } of await new CatalogReader(first).databases()) {
      if (filter.rejects(name)) {
        yield { kind: 'event', event: { kind: 'filtered', name: `${service}.${name}`, reason: 'Database Filtered Out' } };
        continue;
      }
      if (name === this.initialDatabase) {
        yield { kind: 'database', name, pool: first };
        continue;
      }
      let pool: SourcePool | undefined;
      try {
        pool = await this.open(name);
        await check?.(pool, name);
      } catch (error) {
        if (pool) await this.release(pool);
        if (!refusesThisDatabase(error) && (error as { exitCode?: number }).exitCode === undefined) throw error;
        yield { kind: 'event', event: { kind: 'warning', name: `${service}.${name}`, message: (error as Error).message } };
        continue;
      }
      yield { kind: 'database', name, pool };
      await this.release(pool);
    }
  }

  private async release(pool: SourcePool): Promise<void> {
    this.pools.splice(this.pools.indexOf(pool), 1);
    await pool.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.close().catch(() => undefined)));
    this.pools.length = 0;
  }
}
