export interface PacerOptions {
  requestsPerMinute: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** The slowest the pacer will ever go, so a bad Retry-After streak cannot stall a run forever. */
const minimumRpm = 6;
/** Share of the rate kept after a 429: a firm step down, not a collapse. */
const backoffFactor = 0.7;
/** Below 90% of the rate that last drew a 429 the pacer climbs quickly, above it very slowly. */
const safeShare = 0.9;
const fastGrowth = 1.02;
const slowGrowth = 1.0001;
/** Seconds of rate that may be spent at once after an idle spell. */
const burstSeconds = 0.5;

/**
 * Spaces requests evenly at a target rate (a token bucket with a small burst) and adapts that
 * rate to what Genesys actually allows: a 429 pauses every request until Retry-After has passed
 * and lowers the rate; successes raise it again, slowly near the rate that drew the 429, so a run
 * near the ceiling sees a handful of 429s rather than a storm.
 */
export class RequestPacer {
  readonly #configuredRpm: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #rpm: number;
  #ceilingRpm: number;
  /** Time at which the next request may start. */
  #nextFree = Number.NEGATIVE_INFINITY;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  /** Bumped on every pause so requests holding an older reservation take a new one. */
  #epoch = 0;

  constructor(options: PacerOptions) {
    this.#configuredRpm = Math.max(minimumRpm, options.requestsPerMinute);
    this.#rpm = this.#configuredRpm;
    this.#ceilingRpm = Number.POSITIVE_INFINITY;
    this.#now = options.now;
    this.#sleep = options.sleep;
  }

  /** The rate the pacer currently aims for, in requests per minute. */
  get currentRpm(): number {
    return this.#rpm;
  }

  /** Resolves when the caller may send one request. */
  async acquire(): Promise<void> {
    for (;;) {
      const epoch = this.#epoch;
      const startAt = this.#reserve();
      const wait = startAt - this.#now();
      if (wait > 0) await this.#sleep(wait);
      if (epoch === this.#epoch && this.#now() >= this.#pausedUntil) return;
    }
  }

  /** Records a 429: every request waits retryAfterMs, and the rate steps down once per pause. */
  onRateLimited(retryAfterMs: number): void {
    const now = this.#now();
    const until = now + retryAfterMs;
    // Requests already in flight when the first 429 came back describe the same overload.
    const alreadyPaused = now < this.#pausedUntil;
    if (!alreadyPaused) {
      this.#ceilingRpm = Math.min(this.#ceilingRpm, this.#rpm);
      this.#rpm = Math.max(minimumRpm, this.#rpm * backoffFactor);
    }
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
    // No burst right after a pause: the server's bucket is empty too.
    this.#nextFree = Math.max(this.#nextFree, this.#pausedUntil);
    this.#epoch += 1;
  }

  /** Records a success, letting the rate climb back towards the configured one. */
  onSuccess(): void {
    if (this.#rpm >= this.#configuredRpm) return;
    const safeRpm = this.#ceilingRpm * safeShare;
    const grown =
      this.#rpm < safeRpm ? Math.min(safeRpm, this.#rpm * fastGrowth) : this.#rpm * slowGrowth;
    this.#rpm = Math.min(this.#configuredRpm, grown);
    if (this.#rpm > this.#ceilingRpm) this.#ceilingRpm = this.#rpm;
  }

  #reserve(): number {
    const interval = 60_000 / this.#rpm;
    const now = this.#now();
    const burst = Math.max(1, (this.#rpm / 60) * burstSeconds);
    const earliest = Math.max(now - (burst - 1) * interval, this.#pausedUntil);
    const startAt = Math.max(this.#nextFree, earliest);
    this.#nextFree = startAt + interval;
    return startAt;
  }
}
