import { and, eq, inArray, sql } from 'drizzle-orm';
import { chunks } from './chunks.js';
import type { StoreContext } from './context.js';
import { StoreError } from './errors.js';
import { forwardKey } from './forward-key.js';
import { forwards } from './schema.js';
import type { ForwardKey, ForwardPair, ForwardStatus } from './types.js';

// The ledger's states: (new) → pending → forwarded | failed, and failed → pending for a retry.
// `forwarded` is final: that is what makes each copy happen exactly once.

function keyMatches(key: ForwardKey) {
  return and(
    eq(forwards.messageId, key.messageId),
    eq(forwards.recipientType, key.recipientType),
    eq(forwards.recipientId, key.recipientId),
  );
}

function refuse(key: ForwardKey, from: string | undefined, to: ForwardStatus): StoreError {
  const pair = forwardKey(key);
  return new StoreError(
    'store.invalid_transition',
    `ledger pair ${pair} cannot go from ${from ?? 'unknown'} to ${to}`,
    { context: { ...key, from: from ?? null, to } },
  );
}

function currentStatus(ctx: StoreContext, key: ForwardKey): ForwardStatus | undefined {
  return ctx.db.select({ status: forwards.status }).from(forwards).where(keyMatches(key)).get()
    ?.status;
}

/**
 * Writes pairs as `pending` in one transaction, before their copy requests go out. New pairs and
 * `failed` ones (a retry) may become pending; a pair already pending (settle it first) or
 * forwarded is refused with 'store.invalid_transition' and nothing of the batch is written.
 */
export function markPending(ctx: StoreContext, runId: string, pairs: ForwardPair[]): void {
  const at = ctx.now();
  ctx.db.transaction((tx) => {
    for (const pair of pairs) {
      const result = tx
        .insert(forwards)
        .values({ ...pair, status: 'pending', detail: '', attemptedAt: at, runId })
        .onConflictDoUpdate({
          target: [forwards.messageId, forwards.recipientType, forwards.recipientId],
          set: {
            status: 'pending',
            leaverId: pair.leaverId,
            rule: pair.rule,
            detail: '',
            attempts: sql`${forwards.attempts} + 1`,
            attemptedAt: at,
            runId,
          },
          setWhere: eq(forwards.status, 'failed'),
        })
        .run();
      if (result.changes === 0) throw refuse(pair, currentStatus(ctx, pair), 'pending');
    }
  });
}

/**
 * Records confirmed copies: pending → forwarded, in one transaction. A pair already forwarded is
 * left as it was (confirming twice is harmless); any other state is refused.
 */
export function markForwarded(
  ctx: StoreContext,
  runId: string,
  keys: ForwardKey[],
  at: Date,
): void {
  ctx.db.transaction((tx) => {
    for (const key of keys) {
      const result = tx
        .update(forwards)
        .set({ status: 'forwarded', confirmedAt: at, detail: '', runId })
        .where(and(keyMatches(key), eq(forwards.status, 'pending')))
        .run();
      if (result.changes === 0) {
        const status = currentStatus(ctx, key);
        if (status !== 'forwarded') throw refuse(key, status, 'forwarded');
      }
    }
  });
}

/**
 * Records copies that did not happen: pending → failed, with the reason, in one transaction.
 * A failed pair is planned again by a later run; any state but pending is refused.
 */
export function markFailed(
  ctx: StoreContext,
  runId: string,
  keys: ForwardKey[],
  detail: string,
): void {
  ctx.db.transaction((tx) => {
    for (const key of keys) {
      const result = tx
        .update(forwards)
        .set({ status: 'failed', detail, runId })
        .where(and(keyMatches(key), eq(forwards.status, 'pending')))
        .run();
      if (result.changes === 0) throw refuse(key, currentStatus(ctx, key), 'failed');
    }
  });
}

/** Pairs an interrupted run left pending; the job settles them by reading `copiedTo`. */
export function pendingForwards(ctx: StoreContext): ForwardPair[] {
  return ctx.db
    .select({
      messageId: forwards.messageId,
      recipientType: forwards.recipientType,
      recipientId: forwards.recipientId,
      leaverId: forwards.leaverId,
      rule: forwards.rule,
    })
    .from(forwards)
    .where(eq(forwards.status, 'pending'))
    .orderBy(forwards.attemptedAt, forwards.messageId)
    .all();
}

/** The ledger state of every known pair of these messages, keyed by forwardKey(). */
export function forwardStatus(ctx: StoreContext, messageIds: string[]): Map<string, ForwardStatus> {
  const statuses = new Map<string, ForwardStatus>();
  for (const chunk of chunks([...new Set(messageIds)])) {
    const rows = ctx.db
      .select({
        messageId: forwards.messageId,
        recipientType: forwards.recipientType,
        recipientId: forwards.recipientId,
        status: forwards.status,
      })
      .from(forwards)
      .where(inArray(forwards.messageId, chunk))
      .all();
    for (const row of rows) statuses.set(forwardKey(row), row.status);
  }
  return statuses;
}
