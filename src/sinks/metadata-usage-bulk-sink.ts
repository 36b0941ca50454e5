import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../lineage/lineage-catalog.js';
import { tableFqn } from '../lineage/lineage-request.js';
import { buildFqn } from '../openmetadata/fqn.js';
import { readStagedQueries, type StagedQuery } from '../usage/staged-queries.js';
import { STAGED_SNAPSHOT, TableUsageStage, type StagedTableUsage } from '../usage/table-usage-stage.js';
import type { CreateQueryData, TableJoinsData, UsageSnapshotData } from '../usage/usage-records.js';
import { writeUsageState } from '../usage/usage-state.js';
import type { Logger } from '../util/logger.js';
import { readNdjson } from '../util/ndjson.js';
import { excerpt } from '../util/text-excerpt.js';
import type { EntityScope, OutputRecord } from '../workflow/records.js';
import { StepStatus } from '../workflow/step-status.js';
import type { Sink } from '../workflow/steps.js';

export interface UsageBulkSinkOptions {
  service: string;
  stage: TableUsageStage;
  /** Where the records go: the metadata-rest sink (OpenMetadata's metadata-usage), or a file sink. */
  output: Sink;
  /** Where the pg_stat_statements snapshot is kept for the next run. */
  statePath: string;
  log: Logger;
}

const ref = (fullyQualifiedName: string) => ({ type: 'table' as const, fullyQualifiedName });

/**
 * The end of the usage workflow: OpenMetadata's table-usage stage and its metadata-usage bulk sink as one last step
 * with two status lines. Parsed queries are staged as files; at the end the bulk sink reads them back and sends each
 * table's daily usage, its joins and the queries, and only then keeps the pg_stat_statements snapshot, so a run that
 * fails delivers nothing twice and loses nothing the next run could send.
 */
export class UsageBulkSink implements Sink {
  readonly status = new StepStatus('Metadata Usage');
  readonly statuses: readonly StepStatus[];

  constructor(private readonly options: UsageBulkSinkOptions) {
    this.statuses = [options.stage.status, this.status];
  }

  async prepare(): Promise<void> {
    this.options.stage.prepare();
    await this.options.output.prepare();
  }

  async write(record: OutputRecord): Promise<void> {
    if (record.type === 'parsedQuery') {
      this.options.stage.add(record.data);
      return;
    }
    if (record.type === 'usageSnapshot') {
      this.options.stage.holdSnapshot(record.data);
      return;
    }
    this.options.stage.status.failures.push({ name: record.entityName, error: `record type ${record.type} is not usage` });
  }

  async endScope(_scope: EntityScope): Promise<void> {
    // Usage marks nothing deleted.
  }

  async finish(): Promise<void> {
    const { stage, output, service } = this.options;
    const { dayFiles, queryTotals } = stage.finish();
    const send = async (record: OutputRecord) => {
      this.status.records++;
      await output.write(record);
    };
    const unreadable = (file: string, line: { line: number; error: string }) =>
      this.status.failures.push({ name: `${join(stage.folder, file)}:${line.line}`, error: line.error });
    for await (const query of readStagedQueries(stage.folder, queryTotals, unreadable)) {
      await send({ type: 'createQuery', data: createQuery(service, query), entityName: `query ${excerpt(query.text, 60)}` });
    }
    for (const file of dayFiles) {
      for await (const usage of this.staged<StagedTableUsage>(file)) {
        const table = tableFqn(service, usage.database, usage.table);
        await send({
          type: 'usageRequest',
          data: { table: ref(table), usage: { date: usage.date, count: usage.count }, accumulate: usage.accumulate },
          entityName: table,
        });
        const joins = tableJoins(service, usage);
        if (joins) await send({ type: 'tableJoins', data: { table: ref(table), joins }, entityName: table });
      }
    }
    await output.finish();
    this.mergeOutputStatus();
    const snapshotFile = join(stage.folder, STAGED_SNAPSHOT);
    if (existsSync(snapshotFile)) writeUsageState(this.options.statePath, JSON.parse(readFileSync(snapshotFile, 'utf8')) as UsageSnapshotData);
    // As OpenMetadata's bulk sink does once it has sent everything: the stage folder is gone.
    rmSync(stage.folder, { recursive: true, force: true });
  }

  /** What the output refused or skipped is this step's: one status line for the bulk sink. */
  private mergeOutputStatus(): void {
    const { output } = this.options;
    this.status.records = output.status.records;
    this.status.failures.push(...output.status.failures);
    this.status.warnings.push(...output.status.warnings);
  }

  private async *staged<T>(file: string): AsyncGenerator<T> {
    for await (const line of readNdjson(file)) {
      if ('error' in line) this.status.failures.push({ name: `${file}:${line.line}`, error: line.error });
      else yield line.value as T;
    }
  }

  async abort(): Promise<void> {
    this.options.stage.abort();
    await this.options.output.abort();
  }

  destination(): string {
    return this.options.output.destination();
  }
}

function createQuery(service: string, query: StagedQuery): CreateQueryData {
  return {
    query: query.text,
    query_type: query.command,
    duration: query.duration,
    usedBy: query.users,
    queryDate: query.queryDate,
    service,
    queryUsedIn: query.tables.map((table: TableName) => ref(tableFqn(service, query.database, table))),
  };
}

function tableJoins(service: string, usage: StagedTableUsage): TableJoinsData['joins'] | undefined {
  const columnJoins = Object.entries(usage.joins)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([columnName, joined]) => ({
      columnName,
      joinedWith: Object.entries(joined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([column, joinCount]) => ({ fullyQualifiedName: `${buildFqn(service)}.${column}`, joinCount })),
    }));
  if (columnJoins.length === 0) return undefined;
  return { startDate: usage.date, dayCount: 1, columnJoins, directTableJoins: [] };
}
