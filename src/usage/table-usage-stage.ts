import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TableName } from '../lineage/lineage-catalog.js';
import { buildFqn } from '../openmetadata/fqn.js';
import { ndjson } from '../util/ndjson.js';
import { outputPathProblem } from '../util/output-path.js';
import { StepStatus } from '../workflow/step-status.js';
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

/** A distinct statement and the tables it ran against. */
export interface StagedQuery {
  database: string;
  text: string;
  command: string;
  users: string[];
  duration?: number;
  queryDate: number;
  count: number;
  tables: TableName[];
}

export const STAGED_QUERIES = 'queries.ndjson';
export const STAGED_SNAPSHOT = 'snapshot.json';

const key = (...parts: string[]): string => parts.join('\u0000');

/** Writes one NDJSON line per value, a megabyte at a time: never the whole file as one string. */
function writeLines(file: string, values: Iterable<unknown>): void {
  const fd = openSync(file, 'w');
  try {
    let chunk = '';
    for (const value of values) {
      chunk += ndjson(value);
      if (chunk.length >= 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/**
 * OpenMetadata's table-usage stage: counts each table's use per day, its joins and the queries that touched it, and
 * writes them into the stage folder (emptied at start, as OpenMetadata does) for the bulk sink: one NDJSON file of
 * table usage per day, one of the distinct queries, and the pg_stat_statements snapshot the run ends on.
 */
export class TableUsageStage {
  readonly status = new StepStatus('Table Usage');
  readonly folder: string;
  private readonly usage = new Map<string, StagedTableUsage>();
  /** Database → statement text → the statement's totals (texts are keys as they are: no copy per key). */
  private readonly queries = new Map<string, Map<string, StagedQuery>>();
  private snapshot?: UsageSnapshotData;

  constructor(
    folder: string,
    private readonly service: string,
  ) {
    this.folder = resolve(folder);
  }

  prepare(): void {
    const problem = outputPathProblem(join(this.folder, STAGED_QUERIES));
    if (problem) throw Object.assign(new Error(`stage folder ${this.folder}: ${problem}`), { exitCode: 2 });
    rmSync(this.folder, { recursive: true, force: true });
    mkdirSync(this.folder, { recursive: true });
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
    let queries = this.queries.get(parsed.database);
    if (!queries) this.queries.set(parsed.database, (queries = new Map()));
    const known = queries.get(parsed.text);
    if (known) {
      known.count += parsed.count;
      if (parsed.userName && !known.users.includes(parsed.userName)) known.users.push(parsed.userName);
      known.duration = (known.duration ?? 0) + (parsed.duration ?? 0);
      known.queryDate = Math.max(known.queryDate, parsed.queryDate);
    } else {
      queries.set(parsed.text, {
        database: parsed.database,
        text: parsed.text,
        command: parsed.command,
        users: parsed.userName ? [parsed.userName] : [],
        duration: parsed.duration,
        queryDate: parsed.queryDate,
        count: parsed.count,
        tables: parsed.tables,
      });
    }
  }

  holdSnapshot(snapshot: UsageSnapshotData): void {
    this.snapshot = snapshot;
  }

  /** Writes the stage files; returns the day files in date order. */
  finish(): string[] {
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
      writeLines(file, entries);
      this.status.records += entries.length;
      files.push(file);
    }
    writeLines(
      join(this.folder, STAGED_QUERIES),
      (function* (all) {
        for (const queries of all.values()) yield* queries.values();
      })(this.queries),
    );
    if (this.snapshot) writeFileSync(join(this.folder, STAGED_SNAPSHOT), JSON.stringify(this.snapshot));
    // The files hold it all now: the bulk sink reads them back while this memory goes.
    this.usage.clear();
    this.queries.clear();
    this.snapshot = undefined;
    return files;
  }
}
