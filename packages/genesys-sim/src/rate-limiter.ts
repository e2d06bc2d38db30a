interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** The outcome of asking for one request's worth of budget. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per access token, refilled at `requestsPerMinute / 60` per second up to
 * `burstSeconds` worth of rate. Buckets start full. Time comes from the injected clock.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly requestsPerMinute: number,
    private readonly burstSeconds: number,
    private readonly now: () => number,
  ) {}

  get enabled(): boolean {
    return Number.isFinite(this.requestsPerMinute);
  }

  /** Takes one request from `key`'s bucket, or says how many whole seconds until one is free. */
  take(key: string): RateDecision {
    if (!this.enabled) return { allowed: true };
    const perSecond = this.requestsPerMinute / 60;
    const capacity = Math.max(1, this.burstSeconds * perSecond);
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(
      capacity,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond,
    );
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);

    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitSeconds = perSecond > 0 ? (1 - bucket.tokens) / perSecond : Number.POSITIVE_INFINITY;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) };
  }
}
