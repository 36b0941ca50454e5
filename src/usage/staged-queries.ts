import { join } from 'node:path';
import type { TableName } from '../lineage/lineage-catalog.js';
import { NdjsonAppender } from '../util/ndjson-appender.js';
import { readNdjson } from '../util/ndjson.js';
import { textDigest } from '../util/text-digest.js';
import type { ParsedQuery } from './usage-records.js';

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

/** What never changes of a distinct statement: written the first time it is seen. */
type QueryText = Pick<StagedQuery, 'database' | 'text' | 'command' | 'tables'>;
/** What adds up over its runs: kept in memory, in the order the statements were first seen. */
export type QueryTotals = Pick<StagedQuery, 'users' | 'duration' | 'queryDate' | 'count'>;

export const STAGED_QUERY_TEXTS = 'queries.ndjson';

/**
 * The distinct statements of a usage run, staged so that their texts never stay in memory: a query log is mostly
 * distinct texts, and holding them all would cost the log's size again. A text goes to disk the first time it is
 * seen; memory keeps a digest of it and its running totals (a few dozen bytes a statement).
 */
export class StagedQueryWriter {
  private readonly texts: NdjsonAppender;
  /** Digest of database and text → index of the statement's totals. */
  private readonly seen = new Map<string, number>();
  private readonly totals: QueryTotals[] = [];
  /** One string per user name, whichever statement it came with. */
  private readonly userNames = new Map<string, string>();

  constructor(private readonly folder: string) {
    this.texts = new NdjsonAppender(join(folder, STAGED_QUERY_TEXTS));
  }

  add(parsed: ParsedQuery): void {
    const digest = textDigest(`${parsed.database}\u0000${parsed.text}`);
    const user = parsed.userName === undefined ? undefined : this.userName(parsed.userName);
    const index = this.seen.get(digest);
    if (index === undefined) {
      this.seen.set(digest, this.totals.length);
      this.totals.push({ users: user ? [user] : [], duration: parsed.duration, queryDate: parsed.queryDate, count: parsed.count });
      this.texts.append({ database: parsed.database, text: parsed.text, command: parsed.command, tables: parsed.tables } satisfies QueryText);
      return;
    }
    const known = this.totals[index] as QueryTotals;
    known.count += parsed.count;
    if (user && !known.users.includes(user)) known.users.push(user);
    known.duration = (known.duration ?? 0) + (parsed.duration ?? 0);
    known.queryDate = Math.max(known.queryDate, parsed.queryDate);
  }

  /** Closes the texts file; returns the totals, one per line of it. */
  finish(): QueryTotals[] {
    this.texts.close();
    this.seen.clear();
    return this.totals;
  }

  discard(): void {
    this.texts.close();
  }

  private userName(name: string): string {
    const known = this.userNames.get(name);
    if (known !== undefined) return known;
    this.userNames.set(name, name);
    return name;
  }
}

/** The staged statements with their totals, streamed; a line that cannot be read is reported and skipped. */
export async function* readStagedQueries(
  folder: string,
  totals: readonly QueryTotals[],
  onError: (file: string, line: { line: number; error: string }) => void,
): AsyncGenerator<StagedQuery> {
  let index = 0;
  for await (const text of readNdjson(join(folder, STAGED_QUERY_TEXTS))) {
    const total = totals[index++];
    if ('error' in text) onError(STAGED_QUERY_TEXTS, text);
    else if (!total) onError(STAGED_QUERY_TEXTS, { line: text.line, error: 'a statement the stage did not count' });
    else yield { ...(text.value as QueryText), ...total };
  }
}
