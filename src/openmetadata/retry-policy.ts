/** When and how long to wait before trying a request again. Pure, so the schedule is unit-testable. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest a server's Retry-After is honoured: past it, waiting would only stall the Airflow task unseen. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 7, baseDelayMs: 200, maxDelayMs: 15_000, maxRetryAfterMs: 120_000 };

/** Statuses worth another try: rate limiting and every server-side failure. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter; a server's Retry-After (up to maxRetryAfterMs) wins when it asks for longer. */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfter?: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return retryAfter === undefined ? jittered : Math.max(Math.min(retryAfter, policy.maxRetryAfterMs), jittered);
}
