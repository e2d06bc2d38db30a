import type { SimStats } from './types.js';

/** Mutable request counters behind Simulator.stats(). */
export class SimStatsCounter {
  total = 0;
  byRoute: Record<string, number> = {};
  rateLimited = 0;
  serverErrors = 0;
  ambiguousCopies = 0;
  copies = 0;
  tokensIssued = 0;
  peakInFlight = 0;
  inFlight = 0;

  countRequest(route: string): void {
    this.total++;
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
  }

  enter(): void {
    this.inFlight++;
    if (this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
  }

  leave(): void {
    this.inFlight--;
  }

  /** Zeroes the counters; requests still in flight keep counting toward the new peak. */
  reset(): void {
    this.total = 0;
    this.byRoute = {};
    this.rateLimited = 0;
    this.serverErrors = 0;
    this.ambiguousCopies = 0;
    this.copies = 0;
    this.tokensIssued = 0;
    this.peakInFlight = this.inFlight;
  }

  snapshot(): SimStats {
    return {
      total: this.total,
      byRoute: { ...this.byRoute },
      rateLimited: this.rateLimited,
      serverErrors: this.serverErrors,
      ambiguousCopies: this.ambiguousCopies,
      copies: this.copies,
      tokensIssued: this.tokensIssued,
      peakInFlight: this.peakInFlight,
    };
  }
}
