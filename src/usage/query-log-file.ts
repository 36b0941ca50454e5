import { accessSync, constants, statSync } from 'node:fs';
import { readCsvRecords } from './csv-records.js';
import type { QueryRecord } from './query-record.js';

/** The query-log file itself is unusable (missing, unreadable, no query_text column): the run's input is wrong, exit 2. */
export class QueryLogError extends Error {
  override name = 'QueryLogError';
  readonly exitCode = 2;
}

/** Checked before anything runs, so a wrong path fails at once. */
export function checkQueryLog(path: string): void {
  try {
    accessSync(path, constants.R_OK);
    if (!statSync(path).isFile()) throw new QueryLogError(`queryLogFilePath ${path} is not a file`);
  } catch (error) {
    if (error instanceof QueryLogError) throw error;
    throw new QueryLogError(`queryLogFilePath ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export type QueryLogEvent = { kind: 'query'; query: QueryRecord } | { kind: 'warning'; line: number; message: string };

/** `2024-05-01 10:00:00.123456` (OpenMetadata's `%Y-%m-%d %H:%M:%S.%f`, no zone: UTC) or any ISO 8601 form. */
export function parseLogTime(value: string | undefined): Date | undefined {
  if (!value?.trim()) return undefined;
  const text = value.trim();
  const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,3})?\d*$/.exec(text);
  const date = new Date(plain ? `${plain[1]}T${plain[2]}${plain[3] ?? ''}Z` : text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const number = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
};

/**
 * OpenMetadata's query-log CSV (header `query_text,user_name,start_time,end_time,duration,database_name,
 * schema_name,aborted`; only query_text is required), streamed row by row: a file of millions of lines is never
 * held in memory. A broken row is a warning with its line, and reading goes on.
 */
export async function* readQueryLog(path: string): AsyncGenerator<QueryLogEvent> {
  let header: string[] | undefined;
  for await (const event of readCsvRecords(path)) {
    if (event.kind === 'broken') {
      yield { kind: 'warning', line: event.line, message: `row skipped: ${event.reason}` };
      continue;
    }
    if (!header) {
      header = event.fields.map((name) =>
        name
          .trim()
          .toLowerCase()
          .replace(/^\ufeff/, ''),
      );
      if (!header.includes('query_text')) {
        throw new QueryLogError(`queryLogFilePath ${path}: the header has no query_text column (OpenMetadata's query-log CSV needs one)`);
      }
      continue;
    }
    const record: Record<string, string | undefined> = {};
    header.forEach((name, i) => (record[name] = event.fields[i]));
    const text = record.query_text?.trim();
    if (!text) {
      yield { kind: 'warning', line: event.line, message: 'row without query_text skipped' };
      continue;
    }
    yield {
      kind: 'query',
      query: {
        text,
        userName: record.user_name?.trim() || undefined,
        databaseName: record.database_name?.trim() || undefined,
        schemaName: record.schema_name?.trim() || undefined,
        startTime: parseLogTime(record.start_time),
        duration: number(record.duration),
        aborted: /^(true|t|1|yes)$/i.test(record.aborted?.trim() ?? ''),
      },
    };
  }
}
