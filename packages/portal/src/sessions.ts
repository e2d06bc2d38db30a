import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PortalSession, Store } from '@handover/store';

export interface SessionPolicy {
  /** A session ends this long after sign-in, however busy. */
  lifetimeMs: number;
  /** A session ends after this long without a request. */
  idleMs: number;
}

export const DEFAULT_SESSIONS: SessionPolicy = { lifetimeMs: 8 * 3_600_000, idleMs: 30 * 60_000 };

// Writing last_seen on every request would turn page views into writes; a minute is precise enough.
const TOUCH_EVERY_MS = 60_000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cookie's name: `__Host-` pins it to this origin over HTTPS, where browsers allow it. */
export function cookieName(secure: boolean): string {
  return secure ? '__Host-handover_session' : 'handover_session';
}

export function sessionCookie(token: string, secure: boolean, maxAgeSeconds: number): string {
  return [
    `${cookieName(secure)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
    `Max-Age=${maxAgeSeconds}`,
  ].join('; ');
}

/**
 * The sign-out form's CSRF token: derived from the session token, which only the browser holding
 * the cookie knows, so it needs no storage and a database copy cannot forge it.
 */
export function csrfToken(token: string): string {
  return sha256(`csrf\u0000${token}`);
}

export function csrfMatches(token: string, submitted: string): boolean {
  const expected = Buffer.from(csrfToken(token));
  const actual = Buffer.from(submitted);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Starts a session: a random 32-byte token for the cookie, only its hash in the database. */
export function startSession(
  store: Store,
  userName: string,
  now: Date,
  policy: SessionPolicy,
): string {
  const token = randomBytes(32).toString('base64url');
  store.createPortalSession({
    id: sha256(token),
    userName,
    createdAt: now,
    expiresAt: new Date(now.getTime() + policy.lifetimeMs),
    lastSeenAt: now,
  });
  return token;
}

/** The live session behind a cookie token, touching it; expired or idle ones are deleted. */
export function resumeSession(
  store: Store,
  token: string | undefined,
  now: Date,
  policy: SessionPolicy,
): PortalSession | undefined {
  if (token === undefined || !TOKEN.test(token)) return undefined;
  const id = sha256(token);
  const session = store.portalSession(id);
  if (!session) return undefined;
  const idleSince = now.getTime() - policy.idleMs;
  if (session.expiresAt <= now || session.lastSeenAt.getTime() < idleSince) {
    store.deletePortalSession(id);
    return undefined;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    store.touchPortalSession(id, now);
  }
  return session;
}

export function endSession(store: Store, token: string): void {
  store.deletePortalSession(sha256(token));
}
