import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimClient } from './types.js';

export interface IssuedToken {
  accessToken: string;
  clientId: string;
  /** null means every permission. */
  permissions: ReadonlySet<string> | null;
  expiresAt: number;
}

export type TokenCheck =
  | { ok: true; token: IssuedToken }
  | { ok: false; reason: 'missing' | 'invalid' };

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** OAuth clients and the bearer tokens issued to them (client-credentials grant only). */
export class TokenIssuer {
  private readonly clients = new Map<string, SimClient>();
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    clients: readonly SimClient[],
    private readonly now: () => number,
  ) {
    for (const client of clients) this.clients.set(client.clientId, client);
  }

  /** Issues a token for valid credentials; undefined for an unknown client or wrong secret. */
  issue(clientId: string, clientSecret: string, lifetimeSeconds: number): IssuedToken | undefined {
    const client = this.clients.get(clientId);
    if (!client || !sameSecret(client.clientSecret, clientSecret)) return undefined;
    const token: IssuedToken = {
      accessToken: randomBytes(32).toString('base64url'),
      clientId,
      permissions: client.permissions ? new Set(client.permissions) : null,
      expiresAt: this.now() + lifetimeSeconds * 1000,
    };
    this.tokens.set(token.accessToken, token);
    return token;
  }

  /** Checks an `Authorization` header value; expired tokens are forgotten. */
  check(authorization: string | undefined): TokenCheck {
    const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
    const accessToken = match?.[1];
    if (accessToken === undefined) return { ok: false, reason: 'missing' };
    const token = this.tokens.get(accessToken);
    if (!token) return { ok: false, reason: 'invalid' };
    if (token.expiresAt <= this.now()) {
      this.tokens.delete(accessToken);
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, token };
  }
}
