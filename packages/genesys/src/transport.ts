import { ConcurrencyGate } from './concurrency-gate.js';
import { errorFromFailure, redact } from './error-body.js';
import { GenesysError } from './genesys-error.js';
import type { RequestPacer } from './request-pacer.js';
import type { TokenKeeper } from './token-keeper.js';
import type { ClientStats, Logger } from './types.js';
import { readWireFailure, retryAfterMs, type WireFailure } from './wire-failure.js';

export interface Operation {
  method: 'GET' | 'POST';
  /** Route template for statistics and logs, e.g. 'GET /api/v2/users/{id}'. */
  route: string;
  /** The concrete path, for error messages. */
  path: string;
  /** The server may act on this request: never resend once it may have arrived. */
  unsafe?: boolean;
}

export interface TransportOptions {
  pacer: RequestPacer;
  tokens: TokenKeeper;
  concurrency: number;
  maxAttempts: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  backoffMs: (attempt: number) => number;
  secrets: () => readonly string[];
  logger?: Logger;
}

interface AttemptTally {
  failed: number;
  rateLimited: number;
  renewedAfter401: boolean;
}

/** 429s do not count against maxAttempts (nothing failed), but a call gives up after this many. */
const maxRateLimitedAttempts = 20;
/** Used when a 429 carries no Retry-After. */
const defaultRetryAfterMs = 1000;

/**
 * Sends SDK calls with everything the SDK leaves out: token renewal, pacing, a concurrency gate,
 * retries of 429/5xx/network failures (never after an unsafe request may have arrived), and
 * errors a person can act on.
 */
export class Transport {
  readonly #options: TransportOptions;
  readonly #gate: ConcurrencyGate;
  readonly #byKind: Record<string, number> = {};
  #requests = 0;
  #retries = 0;
  #rateLimited = 0;
  #serverErrors = 0;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#gate = new ConcurrencyGate(options.concurrency);
  }

  /** Counts a request made outside `send` (the token request). */
  countRequest(route: string): void {
    this.#requests += 1;
    this.#byKind[route] = (this.#byKind[route] ?? 0) + 1;
  }

  stats(): ClientStats {
    return {
      requests: this.#requests,
      byKind: { ...this.#byKind },
      retries: this.#retries,
      rateLimited: this.#rateLimited,
      serverErrors: this.#serverErrors,
      peakInFlight: this.#gate.peak,
      tokenRenewals: this.#options.tokens.renewals,
    };
  }

  /**
   * Runs `call` (one SDK request with extended responses on) until it succeeds or fails for good,
   * and resolves with the answer's body.
   */
  async send<T>(operation: Operation, call: () => Promise<unknown>): Promise<T> {
    const tally: AttemptTally = { failed: 0, rateLimited: 0, renewedAfter401: false };
    for (;;) {
      await this.#options.tokens.ensureFresh();
      const generation = this.#options.tokens.generation;
      const outcome = await this.#attempt(operation, call);
      if (outcome.ok) {
        this.#options.pacer.onSuccess();
        return outcome.body as T;
      }
      // Returns when the call should go again; throws when it has failed for good.
      await this.#recover(operation, outcome.failure, generation, tally);
      this.#retries += 1;
    }
  }

  async #recover(
    operation: Operation,
    failure: WireFailure,
    generation: number,
    tally: AttemptTally,
  ): Promise<void> {
    const { tokens, pacer, maxAttempts, logger } = this.#options;
    const context = { route: operation.route, path: operation.path };

    if (failure.type === 'answer' && failure.status === 401 && !tally.renewedAfter401) {
      // Tokens can be revoked or expire early; one renewal, then the call goes again.
      tally.renewedAfter401 = true;
      logger?.info(context, 'genesys token refused, renewing');
      await tokens.renew(generation);
      return;
    }

    if (failure.type === 'answer' && failure.status === 429) {
      this.#rateLimited += 1;
      tally.rateLimited += 1;
      if (tally.rateLimited >= maxRateLimitedAttempts) throw this.#error(operation, failure);
      const waitMs = retryAfterMs(failure.headers, this.#options.now()) ?? defaultRetryAfterMs;
      pacer.onRateLimited(waitMs);
      logger?.warn({ ...context, retryAfterMs: waitMs, rpm: pacer.currentRpm }, 'genesys 429');
      return;
    }

    const serverError = failure.type === 'answer' && failure.status >= 500;
    if (serverError) this.#serverErrors += 1;
    if (!serverError && failure.type !== 'network') throw this.#error(operation, failure);

    const mayHaveActed = failure.type === 'answer' || failure.sent;
    if (operation.unsafe === true && mayHaveActed) throw this.#ambiguous(operation, failure);

    tally.failed += 1;
    if (tally.failed >= maxAttempts) throw this.#error(operation, failure);
    const waitMs = this.#options.backoffMs(tally.failed);
    logger?.debug({ ...context, attempt: tally.failed, waitMs, ...describe(failure) }, 'retry');
    await this.#options.sleep(waitMs);
  }

  async #attempt(
    operation: Operation,
    call: () => Promise<unknown>,
  ): Promise<{ ok: true; body: unknown } | { ok: false; failure: WireFailure }> {
    await this.#gate.acquire();
    try {
      // Waiting for pace can only fail by close(); that error goes to the caller as is.
      await this.#options.pacer.acquire();
      this.countRequest(operation.route);
      try {
        const response = await call();
        return { ok: true, body: (response as { body?: unknown } | undefined)?.body };
      } catch (raw) {
        return { ok: false, failure: readWireFailure(raw) };
      }
    } finally {
      this.#gate.release();
    }
  }

  #error(operation: Operation, failure: WireFailure): GenesysError {
    const secrets = this.#options.secrets();
    if (failure.type === 'answer') {
      return errorFromFailure(
        { method: operation.method, path: operation.path, ...failure },
        secrets,
      );
    }
    if (failure.type === 'network') {
      const message = redact(
        `Genesys did not answer ${operation.method} ${operation.path}: ${failure.code} ${failure.message}`,
        secrets,
      );
      return new GenesysError('network', message, { code: failure.code });
    }
    // The SDK refused before sending (a bad argument); nothing reached Genesys.
    return new GenesysError('config', `Could not send ${operation.method} ${operation.path}`, {
      cause: failure.error,
    });
  }

  #ambiguous(operation: Operation, failure: WireFailure): GenesysError {
    const cause = this.#error(operation, failure);
    const message =
      `${operation.method} ${operation.path} may or may not have taken effect ` +
      `(${cause.message}); read the result back before trying again`;
    return new GenesysError('ambiguous', message, {
      ...(cause.code === undefined ? {} : { code: cause.code }),
      ...(cause.status === undefined ? {} : { status: cause.status }),
      ...(cause.contextId === undefined ? {} : { contextId: cause.contextId }),
      cause,
    });
  }
}

function describe(failure: WireFailure): object {
  if (failure.type === 'answer') return { status: failure.status };
  if (failure.type === 'network') return { networkCode: failure.code };
  return {};
}
