import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TableName } from '../lineage/lineage-catalog.js';
import { buildFqn } from '../openmetadata/fqn.js';
import { writeNdjsonFile } from '../util/ndjson-appender.js';
import { outputPathProblem } from '../util/output-path.js';
import { StepStatus } from '../workflow/step-status.js';
import { StagedQueryWriter, STAGED_QUERY_TEXTS, type QueryTotals } from './staged-queries.js';
import type { ParsedQuery, UsageSnapshotData } from './usage-records.js';

/** A table's usage on one day, as the stage writes it for the bulk sink (OpenMetadata's TableUsageCount). */
export interface StagedTableUsage {
  database: string;
  table: TableName;
  date: string;
  count: number;
  accumulate: boolean;
  /** Column → joined column's FQN (without the service) → times joined. */
  joins: Record<string, Record<string, number>>;
}

export const STAGED_SNAPSHOT = 'snapshot.json';

const key = (...parts: string[]): string => parts.join('\u0000');

/**
 * OpenMetadata's table-usage stage: counts each table's use per day, its joins and the queries that touched it, and
 * writes them into the stage folder (emptied at start, as OpenMetadata does) for the bulk sink: one NDJSON file of
 * table usage per day, the distinct queries (their texts as first seen, their totals at the end) and the
 * pg_stat_statements snapshot the run ends on.
 */
export class TableUsageStage {
  readonly status = new StepStatus('Table Usage');
  readonly folder: string;
  private readonly usage = new Map<string, StagedTableUsage>();
  private queries?: StagedQueryWriter;
  private snapshot?: UsageSnapshotData;

  constructor(
    folder: string,
    private readonly service: string,
  ) {
    this.folder = resolve(folder);
  }

  prepare(): void {
    const problem = outputPathProblem(join(this.folder, STAGED_QUERY_TEXTS));
    if (problem) throw Object.assign(new Error(`stage folder ${this.folder}: ${problem}`), { exitCode: 2 });
    rmSync(this.folder, { recursive: true, force: true });
    mkdirSync(this.folder, { recursive: true });
    this.queries = new StagedQueryWriter(this.folder);
  }

  add(parsed: ParsedQuery): void {
    for (const table of parsed.tables) {
      const id = key(parsed.database, table.schema, table.name, parsed.date);
      let entry = this.usage.get(id);
      if (!entry)
        this.usage.set(id, (entry = { database: parsed.database, table, date: parsed.date, count: 0, accumulate: parsed.accumulate, joins: {} }));
      entry.count += parsed.count;
    }
    for (const join of parsed.joins) {
      for (const [side, other] of [
        [join.left, join.right],
        [join.right, join.left],
      ] as const) {
        const entry = this.usage.get(key(parsed.database, side.table.schema, side.table.name, parsed.date));
        if (!entry) continue;
        const joined = buildFqn(parsed.database, other.table.schema, other.table.name, other.column);
        const columns = (entry.joins[side.column] ??= {});
        columns[joined] = (columns[joined] ?? 0) + parsed.count;
      }
    }
    this.queries?.add(parsed);
  }

  holdSnapshot(snapshot: UsageSnapshotData): void {
    this.snapshot = snapshot;
  }

  /** Writes the stage files; returns the day files in date order and the staged statements' totals. */
  finish(): { dayFiles: string[]; queryTotals: QueryTotals[] } {
    const byDate = new Map<string, StagedTableUsage[]>();
    for (const entry of this.usage.values()) {
      const list = byDate.get(entry.date) ?? [];
      list.push(entry);
      byDate.set(entry.date, list);
    }
    const files: string[] = [];
    for (const [date, entries] of [...byDate].sort(([a], [b]) => (a < b ? -1 : 1))) {
      // OpenMetadata names a day's file after the service and the day in epoch milliseconds.
      const file = join(this.folder, `${this.service}_${Date.parse(`${date}T00:00:00Z`)}`);
      writeNdjsonFile(file, entries);
      this.status.records += entries.length;
      files.push(file);
    }
    const queryTotals = this.queries?.finish() ?? [];
    if (this.snapshot) writeFileSync(join(this.folder, STAGED_SNAPSHOT), JSON.stringify(this.snapshot));
    // The files hold it all now: the bulk sink reads them back while this memory goes.
    this.usage.clear();
    this.queries = undefined;
    this.snapshot = undefined;
    return { dayFiles: files, queryTotals };
  }

  /** A run that stops early leaves no file open. */
  abort(): void {
    this.queries?.discard();
    this.queries = undefined;
  }
}
