import { and, eq, isNull } from 'drizzle-orm';
import type { StoreContext } from './context.js';
import { LockHeldError, StoreError } from './errors.js';
import { runLock } from './schema.js';
import type { LockHolderInput, RunLock } from './types.js';

export const DEFAULT_STALE_AFTER_MS = 10 * 60 * 1000;

type LockRow = typeof runLock.$inferSelect;

function describeHolder(pid: number, host: string, runId: string | undefined | null): string {
  return `pid ${pid} on ${host}${runId ? ` (run ${runId})` : ''}`;
}

/** Why an existing lock may be taken over, or undefined while it is still held. */
function takeoverReason(
  ctx: StoreContext,
  row: LockRow,
  staleAfterMs: number,
): 'dead-process' | 'stale' | undefined {
  if (row.host === ctx.hostname && !ctx.isProcessAlive(row.pid)) return 'dead-process';
  if (ctx.now().getTime() - row.heartbeatAt.getTime() > staleAfterMs) return 'stale';
  return undefined;
}

/**
 * Takes the single run lock in an IMMEDIATE transaction, so two processes cannot both win.
 * A lock is held while its holder heartbeats within `staleAfterMs`; a holder on this host whose
 * pid no longer exists loses it at once. Throws LockHeldError naming the holder and since when.
 */
export function acquireLock(
  ctx: StoreContext,
  input: LockHolderInput,
  options: { staleAfterMs?: number } = {},
): RunLock {
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  ctx.staleAfterMs = staleAfterMs;
  const pid = input.pid ?? process.pid;
  const host = input.host ?? ctx.hostname;
  const holder = describeHolder(pid, host, input.runId);
  const token = `${pid}-${ctx.now().getTime()}-${ctx.randomHex()}${ctx.randomHex()}`;

  ctx.db.transaction(
    (tx) => {
      const current = tx.select().from(runLock).where(eq(runLock.id, 1)).get();
      if (current) {
        const reason = takeoverReason(ctx, current, staleAfterMs);
        if (reason === undefined) {
          throw new LockHeldError({
            holder: current.holder,
            pid: current.pid,
            host: current.host,
            since: current.acquiredAt,
            heartbeatAt: current.heartbeatAt,
            ...(current.runId ? { runId: current.runId } : {}),
          });
        }
        ctx.logger.warn(
          {
            previousHolder: current.holder,
            since: current.acquiredAt.toISOString(),
            heartbeatAt: current.heartbeatAt.toISOString(),
            reason,
            holder,
          },
          'store.lock_taken_over',
        );
        tx.delete(runLock).where(eq(runLock.id, 1)).run();
      }
      const at = ctx.now();
      tx.insert(runLock)
        .values({
          id: 1,
          token,
          holder,
          pid,
          host,
          runId: input.runId ?? null,
          acquiredAt: at,
          heartbeatAt: at,
        })
        .run();
    },
    { behavior: 'immediate' },
  );

  ctx.heldLockToken = token;
  ctx.logger.info({ holder }, 'store.lock_acquired');
  return {
    holder,
    heartbeat() {
      const result = ctx.db
        .update(runLock)
        .set({ heartbeatAt: ctx.now() })
        .where(eq(runLock.token, token))
        .run();
      if (result.changes === 0) {
        throw new StoreError(
          'store.lock_lost',
          `the run lock of ${holder} was taken over by another run; stop before writing more`,
          { context: { holder } },
        );
      }
    },
    release() {
      ctx.db.delete(runLock).where(eq(runLock.token, token)).run();
      if (ctx.heldLockToken === token) ctx.heldLockToken = undefined;
      ctx.logger.info({ holder }, 'store.lock_released');
    },
  };
}

/** Names the run in the lock this store holds, so a later process sees which run it is. */
export function attachRunToHeldLock(ctx: StoreContext, runId: string): void {
  if (ctx.heldLockToken === undefined) return;
  const token = ctx.heldLockToken;
  const row = ctx.db.select().from(runLock).where(eq(runLock.token, token)).get();
  if (!row || row.runId) return;
  ctx.db
    .update(runLock)
    .set({ runId, holder: describeHolder(row.pid, row.host, runId) })
    .where(and(eq(runLock.token, token), isNull(runLock.runId)))
    .run();
}

/** The lock row if it is currently held (not stale, holder not known dead). */
export function liveLock(ctx: StoreContext, staleAfterMs: number): LockRow | undefined {
  const current = ctx.db.select().from(runLock).where(eq(runLock.id, 1)).get();
  if (!current) return undefined;
  return takeoverReason(ctx, current, staleAfterMs) === undefined ? current : undefined;
}
