import { and, desc, eq, inArray } from 'drizzle-orm';
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

// The write paths use prepared statements on the raw connection: a run of 10,000 forwards makes
// 20,000 of these calls, and building each one through drizzle cost seconds.
const MARK_PENDING = `
  INSERT INTO forwards (message_id, recipient_type, recipient_id, leaver_id, rule, status, detail,
    attempts, attempted_at, run_id)
  VALUES (@messageId, @recipientType, @recipientId, @leaverId, @rule, 'pending', '', 1, @at, @runId)
  ON CONFLICT (message_id, recipient_type, recipient_id) DO UPDATE SET
    status = 'pending', leaver_id = excluded.leaver_id, rule = excluded.rule, detail = '',
    attempts = forwards.attempts + 1, attempted_at = excluded.attempted_at, run_id = excluded.run_id
  WHERE forwards.status = 'failed'`;

const MARK_FORWARDED = `
  UPDATE forwards SET status = 'forwarded', confirmed_at = @at, detail = '', run_id = @runId
  WHERE message_id = @messageId AND recipient_type = @recipientType
    AND recipient_id = @recipientId AND status = 'pending'`;

const MARK_FAILED = `
  UPDATE forwards SET status = 'failed', detail = @detail, run_id = @runId
  WHERE message_id = @messageId AND recipient_type = @recipientType
    AND recipient_id = @recipientId AND status = 'pending'`;

function keyParams(key: ForwardKey) {
  return {
    messageId: key.messageId,
    recipientType: key.recipientType,
    recipientId: key.recipientId,
  };
}

/**
 * Writes pairs as `pending` in one transaction, before their copy requests go out. New pairs and
 * `failed` ones (a retry) may become pending; a pair already pending (settle it first) or
 * forwarded is refused with 'store.invalid_transition' and nothing of the batch is written.
 */
export function markPending(ctx: StoreContext, runId: string, pairs: ForwardPair[]): void {
  const at = ctx.now().getTime();
  const insert = ctx.statement(MARK_PENDING);
  ctx.sqlite.transaction(() => {
    for (const pair of pairs) {
      const result = insert.run({
        ...keyParams(pair),
        leaverId: pair.leaverId,
        rule: pair.rule,
        at,
        runId,
      });
      if (result.changes === 0) throw refuse(pair, currentStatus(ctx, pair), 'pending');
    }
  })();
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
  const update = ctx.statement(MARK_FORWARDED);
  ctx.sqlite.transaction(() => {
    for (const key of keys) {
      const result = update.run({ ...keyParams(key), at: at.getTime(), runId });
      if (result.changes === 0) {
        const status = currentStatus(ctx, key);
        if (status !== 'forwarded') throw refuse(key, status, 'forwarded');
      }
    }
  })();
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
  const update = ctx.statement(MARK_FAILED);
  ctx.sqlite.transaction(() => {
    for (const key of keys) {
      const result = update.run({ ...keyParams(key), detail, runId });
      if (result.changes === 0) throw refuse(key, currentStatus(ctx, key), 'failed');
    }
  })();
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

/**
 * The most recently confirmed copy, or none: evidence a run can hold up against Genesys to learn
 * whether the org records copies in `copiedTo`.
 */
export function lastForwarded(ctx: StoreContext): ForwardKey | undefined {
  return ctx.db
    .select({
      messageId: forwards.messageId,
      recipientType: forwards.recipientType,
      recipientId: forwards.recipientId,
    })
    .from(forwards)
    .where(eq(forwards.status, 'forwarded'))
    .orderBy(desc(forwards.confirmedAt))
    .limit(1)
    .get();
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
