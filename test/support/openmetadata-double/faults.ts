/**
 * Injected failures, settable at start and while running: per-request latency, a seeded fraction of 503s, bursts of
 * 429 with Retry-After, and a seeded fraction of responses cut mid-body. 503/429 are decided before any processing,
 * so they never change state; a dropped response is processed first unless `dropAppliesChange` is false.
 */

export interface FaultOptions {
  /** Delay before each request is handled, in ms. */
  latencyMs?: number;
  /** Fraction (0..1) of requests answered 503 Service Unavailable. */
  failRate?: number;
  /** Seed of the deterministic generator behind failRate and dropRate (default 1). */
  seed?: number;
  /** The next `requests` requests are answered 429 with `Retry-After: retryAfterSeconds` (default 1). */
  rateLimit?: { requests: number; retryAfterSeconds?: number };
  /** Fraction (0..1) of responses whose connection is destroyed after part of the body was written. */
  dropRate?: number;
  /** Whether a dropped request was still applied (default true: the harder case for a client). */
  dropAppliesChange?: boolean;
  /**
   * Every request with a body is answered 400 with that body quoted in the message, as the server's JSON parser
   * (Jackson) does for a field it does not know: whatever the body held, secrets included, comes back JSON-escaped.
   */
  echoBodies?: boolean;
}

export type FaultDecision =
  { kind: 'none' } | { kind: 'rateLimit'; retryAfterSeconds: number } | { kind: 'fail' } | { kind: 'drop'; appliesChange: boolean };

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fraction(value: number, name: string): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
  return value;
}

export class FaultInjector {
  latencyMs = 0;
  private failRate = 0;
  private dropRate = 0;
  private dropAppliesChange = true;
  private rateLimitRemaining = 0;
  private retryAfterSeconds = 1;
  echoBodies = false;
  private random: () => number = generator(1);

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  set(options: FaultOptions): void {
    if (options.seed !== undefined) this.random = generator(options.seed);
    if (options.latencyMs !== undefined) {
      if (!(options.latencyMs >= 0)) throw new RangeError(`latencyMs must be >= 0, got ${options.latencyMs}`);
      this.latencyMs = options.latencyMs;
    }
    if (options.failRate !== undefined) this.failRate = fraction(options.failRate, 'failRate');
    if (options.dropRate !== undefined) this.dropRate = fraction(options.dropRate, 'dropRate');
    if (options.dropAppliesChange !== undefined) this.dropAppliesChange = options.dropAppliesChange;
    if (options.echoBodies !== undefined) this.echoBodies = options.echoBodies;
    if (options.rateLimit !== undefined) this.rateLimit(options.rateLimit.requests, options.rateLimit.retryAfterSeconds);
  }

  rateLimit(requests: number, retryAfterSeconds = 1): void {
    if (!(Number.isInteger(requests) && requests >= 0)) throw new RangeError(`requests must be a whole number >= 0, got ${requests}`);
    this.rateLimitRemaining = requests;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** One decision per request. Both draws are always taken, so a seed gives the same sequence whatever the rates. */
  decide(): FaultDecision {
    const failDraw = this.random();
    const dropDraw = this.random();
    if (this.rateLimitRemaining > 0) {
      this.rateLimitRemaining -= 1;
      return { kind: 'rateLimit', retryAfterSeconds: this.retryAfterSeconds };
    }
    if (failDraw < this.failRate) return { kind: 'fail' };
    if (dropDraw < this.dropRate) return { kind: 'drop', appliesChange: this.dropAppliesChange };
    return { kind: 'none' };
  }
}
