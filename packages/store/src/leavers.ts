import { gte, sql } from 'drizzle-orm';
import type { StoreContext } from './context.js';
import { leavers } from './schema.js';
import type { LeaverRecord } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

export interface LeaverInput {
  userId: string;
  name: string;
  email?: string;
  state: string;
}

/**
 * Upserts leavers in one transaction. first_seen is kept from the first sighting, and the watch
 * runs `watchDays` from then, so a changed setting applies to known leavers too.
 */
export function recordLeavers(ctx: StoreContext, input: LeaverInput[], watchDays: number): void {
  const now = ctx.now();
  const watchMs = watchDays * DAY_MS;
  ctx.db.transaction((tx) => {
    for (let i = 0; i < input.length; i += BATCH) {
      const rows = input.slice(i, i + BATCH).map((leaver) => ({
        userId: leaver.userId,
        name: leaver.name,
        email: leaver.email ?? null,
        state: leaver.state,
        firstSeen: now,
        lastChecked: now,
        watchUntil: new Date(now.getTime() + watchMs),
      }));
      tx.insert(leavers)
        .values(rows)
        .onConflictDoUpdate({
          target: leavers.userId,
          set: {
            name: sql`excluded.name`,
            email: sql`excluded.email`,
            state: sql`excluded.state`,
            lastChecked: sql`excluded.last_checked`,
            watchUntil: sql`${leavers.firstSeen} + ${watchMs}`,
          },
        })
        .run();
    }
  });
}

export function knownLeaverIds(ctx: StoreContext): Set<string> {
  const rows = ctx.db.select({ userId: leavers.userId }).from(leavers).all();
  return new Set(rows.map((row) => row.userId));
}

/** Leavers still inside their watch window (watchUntil >= now), oldest sighting first. */
export function watchedLeavers(ctx: StoreContext): LeaverRecord[] {
  return ctx.db
    .select()
    .from(leavers)
    .where(gte(leavers.watchUntil, ctx.now()))
    .orderBy(leavers.firstSeen, leavers.userId)
    .all()
    .map((row) => {
      const record: LeaverRecord = {
        userId: row.userId,
        name: row.name,
        state: row.state,
        firstSeen: row.firstSeen,
        lastChecked: row.lastChecked,
        watchUntil: row.watchUntil,
      };
      if (row.email !== null) record.email = row.email;
      return record;
    });
}
