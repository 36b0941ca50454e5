// The retry schedule of the OpenMetadata HTTP client: which statuses are retried, Retry-After in both of its forms,
// and the bounds of exponential backoff with jitter.
import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryableStatus, retryAfterMs, type RetryPolicy } from '../../src/openmetadata/retry-policy.js';

const policy: RetryPolicy = { attempts: 7, baseDelayMs: 200, maxDelayMs: 15_000, maxRetryAfterMs: 120_000 };

describe('isRetryableStatus', () => {
  it('retries rate limiting and every server-side failure', () => {
    for (const status of [429, 500, 502, 503, 504, 599]) expect(isRetryableStatus(status), String(status)).toBe(true);
  });

  it('does not retry success or a client error', () => {
    for (const status of [200, 201, 204, 400, 401, 403, 404, 409, 412, 415, 422]) expect(isRetryableStatus(status), String(status)).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds, whole or fractional, as milliseconds', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs(' 2 ')).toBe(2000);
    expect(retryAfterMs('120')).toBe(120_000);
  });

  it('reads an HTTP-date as the time left until then', () => {
    const now = Date.UTC(2024, 4, 1, 12, 0, 0);
    expect(retryAfterMs(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(retryAfterMs('Wed, 01 May 2024 12:01:00 GMT', now)).toBe(60_000);
  });

  it('never answers a negative wait for a date in the past', () => {
    const now = Date.UTC(2024, 4, 1, 12, 0, 0);
    expect(retryAfterMs('Wed, 01 May 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('is undefined when absent or unreadable', () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('')).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('1e3')).toBeUndefined();
  });
});

describe('backoffMs', () => {
  const ceiling = (attempt: number) => Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));

  it('stays between half the exponential ceiling and the ceiling itself', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect(
        backoffMs(policy, attempt, undefined, () => 0),
        `attempt ${attempt}, lowest`,
      ).toBe(ceiling(attempt) / 2);
      expect(
        backoffMs(policy, attempt, undefined, () => 0.999999),
        `attempt ${attempt}, highest`,
      ).toBeLessThanOrEqual(ceiling(attempt));
      for (let i = 0; i < 50; i++) {
        const wait = backoffMs(policy, attempt);
        expect(wait).toBeGreaterThanOrEqual(ceiling(attempt) / 2);
        expect(wait).toBeLessThanOrEqual(ceiling(attempt));
      }
    }
  });

  it('doubles the ceiling per attempt, starting at the base delay', () => {
    const highest = (attempt: number) => backoffMs(policy, attempt, undefined, () => 1);
    expect(highest(1)).toBe(200);
    expect(highest(2)).toBe(400);
    expect(highest(3)).toBe(800);
    expect(highest(6)).toBe(6400);
  });

  it('never waits longer than maxDelayMs on its own', () => {
    expect(backoffMs(policy, 30, undefined, () => 1)).toBe(policy.maxDelayMs);
    expect(backoffMs(policy, 1000, undefined, () => 1)).toBe(policy.maxDelayMs);
  });

  it("lets a server's Retry-After win when it asks for longer, and not when it asks for less", () => {
    expect(backoffMs(policy, 1, 5000, () => 0.5)).toBe(5000);
    expect(backoffMs(policy, 1, 60_000, () => 1)).toBe(60_000);
    expect(backoffMs(policy, 6, 100, () => 0)).toBe(3200);
    expect(backoffMs(policy, 1, 0, () => 0)).toBe(100);
  });

  it('honours a Retry-After of at most maxRetryAfterMs, so a server asking for an hour cannot stall the run', () => {
    expect(backoffMs(policy, 1, 120_000, () => 0)).toBe(120_000);
    expect(backoffMs(policy, 1, 3_600_000, () => 0)).toBe(120_000);
    expect(backoffMs({ ...policy, maxRetryAfterMs: 1000 }, 1, 60_000, () => 0)).toBe(1000);
  });

  it('the default policy tries 7 times, from 200 ms up to 15 s, honouring Retry-After up to 2 min', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ attempts: 7, baseDelayMs: 200, maxDelayMs: 15_000, maxRetryAfterMs: 120_000 });
  });
});
