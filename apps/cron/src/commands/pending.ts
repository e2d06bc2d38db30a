import path from 'node:path';
import { reportFileName, writeReport } from '@handover/reports';
import { emptyRunCounts, type ForwardPair, type PlannedForward, type Store } from '@handover/store';
import { AppError } from '../errors.js';
import { forwardItem } from '../job/plan.js';
import { type JobContext, openDataStore, readPolicy, takeLock } from '../job/run.js';

/**
 * Copies whose fate is unknown: the copy answer was lost and Genesys could not confirm it. They
 * are never sent again on their own; a person checks the recipient's mailbox and says.
 */
export async function listPending(ctx: JobContext): Promise<string> {
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    const pending = store.pendingForwards();
    if (pending.length === 0) return 'No unconfirmed copies.';
    const lines = pending.map(
      (pair) =>
        `${pair.messageId}  ${pair.recipientType}:${pair.recipientId}  leaver ${pair.leaverId}` +
        `  rule ${pair.rule}`,
    );
    return [
      `${pending.length} unconfirmed cop${pending.length === 1 ? 'y' : 'ies'}:`,
      ...lines,
    ].join('\n');
  } finally {
    store.close();
  }
}

export type Verdict = 'delivered' | 'not-delivered';

/**
 * Records a person's verdict on one unconfirmed copy as a run of its own, so that the decision
 * has a report row, a hash in the chain and a place in the history. `not-delivered` lets the
 * next run copy the message again; `delivered` settles it for good.
 */
export async function resolvePending(
  ctx: JobContext,
  messageId: string,
  recipient: string,
  verdict: Verdict,
): Promise<string> {
  const { sha256 } = await readPolicy(ctx);
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    const pair = findPending(store, messageId, recipient);
    const lock = takeLock(ctx, store);
    try {
      const run = store.startRun({
        mode: 'live',
        trigger: 'manual',
        policySha256: sha256,
        version: ctx.version,
      });
      const copy = describedCopy(store, pair);
      const scope = { runId: run.id, mode: run.mode };
      const counts = emptyRunCounts();
      if (verdict === 'delivered') {
        store.markForwarded(run.id, [pair], new Date());
        const detail = 'an operator found the copy in the recipient mailbox';
        store.addReportItems([forwardItem(scope, copy, 'forwarded', detail, new Date())]);
        counts.forwarded = 1;
      } else {
        const detail = 'an operator found no copy; the next run copies it again';
        store.markFailed(run.id, [pair], detail);
        store.addReportItems([forwardItem(scope, copy, 'failed', detail)]);
        counts.failed = 1;
      }
      const file = path.join(ctx.env.dataDir, 'reports', reportFileName(run));
      const written = await writeReport(store.reportItems(run.id), file);
      store.finishRun(run.id, {
        status: 'succeeded',
        counts,
        reportPath: written.file,
        reportSha256: written.sha256,
      });
      return `Recorded as ${verdict} in run ${run.id}; report ${written.file}`;
    } finally {
      lock.release();
    }
  } finally {
    store.close();
  }
}

function findPending(store: Store, messageId: string, recipient: string): ForwardPair {
  const [type, id] = recipient.split(':');
  const pair = store
    .pendingForwards()
    .find(
      (candidate) =>
        candidate.messageId === messageId &&
        candidate.recipientType === type &&
        candidate.recipientId === id,
    );
  if (!pair) {
    throw new AppError(
      'run.not_found',
      `No unconfirmed copy of message ${messageId} to ${recipient} (expected user:<id> or ` +
        'group:<id>; `handover pending` lists them)',
    );
  }
  return pair;
}

/** The pair with what the ledger and the leaver records know; Genesys is not asked. */
function describedCopy(store: Store, pair: ForwardPair): PlannedForward {
  const leaver = store.watchedLeavers().find((known) => known.userId === pair.leaverId);
  return {
    ...pair,
    recipientName: '',
    leaverName: leaver?.name ?? '',
    leaverEmail: leaver?.email ?? '',
    leaverState: leaver?.state ?? '',
    messageCreated: '',
    callerName: '',
    callerAddress: '',
    durationSeconds: null,
  };
}
