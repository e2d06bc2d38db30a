import { errorFromFailure, readErrorBody, redact } from './error-body.js';
import { GenesysError } from './genesys-error.js';
import type { SdkApiClient } from './sdk-client.js';
import type { Logger } from './types.js';
import { readWireFailure } from './wire-failure.js';

export interface TokenKeeperOptions {
  apiClient: SdkApiClient;
  clientId: string;
  clientSecret: string;
  maxAttempts: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  backoffMs: (attempt: number) => number;
  logger?: Logger;
  /** Called once per token request sent, for the client's statistics. */
  onRequest: () => void;
}

const tokenRoute = 'POST /oauth/token';

/**
 * Holds the client-credentials token. The SDK never renews such tokens, so this renews ahead of
 * expiry (when less than 10% of the lifetime or 60 s remains, whichever is larger, but never
 * earlier than half-way) and on a 401; concurrent callers share one renewal.
 */
export class TokenKeeper {
  readonly #options: TokenKeeperOptions;
  #generation = 0;
  #renewAt = Number.NEGATIVE_INFINITY;
  #pending: Promise<void> | undefined;
  #renewals = 0;

  constructor(options: TokenKeeperOptions) {
    this.#options = options;
  }

  /** Bumped with every new token; a 401 names the generation it was sent with. */
  get generation(): number {
    return this.#generation;
  }

  /** Tokens obtained after the first one. */
  get renewals(): number {
    return this.#renewals;
  }

  /** Resolves once a token is held that is not due for renewal. */
  async ensureFresh(): Promise<void> {
    if (this.#options.now() < this.#renewAt && this.#pending === undefined) return;
    await this.renew(this.#generation);
  }

  /**
   * Gets a new token unless one newer than `seenGeneration` already exists or is on its way.
   * Rejects with kind 'auth' when Genesys refuses the credentials.
   */
  renew(seenGeneration: number): Promise<void> {
    if (this.#pending !== undefined) return this.#pending;
    if (seenGeneration !== this.#generation) return Promise.resolve();
    this.#pending = this.#login().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #login(): Promise<void> {
    const { apiClient, clientId, clientSecret, maxAttempts, now, logger } = this.#options;
    for (let attempt = 1; ; attempt += 1) {
      const startedAt = now();
      this.#options.onRequest();
      try {
        const authData = await apiClient.loginClientCredentialsGrant(clientId, clientSecret);
        // The SDK stamps expiry with the wall clock; keep the lifetime, measure it on ours.
        const lifetimeMs = Math.max(0, authData.tokenExpiryTime - Date.now());
        const marginMs = Math.min(Math.max(lifetimeMs * 0.1, 60_000), lifetimeMs / 2);
        this.#renewAt = startedAt + lifetimeMs - marginMs;
        if (this.#generation > 0) this.#renewals += 1;
        this.#generation += 1;
        logger?.debug({ clientId, lifetimeMs, generation: this.#generation }, 'genesys token');
        return;
      } catch (raw) {
        const failure = readWireFailure(raw);
        const retryable =
          failure.type === 'network' ||
          (failure.type === 'answer' && (failure.status >= 500 || failure.status === 429));
        if (!retryable || attempt >= maxAttempts) throw this.#loginError(raw);
        const waitMs = this.#options.backoffMs(attempt);
        logger?.warn({ clientId, attempt, waitMs, route: tokenRoute }, 'genesys login retry');
        await this.#options.sleep(waitMs);
      }
    }
  }

  #loginError(raw: unknown): GenesysError {
    const { clientId, clientSecret } = this.#options;
    const failure = readWireFailure(raw);
    const secrets = [clientSecret];
    if (failure.type === 'answer') {
      if (failure.status === 400 || failure.status === 401 || failure.status === 403) {
        const body = readErrorBody(failure.body);
        const reason = [failure.status, body.code, body.message].filter(Boolean).join(' ');
        const hint =
          'check GENESYS_CLIENT_ID/GENESYS_CLIENT_SECRET and the region (or API/login URL)';
        const message = redact(
          `Genesys refused the login of client ${clientId} (${reason}): ${hint}`,
          secrets,
        );
        return new GenesysError('auth', message, {
          status: failure.status,
          ...(body.code === undefined ? {} : { code: body.code }),
          ...(body.contextId === undefined ? {} : { contextId: body.contextId }),
          retryable: false,
        });
      }
      return errorFromFailure({ method: 'POST', path: '/oauth/token', ...failure }, secrets);
    }
    if (failure.type === 'network') {
      const message = redact(
        `Genesys login failed for client ${clientId}: ${failure.code} ${failure.message}`,
        secrets,
      );
      return new GenesysError('network', message, { code: failure.code });
    }
    return new GenesysError('config', `Genesys login could not be sent for client ${clientId}`, {
      cause: failure.error,
    });
  }
}
