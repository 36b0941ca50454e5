import type { DatabaseProfilerPipelineConfig, ProfilerProcessorConfig, WorkflowConfig } from '../config/types.js';
import { isConnectionLoss, messageWithSqlState, type SourcePool } from '../postgres/source-pool.js';
import { loadSqlParser, type SqlParser } from '../usage/sql-parser.js';
import type { Logger } from '../util/logger.js';
import type { OutputRecord, ProcessorEvent } from '../workflow/records.js';
import { StepStatus } from '../workflow/step-status.js';
import type { Processor } from '../workflow/steps.js';
import { planTable } from './profile-plan.js';
import { statisticsProfile } from './statistics-profile.js';
import { profileTable } from './profile-table.js';
import type { ProfilerTable } from './profiler-source.js';
import type { SampleSpec } from './sample-source.js';

/** A table being profiled; it never rejects (a lost server comes back as `fatal`, thrown when its turn comes). */
type Job = Promise<{ job: Job; events: ProcessorEvent[]; fatal?: unknown }>;

/**
 * OpenMetadata's orm-profiler processor: each table's profile (and sample rows) computed on its own read-only session,
 * threadCount tables at a time. A table that fails or runs out of time is one failure; the rest go on.
 */
export class ProfilerProcessor implements Processor {
  readonly status = new StepStatus('Profiler');
  private parser?: SqlParser;
  private pool?: { database: string; pool: SourcePool };
  private readonly running = new Set<Job>();
  private readonly pipeline: DatabaseProfilerPipelineConfig;
  private readonly processorConfig?: ProfilerProcessorConfig;
  private readonly threads: number;
  private readonly seed = Math.floor(Math.random() * 2 ** 31);
  private readonly byMode = { exact: 0, sample: 0, statistics: 0 };

  constructor(
    private readonly config: WorkflowConfig,
    private readonly openPool: (database: string, connections: number) => Promise<SourcePool>,
    private readonly log: Logger,
  ) {
    this.pipeline = config.source.sourceConfig.config as DatabaseProfilerPipelineConfig;
    this.processorConfig = config.processor?.config as ProfilerProcessorConfig | undefined;
    this.threads = Math.max(1, Math.floor(this.pipeline.threadCount ?? 5));
  }

  async prepare(): Promise<void> {
    this.parser = await loadSqlParser();
  }

  async *process(record: OutputRecord): AsyncGenerator<ProcessorEvent> {
    if (record.type !== 'profilerTable') {
      yield { kind: 'record', record };
      return;
    }
    const table = record.data;
    if (this.pool && this.pool.database !== table.database) yield* this.closePool();
    this.pool ??= { database: table.database, pool: await this.openPool(table.database, this.threads) };
    const pool = this.pool.pool;
    const job: Job = this.profile(pool, table).then(
      (events) => ({ job, events }),
      (fatal: unknown) => ({ job, events: [], fatal }),
    );
    this.running.add(job);
    while (this.running.size >= this.threads) yield* this.next();
  }

  async *flush(): AsyncGenerator<ProcessorEvent> {
    yield* this.closePool();
    const read = this.pipeline.classificationOnly ? 'tables whose sample rows were read' : 'tables profiled exactly';
    yield { kind: 'fact', name: read, value: String(this.byMode.exact) };
    if (this.byMode.sample > 0) yield { kind: 'fact', name: 'tables sampled for the time budget', value: String(this.byMode.sample) };
    if (this.byMode.statistics > 0)
      yield { kind: 'fact', name: 'tables profiled from catalog statistics (estimates)', value: String(this.byMode.statistics) };
  }

  /** Waits for every running table, then lets the database's sessions go. */
  private async *closePool(): AsyncGenerator<ProcessorEvent> {
    while (this.running.size > 0) yield* this.next();
    await this.pool?.pool.close().catch(() => undefined);
    this.pool = undefined;
  }

  private async *next(): AsyncGenerator<ProcessorEvent> {
    const { job, events, fatal } = await Promise.race(this.running);
    this.running.delete(job);
    if (fatal) throw fatal;
    yield* events;
  }

  private async profile(pool: SourcePool, table: ProfilerTable): Promise<ProcessorEvent[]> {
    const planned = planTable(table, {
      pipeline: this.pipeline,
      processor: this.processorConfig,
      parser: this.parser as SqlParser,
      service: this.config.source.serviceName,
      seed: this.seed,
    });
    if (!planned.ok) return [{ kind: 'failure', failure: { name: table.fqn, error: planned.error } }];
    const events: ProcessorEvent[] = planned.warnings.map((message) => ({ kind: 'warning', name: table.fqn, message }));
    const started = performance.now();
    if (table.mode.kind !== 'exact')
      this.log.info(
        `${table.fqn}: ${table.mode.kind === 'sample' ? `a ${table.mode.percent} % sample` : 'catalog statistics only'} (${table.mode.reason})`,
      );
    try {
      if (table.mode.kind === 'statistics' && this.pipeline.classificationOnly) {
        // Statistics hold no row to classify (a role that may not SELECT from the table).
        events.push({ kind: 'warning', name: table.fqn, message: `not classified: ${table.mode.reason}` });
        return events;
      }
      if (table.mode.kind === 'statistics') {
        const { plan } = planned;
        const data = await statisticsProfile(
          pool,
          { fqn: table.fqn, schema: table.schema, name: table.name, columnCount: table.columns.length },
          plan.metricColumns,
          Date.now(),
        );
        this.byMode.statistics++;
        events.push({ kind: 'record', record: { type: 'tableProfile', data, entityName: table.fqn } });
        return events;
      }
      const result = await profileTable(pool, planned.plan, { onStatement: (s) => this.log.debug(`${table.fqn}: ${s.text.replace(/\s+/g, ' ')}`) });
      this.byMode[table.mode.kind]++;
      this.log.debug(`${table.fqn}: profiled in ${Math.round(performance.now() - started)} ms (${describeSample(planned.plan.sample)})`);
      if (!this.pipeline.classificationOnly)
        events.push({ kind: 'record', record: { type: 'tableProfile', data: result.profile, entityName: table.fqn } });
      const stores = !this.pipeline.classificationOnly || this.pipeline.classificationOnly.storeSampleData;
      if (result.sampleData && stores) events.push({ kind: 'record', record: { type: 'tableData', data: result.sampleData, entityName: table.fqn } });
      if (result.piiTags) events.push({ kind: 'record', record: { type: 'columnTags', data: result.piiTags, entityName: table.fqn } });
    } catch (error) {
      // A server that went away ends the run; anything else is this table's failure.
      if (isConnectionLoss(error)) throw error;
      events.push({ kind: 'failure', failure: { name: table.fqn, error: messageWithSqlState(error) } });
    }
    return events;
  }
}

function describeSample(sample: SampleSpec): string {
  switch (sample.kind) {
    case 'table':
      return 'whole table';
    case 'query':
      return 'profileQuery';
    case 'percentage':
      return `${sample.percent} % (${sample.method})`;
    case 'rows':
      return `${sample.rows} rows`;
  }
}
