import { and, desc, eq, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { StoreContext } from './context.js';
import { StoreError } from './errors.js';
import { attachRunToHeldLock, DEFAULT_STALE_AFTER_MS, liveLock } from './lock.js';
import { newRunId } from './run-id.js';
import { runs } from './schema.js';
import type { RunCounts, RunMode, RunRecord, RunStatus, RunTrigger } from './types.js';

type RunRow = typeof runs.$inferSelect;

export interface StartRunInput {
  mode: RunMode;
  trigger: RunTrigger;
  policySha256: string;
  version: string;
  scheduledFor?: Date;
}

export interface FinishRunInput {
  status: RunStatus;
  counts: RunCounts;
  reportPath?: string;
  reportSha256?: string;
  error?: string;
}

function toRecord(row: RunRow): RunRecord {
  const record: RunRecord = {
    id: row.id,
    mode: row.mode,
    trigger: row.trigger,
    startedAt: row.startedAt,
    status: row.status,
    counts: {
      leavers: row.leavers,
      forwarded: row.forwarded,
      planned: row.planned,
      retained: row.retained,
      skipped: row.skipped,
      noRecipient: row.noRecipient,
      failed: row.failed,
      deferred: row.deferred,
    },
    policySha256: row.policySha256,
    version: row.version,
  };
  if (row.finishedAt) record.finishedAt = row.finishedAt;
  if (row.scheduledFor) record.scheduledFor = row.scheduledFor;
  if (row.reportPath !== null) record.reportPath = row.reportPath;
  if (row.reportSha256 !== null) record.reportSha256 = row.reportSha256;
  if (row.prevReportSha256 !== null) record.prevReportSha256 = row.prevReportSha256;
  if (row.error !== null) record.error = row.error;
  return record;
}

const ID_ATTEMPTS = 8;

/** Records a new run as 'running' and names it in the lock this store holds, if any. */
/** Counts of a run that has done nothing yet. */
export function emptyRunCounts(): RunCounts {
  return {
    leavers: 0,
    forwarded: 0,
    planned: 0,
    retained: 0,
    skipped: 0,
    noRecipient: 0,
    failed: 0,
    deferred: 0,
  };
}

export function startRun(ctx: StoreContext, input: StartRunInput): RunRecord {
  const startedAt = ctx.now();
  for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
    const id = newRunId(startedAt, ctx.randomHex);
    const inserted = ctx.db
      .insert(runs)
      .values({
        id,
        mode: input.mode,
        trigger: input.trigger,
        status: 'running',
        startedAt,
        scheduledFor: input.scheduledFor ?? null,
        policySha256: input.policySha256,
        version: input.version,
      })
      .onConflictDoNothing()
      .returning()
      .get();
    if (inserted) {
      attachRunToHeldLock(ctx, id);
      ctx.logger.info({ runId: id, mode: input.mode, trigger: input.trigger }, 'store.run_started');
      return toRecord(inserted);
    }
  }
  throw new StoreError('store.run_id', `no free run id for ${startedAt.toISOString()}`, {
    context: { startedAt: startedAt.toISOString() },
  });
}

/**
 * Closes a 'running' run with its outcome. It records the previous report's hash
 * (prevReportSha256) so the chain links, and a run with a report takes the next chain position.
 */
export function finishRun(ctx: StoreContext, id: string, result: FinishRunInput): RunRecord {
  return ctx.db.transaction(
    (tx) => {
      const current = tx.select().from(runs).where(eq(runs.id, id)).get();
      if (!current) {
        throw new StoreError('store.unknown_run', `no run ${id} in ${ctx.file}`, {
          context: { runId: id },
        });
      }
      if (current.status !== 'running') {
        throw new StoreError(
          'store.invalid_transition',
          `run ${id} is already ${current.status}; only a running run can be finished`,
          { context: { runId: id, status: current.status } },
        );
      }

      const last = tx
        .select({ seq: runs.chainSeq, sha256: runs.reportSha256 })
        .from(runs)
        .where(isNotNull(runs.chainSeq))
        .orderBy(desc(runs.chainSeq))
        .limit(1)
        .get();
      const hasReport = result.reportSha256 !== undefined;
      const updated = tx
        .update(runs)
        .set({
          status: result.status,
          finishedAt: ctx.now(),
          ...result.counts,
          reportPath: result.reportPath ?? null,
          reportSha256: result.reportSha256 ?? null,
          prevReportSha256: last?.sha256 ?? null,
          chainSeq: hasReport ? (last?.seq ?? 0) + 1 : null,
          error: result.error ?? null,
        })
        .where(eq(runs.id, id))
        .returning()
        .get();
      ctx.logger.info({ runId: id, status: result.status, ...result.counts }, 'store.run_finished');
      return toRecord(updated ?? current);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Marks 'running' runs as 'abandoned' unless they belong to the live lock (its run, or started
 * after it was taken). Returns how many were abandoned.
 */
export function abandonStaleRuns(ctx: StoreContext, staleAfterMs = DEFAULT_STALE_AFTER_MS): number {
  return ctx.db.transaction(
    (tx) => {
      const lock = liveLock(ctx, staleAfterMs);
      const dead = lock
        ? and(
            eq(runs.status, 'running'),
            ne(runs.id, lock.runId ?? ''),
            lt(runs.startedAt, lock.acquiredAt),
          )
        : eq(runs.status, 'running');
      const abandoned = tx
        .update(runs)
        .set({
          status: 'abandoned',
          finishedAt: ctx.now(),
          error: 'found still running after its process ended',
        })
        .where(dead)
        .returning({ id: runs.id })
        .all();
      for (const run of abandoned) ctx.logger.warn({ runId: run.id }, 'store.run_abandoned');
      return abandoned.length;
    },
    { behavior: 'immediate' },
  );
}

export function getRun(ctx: StoreContext, id: string): RunRecord | undefined {
  const row = ctx.db.select().from(runs).where(eq(runs.id, id)).get();
  return row ? toRecord(row) : undefined;
}

export function listRuns(
  ctx: StoreContext,
  options: { limit?: number; offset?: number } = {},
): RunRecord[] {
  return ctx.db
    .select()
    .from(runs)
    .orderBy(desc(runs.startedAt), desc(runs.id))
    .limit(options.limit ?? -1)
    .offset(options.offset ?? 0)
    .all()
    .map(toRecord);
}

export function countRuns(ctx: StoreContext): number {
  const row = ctx.db.select({ n: sql<number>`count(*)` }).from(runs).get();
  return row?.n ?? 0;
}

export function chain(ctx: StoreContext): RunRecord[] {
  return ctx.db
    .select()
    .from(runs)
    .where(isNotNull(runs.chainSeq))
    .orderBy(runs.chainSeq)
    .all()
    .map(toRecord);
}

export function lastScheduledRun(ctx: StoreContext): RunRecord | undefined {
  const row = ctx.db
    .select()
    .from(runs)
    .where(eq(runs.trigger, 'scheduled'))
    .orderBy(desc(runs.startedAt), desc(runs.id))
    .limit(1)
    .get();
  return row ? toRecord(row) : undefined;
}
