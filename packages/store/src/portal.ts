import { and, asc, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { StoreContext } from './context.js';
import { StoreError } from './errors.js';
import { portalDownloads, portalLoginFailures, portalSessions, portalUsers } from './schema.js';
import type {
  PortalCredentials,
  PortalDownload,
  PortalPasswordParams,
  PortalSession,
  PortalUser,
} from './types.js';

export interface AddPortalUserInput {
  name: string;
  passwordHash: string;
  salt: string;
  params: PortalPasswordParams;
}

/** Adds a portal account; throws StoreError 'store.portal_user_exists' if the name is taken. */
export function addPortalUser(ctx: StoreContext, input: AddPortalUserInput): PortalUser {
  const createdAt = ctx.now();
  const inserted = ctx.db
    .insert(portalUsers)
    .values({
      name: input.name,
      passwordHash: input.passwordHash,
      salt: input.salt,
      params: JSON.stringify(input.params),
      createdAt,
    })
    .onConflictDoNothing()
    .returning({ name: portalUsers.name })
    .get();
  if (!inserted) {
    throw new StoreError('store.portal_user_exists', `portal user "${input.name}" already exists`, {
      context: { userName: input.name },
    });
  }
  ctx.logger.info({ userName: input.name }, 'store.portal_user_added');
  return { name: input.name, createdAt };
}

/** Removes a portal account and, through the foreign key, its sessions. False if unknown. */
export function removePortalUser(ctx: StoreContext, name: string): boolean {
  const removed = ctx.db.delete(portalUsers).where(eq(portalUsers.name, name)).run();
  if (removed.changes > 0) ctx.logger.info({ userName: name }, 'store.portal_user_removed');
  return removed.changes > 0;
}

/** Every portal account, by name. */
export function listPortalUsers(ctx: StoreContext): PortalUser[] {
  return ctx.db
    .select({ name: portalUsers.name, createdAt: portalUsers.createdAt })
    .from(portalUsers)
    .orderBy(asc(portalUsers.name))
    .all();
}

/** The stored hash, salt and scrypt parameters of an account, if it exists. */
export function portalCredentials(ctx: StoreContext, name: string): PortalCredentials | undefined {
  const row = ctx.db.select().from(portalUsers).where(eq(portalUsers.name, name)).get();
  if (!row) return undefined;
  return {
    name: row.name,
    createdAt: row.createdAt,
    passwordHash: row.passwordHash,
    salt: row.salt,
    params: JSON.parse(row.params) as PortalPasswordParams,
  };
}

/** Records a new session for a user; throws 'store.portal_unknown_user' if it was removed. */
export function createPortalSession(ctx: StoreContext, session: PortalSession): void {
  const user = ctx.db
    .select({ id: portalUsers.id })
    .from(portalUsers)
    .where(eq(portalUsers.name, session.userName))
    .get();
  if (!user) {
    throw new StoreError('store.portal_unknown_user', `no portal user "${session.userName}"`, {
      context: { userName: session.userName },
    });
  }
  ctx.db
    .insert(portalSessions)
    .values({
      id: session.id,
      userId: user.id,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
      lastSeenAt: session.lastSeenAt,
    })
    .run();
}

/** A session by its hashed id, whatever its expiry; the caller judges whether it is still valid. */
export function portalSession(ctx: StoreContext, id: string): PortalSession | undefined {
  return ctx.db
    .select({
      id: portalSessions.id,
      userName: portalUsers.name,
      createdAt: portalSessions.createdAt,
      expiresAt: portalSessions.expiresAt,
      lastSeenAt: portalSessions.lastSeenAt,
    })
    .from(portalSessions)
    .innerJoin(portalUsers, eq(portalUsers.id, portalSessions.userId))
    .where(eq(portalSessions.id, id))
    .get();
}

export function touchPortalSession(ctx: StoreContext, id: string, at: Date): void {
  ctx.db.update(portalSessions).set({ lastSeenAt: at }).where(eq(portalSessions.id, id)).run();
}

export function deletePortalSession(ctx: StoreContext, id: string): void {
  ctx.db.delete(portalSessions).where(eq(portalSessions.id, id)).run();
}

/** Deletes sessions that expired before `now` or sat idle since before `idleSince`. */
export function deleteStalePortalSessions(ctx: StoreContext, now: Date, idleSince: Date): number {
  return ctx.db
    .delete(portalSessions)
    .where(or(lt(portalSessions.expiresAt, now), lt(portalSessions.lastSeenAt, idleSince)))
    .run().changes;
}

/** Appends one entry to the download log. */
export function recordPortalDownload(ctx: StoreContext, download: PortalDownload): void {
  ctx.db
    .insert(portalDownloads)
    .values({
      userName: download.userName,
      runId: download.runId,
      at: download.at,
      ip: download.ip ?? null,
    })
    .run();
}

/** A run's download log, newest first. */
export function portalDownloadsOf(ctx: StoreContext, runId: string, limit = 100): PortalDownload[] {
  return ctx.db
    .select()
    .from(portalDownloads)
    .where(eq(portalDownloads.runId, runId))
    .orderBy(desc(portalDownloads.at), desc(portalDownloads.seq))
    .limit(limit)
    .all()
    .map((row) => {
      const download: PortalDownload = { userName: row.userName, runId: row.runId, at: row.at };
      if (row.ip !== null) download.ip = row.ip;
      return download;
    });
}

export function recordPortalLoginFailure(
  ctx: StoreContext,
  failure: { userName: string; ip: string; at: Date },
): void {
  ctx.db.insert(portalLoginFailures).values(failure).run();
}

/** Failed sign-ins since `since` for the user name and for the client address, separately. */
export function countPortalLoginFailures(
  ctx: StoreContext,
  query: { userName: string; ip: string; since: Date },
): { byUser: number; byIp: number } {
  const count = (where: ReturnType<typeof and>) =>
    ctx.db.select({ n: sql<number>`count(*)` }).from(portalLoginFailures).where(where).get()?.n ??
    0;
  return {
    byUser: count(
      and(
        eq(portalLoginFailures.userName, query.userName),
        gte(portalLoginFailures.at, query.since),
      ),
    ),
    byIp: count(
      and(eq(portalLoginFailures.ip, query.ip), gte(portalLoginFailures.at, query.since)),
    ),
  };
}

/** Forgets failures of one user name (after it signs in) or all those older than `before`. */
export function clearPortalLoginFailures(
  ctx: StoreContext,
  which: { userName: string } | { before: Date },
): number {
  const where =
    'userName' in which
      ? eq(portalLoginFailures.userName, which.userName)
      : lt(portalLoginFailures.at, which.before);
  return ctx.db.delete(portalLoginFailures).where(where).run().changes;
}
