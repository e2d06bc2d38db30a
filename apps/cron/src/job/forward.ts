import { type GenesysClient, GenesysError, type Voicemail } from '@handover/genesys';
import type { ForwardKey, PlannedForward, ReportItem, RunMode, Store } from '@handover/store';
import type { Logger } from '../logger.js';
import type { CopiedToWitness } from './copied-to-witness.js';
import { forwardItem, hasCopy } from './plan.js';

/** How many times one copy is tried within a run when the answer is lost each time. */
const maxCopyAttempts = 3;
/** Ledger writes are batched: each transaction is an fsync, and a night may hold 10,000 copies. */
const ledgerBatch = 50;

export interface ForwardScope {
  runId: string;
  mode: RunMode;
  genesys: GenesysClient;
  store: Store;
  logger: Logger;
  concurrency: number;
  /** No new copy starts once this returns true (time budget spent, or shutting down). */
  shouldStop: () => boolean;
  now: () => Date;
  onResult?: (item: ReportItem) => void;
  /** Decides whether a lost copy answer may be retried (see CopiedToWitness). */
  witness: CopiedToWitness;
  /** How many pairs the queue holds, for the estimate written on deferred rows. */
  plannedTotal: number;
}

export interface ForwardResult {
  forwarded: number;
  failed: number;
  deferred: number;
  /** Set when Genesys refused for a reason no retry can fix (permissions, credentials). */
  fatal?: GenesysError;
}

/**
 * Copies each planned pair exactly once, in the order given (oldest first). Pairs are written
 * `pending` to the ledger, a batch at a time, before their copy requests, and `forwarded` after;
 * a copy whose answer was lost is settled by reading the message's `copiedTo` before any new
 * attempt, so a recipient never receives a message twice. Pairs not started before
 * `shouldStop` turns true are reported as deferred. The queue is read lazily, so a backlog of
 * any size costs one batch of memory. `carried` pairs are already pending from an interrupted
 * run and are settled like lost answers.
 */
export async function forwardAll(
  scope: ForwardScope,
  queue: Iterable<PlannedForward>,
  carried: PlannedForward[] = [],
): Promise<ForwardResult> {
  const result: ForwardResult = { forwarded: 0, failed: 0, deferred: 0 };
  const confirmed: ForwardKey[] = [];
  const source = queue[Symbol.iterator]();
  const batch: PlannedForward[] = [];
  let started = 0;

  const flush = () => {
    if (confirmed.length === 0) return;
    scope.store.markForwarded(scope.runId, confirmed.splice(0), scope.now());
  };
  const report = (item: ReportItem) => scope.onResult?.(item);
  const take = (): PlannedForward | undefined => {
    if (scope.shouldStop() || result.fatal) return undefined;
    if (batch.length === 0) {
      for (let next = source.next(); !next.done; next = source.next()) {
        batch.push(next.value);
        if (batch.length >= ledgerBatch) break;
      }
      if (batch.length === 0) return undefined;
      scope.store.markPending(scope.runId, batch);
      // Started from the front, so what a stop leaves behind is always the newest.
      batch.reverse();
    }
    started++;
    return batch.pop();
  };

  // Pairs still pending from an interrupted run whose copiedTo showed nothing: decided with
  // this run's lost answers, once there is evidence that copiedTo can be believed.
  const undecided: PlannedForward[] = [...carried];
  const settle = (planned: PlannedForward, outcome: CopyOutcome) => {
    if (outcome.ok) {
      confirmed.push(planned);
      if (confirmed.length >= ledgerBatch) flush();
      result.forwarded++;
      report(forwardItem(scope, planned, 'forwarded', outcome.detail, outcome.at));
      return;
    }
    // An unsettled pair stays pending: the next run reads copiedTo before deciding anything.
    if (!outcome.unsettled) scope.store.markFailed(scope.runId, [planned], outcome.detail);
    result.failed++;
    report(forwardItem(scope, planned, 'failed', outcome.detail));
    if (outcome.error && isFatal(outcome.error)) result.fatal = outcome.error;
  };

  const worker = async () => {
    for (let planned = take(); planned; planned = take()) {
      const outcome = await copyOnce(scope, planned);
      if (!outcome.ok && outcome.undecided) undecided.push(planned);
      else settle(planned, outcome);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, scope.concurrency) }, worker));
    // Lost answers met before this run had a copy to check copiedTo against: decide them now.
    for (const planned of undecided) settle(planned, await decideLater(scope, planned));
  } finally {
    flush();
  }

  // Pairs marked pending ahead of time but never sent go back to be planned by the next run.
  const unsent = batch.reverse();
  if (unsent.length > 0) scope.store.markFailed(scope.runId, unsent, 'deferred before sending');
  const remaining = scope.plannedTotal - started;
  const runs = Math.ceil(remaining / Math.max(1, result.forwarded));
  const detail = `left for the next run; ${remaining} deferred, about ${runs} more run(s)`;
  const defer = (planned: PlannedForward) => {
    result.deferred++;
    report(forwardItem(scope, planned, 'deferred', detail));
  };
  unsent.forEach(defer);
  for (let next = source.next(); !next.done; next = source.next()) defer(next.value);
  return result;
}

type CopyOutcome = { ok: true; at: Date; detail: string } | CopyFailure;

interface CopyFailure {
  ok: false;
  detail: string;
  error?: GenesysError;
  /** Left pending in the ledger: whether it landed is not known. */
  unsettled?: boolean;
  /** Not known yet whether copiedTo can be believed; decided at the end of the run. */
  undecided?: boolean;
}

const untrustedOutcome: CopyFailure = {
  ok: false,
  unsettled: true,
  detail:
    'copy answer lost; Genesys shows no copiedTo record to check it against, so it was not ' +
    'sent again (left pending: check the recipient mailbox)',
};

async function copyOnce(scope: ForwardScope, pair: PlannedForward): Promise<CopyOutcome> {
  const to = { type: pair.recipientType, id: pair.recipientId };
  const log = scope.logger.child({
    messageId: pair.messageId,
    recipient: `${pair.recipientType}:${pair.recipientId}`,
    leaverId: pair.leaverId,
  });

  for (let attempt = 1; attempt <= maxCopyAttempts; attempt++) {
    try {
      await scope.genesys.copyVoicemail(pair.messageId, to);
      log.debug({ attempt }, 'voicemail copied');
      scope.witness.offer(pair);
      return {
        ok: true,
        at: scope.now(),
        detail: attempt > 1 ? `copied on attempt ${attempt}` : '',
      };
    } catch (error) {
      if (!(error instanceof GenesysError) || error.kind !== 'ambiguous') {
        const detail = describe(error);
        log.warn({ err: error, attempt }, 'copy refused');
        return { ok: false, detail, error: error instanceof GenesysError ? error : undefined };
      }
      log.warn({ attempt }, 'copy answer lost; checking copiedTo before any retry');
      const { state } = await settleFromCopiedTo(scope.genesys, pair);
      if (state === 'copied') {
        return { ok: true, at: scope.now(), detail: 'confirmed from copiedTo after a lost answer' };
      }
      if (state === 'unknown') {
        const detail = 'copy answer lost and the message could not be read back';
        return { ok: false, detail, unsettled: true };
      }
      // copiedTo shows nothing: believable only where Genesys is seen to record copies there.
      if (!(await scope.witness.trusted())) {
        return { ...untrustedOutcome, undecided: true };
      }
    }
  }
  return { ok: false, detail: `copy answer lost ${maxCopyAttempts} times; retried next run` };
}

/**
 * A lost answer met before the run knew whether copiedTo can be believed. Once it can, the
 * message is read again and copied only if copiedTo still shows nothing; otherwise the pair stays
 * pending and is reported, never sent twice.
 */
async function decideLater(scope: ForwardScope, pair: PlannedForward): Promise<CopyOutcome> {
  if (scope.shouldStop() || !(await scope.witness.trusted())) return untrustedOutcome;
  const { state } = await settleFromCopiedTo(scope.genesys, pair);
  if (state === 'copied') {
    return { ok: true, at: scope.now(), detail: 'confirmed from copiedTo after a lost answer' };
  }
  if (state === 'unknown') return untrustedOutcome;
  return copyOnce(scope, pair);
}

/**
 * Reads the source message to learn whether a copy reached the recipient. `unknown` means the
 * message could not be read: the pair stays unsettled rather than risk a second copy.
 */
export async function settleFromCopiedTo(
  genesys: GenesysClient,
  pair: ForwardKey,
): Promise<{ state: 'copied' | 'absent' | 'unknown'; message?: Voicemail }> {
  try {
    const message = await genesys.getVoicemail(pair.messageId);
    if (!message) return { state: 'absent' };
    return { state: hasCopy(message, pair) ? 'copied' : 'absent', message };
  } catch {
    return { state: 'unknown' };
  }
}

function isFatal(error: GenesysError): boolean {
  return error.kind === 'permission' || error.kind === 'auth';
}

function describe(error: unknown): string {
  if (error instanceof GenesysError) {
    const context = error.contextId ? ` (contextId ${error.contextId})` : '';
    return `${error.message}${context}`;
  }
  return error instanceof Error ? error.message : String(error);
}
