import type { DatabaseUsagePipelineConfig, PostgresConnectionConfig, WorkflowConfig } from '../config/types.js';
import { readCatalogSnapshot } from '../lineage/catalog-snapshot.js';
import type { SourcePool } from '../postgres/source-pool.js';
import type { Logger } from '../util/logger.js';
import type { SourceEvent } from '../workflow/records.js';
import type { Source } from '../workflow/steps.js';
import { PostgresSourceBase } from '../postgres/postgres-source-base.js';
import { excerpt } from '../util/text-excerpt.js';
import { pgStatStatementsSchema, readStatements, statsReset } from './pg-stat-statements.js';
import { checkQueryLog, readQueryLog } from './query-log-file.js';
import type { QueryRecord } from './query-record.js';
import { usageDeltas, type WindowKind } from './usage-deltas.js';
import type { UsageSnapshotData } from './usage-records.js';
import { readUsageState, usageStatePath } from './usage-state.js';

/** OpenMetadata's default stage folder (`stageFileLocation`) when the config names none. */
export const DEFAULT_STAGE_FOLDER = '/tmp/query_log';

export const usageDate = (time: Date): string => time.toISOString().slice(0, 10);

/** The stage folder a usage config writes to: stage.config.filename, else stageFileLocation, else OpenMetadata's default. */
export function stageFolderOf(config: WorkflowConfig): string {
  const pipeline = config.source.sourceConfig.config as DatabaseUsagePipelineConfig;
  return String(config.stage?.config?.filename ?? pipeline.stageFileLocation ?? DEFAULT_STAGE_FOLDER);
}

/**
 * OpenMetadata's DatabaseUsage source for Postgres. From pg_stat_statements it reads what ran since the previous run
 * (counters minus the snapshot kept beside the stage folder: OpenMetadata counts every statement again at each run);
 * from a query-log file, every line. Each statement becomes one tableQuery record carrying its database's catalog.
 */
export class PostgresUsageSource extends PostgresSourceBase<DatabaseUsagePipelineConfig> implements Source {
  private readonly statePath: string;
  private previous?: UsageSnapshotData;
  private readonly startedAt = new Date();

  constructor(config: WorkflowConfig, log: Logger, lookUpConnection?: () => Promise<PostgresConnectionConfig>) {
    super(config, log, lookUpConnection);
    this.statePath = usageStatePath(stageFolderOf(config));
  }

  private get readsHistory(): boolean {
    return !this.pipeline.queryLogFilePath;
  }

  async prepare(): Promise<void> {
    const databases = await this.connectDatabases();
    const first = databases.first;
    if (this.pipeline.queryLogFilePath) checkQueryLog(this.pipeline.queryLogFilePath);
    if (this.readsHistory) {
      await pgStatStatementsSchema(first, databases.initialDatabase, this.connection.username);
      this.previous = readUsageState(this.statePath);
    }
  }

  async *events(): AsyncGenerator<SourceEvent> {
    if (!this.databases) throw new Error('prepare() must run before events()');
    const next: UsageSnapshotData = {
      takenAt: this.startedAt.toISOString(),
      statsReset: { ...this.previous?.statsReset },
      entries: { ...this.previous?.entries },
    };
    const check = this.readsHistory
      ? (pool: SourcePool, name: string) => pgStatStatementsSchema(pool, name, this.connection.username).then(() => undefined)
      : undefined;
    const windows: WindowKind[] = [];
    for await (const visit of this.databases.each(this.service, undefined, check)) {
      if (visit.kind === 'event') {
        yield visit.event;
        continue;
      }
      const { name: database, pool } = visit;
      const catalog = await readCatalogSnapshot(pool);
      const date = usageDate(this.startedAt);
      if (!this.readsHistory) {
        yield* this.fromLog(database, catalog);
        continue;
      }
      const schema = await pgStatStatementsSchema(pool, database, this.connection.username);
      const [rows, reset] = await Promise.all([
        readStatements(pool, { schema, serverVersionNum: pool.serverVersionNum, writesOnly: false }),
        statsReset(pool, schema),
      ]);
      // Entries of this database are replaced by what it holds now; other databases' stay as they were.
      const dbids = new Set(rows.map((row) => row.entryKey?.split(':')[0]));
      for (const key of Object.keys(next.entries)) if (dbids.has(key.split(':')[0])) delete next.entries[key];
      const deltas = usageDeltas(rows, database, this.previous, reset);
      Object.assign(next.entries, deltas.entries);
      next.statsReset[database] = reset;
      windows.push(deltas.window);
      if (deltas.window === 'reset') {
        const when = reset
          ? ` at ${reset}`
          : deltas.fallen > 0
            ? ` (${deltas.fallen} statements' counters fell)`
            : ' (every statement counted before is gone)';
        yield {
          kind: 'warning',
          name: `${this.service}.${database}`,
          message: `pg_stat_statements was reset since the last run${when}: this run counts from the reset, nothing twice`,
        };
      }
      const limited = [...deltas.queries].sort((a, b) => (b.duration ?? 0) - (a.duration ?? 0)).slice(0, this.pipeline.resultLimit);
      for (const query of limited) {
        yield {
          kind: 'record',
          record: {
            type: 'tableQuery',
            data: { query, database, catalog, count: query.calls ?? 1, accumulate: true, date, queryDate: this.startedAt.getTime() },
            entityName: shortText(query),
          },
        };
      }
    }
    if (this.readsHistory) {
      yield { kind: 'fact', name: 'usage window', value: this.describeWindow(windows) };
      yield { kind: 'record', record: { type: 'usageSnapshot', data: next, entityName: this.statePath } };
    }
  }

  private describeWindow(windows: WindowKind[]): string {
    const until = this.startedAt.toISOString();
    if (windows.includes('reset')) return `from pg_stat_statements' reset to ${until}`;
    if (!this.previous || windows.includes('first'))
      return `everything pg_stat_statements holds (first run, no snapshot at ${this.statePath}) to ${until}`;
    return `${this.previous.takenAt} to ${until}`;
  }

  private async *fromLog(database: string, catalog: Awaited<ReturnType<typeof readCatalogSnapshot>>): AsyncGenerator<SourceEvent> {
    const path = this.pipeline.queryLogFilePath as string;
    for await (const event of readQueryLog(path)) {
      if (event.kind === 'warning') {
        yield { kind: 'warning', name: `${path}:${event.line}`, message: event.message };
        continue;
      }
      const { query } = event;
      // A statement that was aborted used nothing; one of another database is that database's usage.
      if (query.aborted || (query.databaseName && query.databaseName !== database)) continue;
      const time = query.startTime ?? this.startedAt;
      yield {
        kind: 'record',
        record: {
          type: 'tableQuery',
          data: { query, database, catalog, count: 1, accumulate: false, date: usageDate(time), queryDate: time.getTime() },
          entityName: shortText(query),
        },
      };
    }
  }
}

const shortText = (query: QueryRecord): string => excerpt(query.text);
