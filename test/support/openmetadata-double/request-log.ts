/** What the double saw: one record per request, and counters tests can assert on. */
import type { JsonValue } from './types.js';

export type FaultKind = 'fail' | 'rateLimit' | 'drop' | 'aborted' | 'echo';

export interface RequestRecord {
  method: string;
  /** Path without the query string, as received (still percent-encoded). */
  path: string;
  /** The query string including `?`, or ''. */
  query: string;
  /** Status answered (or being answered when the response was dropped); 0 when the client went away first. */
  status: number;
  /** The injected fault that shaped this response, if any. */
  fault?: FaultKind;
  /** The parsed JSON request body, when there was one. */
  body?: JsonValue;
  /** Milliseconds since epoch when the request arrived. */
  at: number;
  durationMs: number;
}

export interface DoubleCounters {
  requests: number;
  byStatus: Record<string, number>;
  byMethod: Record<string, number>;
  /** Injected 503s. */
  failed: number;
  /** Injected 429s. */
  rateLimited: number;
  /** Responses cut mid-body. */
  dropped: number;
  created: number;
  updated: number;
  unchanged: number;
  restored: number;
  softDeleted: number;
  hardDeleted: number;
}

export type WriteCounter = 'created' | 'updated' | 'unchanged' | 'restored' | 'softDeleted' | 'hardDeleted';

function emptyCounters(): DoubleCounters {
  return {
    requests: 0,
    byStatus: {},
    byMethod: {},
    failed: 0,
    rateLimited: 0,
    dropped: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    restored: 0,
    softDeleted: 0,
    hardDeleted: 0,
  };
}

export class RequestLog {
  private records: RequestRecord[] = [];
  private totals: DoubleCounters = emptyCounters();
  private open = 0;

  /** A request arrived; `record` closes it. */
  begin(): void {
    this.open += 1;
  }

  /** Requests received and not answered yet. */
  get inFlight(): number {
    return this.open;
  }

  record(entry: RequestRecord): void {
    this.open = Math.max(0, this.open - 1);
    this.records.push(entry);
    const t = this.totals;
    t.requests += 1;
    t.byStatus[String(entry.status)] = (t.byStatus[String(entry.status)] ?? 0) + 1;
    t.byMethod[entry.method] = (t.byMethod[entry.method] ?? 0) + 1;
    if (entry.fault === 'fail') t.failed += 1;
    if (entry.fault === 'rateLimit') t.rateLimited += 1;
    if (entry.fault === 'drop') t.dropped += 1;
  }

  countWrite(counter: WriteCounter): void {
    this.totals[counter] += 1;
  }

  get requests(): readonly RequestRecord[] {
    return this.records;
  }

  get counters(): DoubleCounters {
    return structuredClone(this.totals);
  }

  /** Forgets records and counters (requests still in flight stay counted as such). */
  clear(): void {
    this.records = [];
    this.totals = emptyCounters();
  }
}
