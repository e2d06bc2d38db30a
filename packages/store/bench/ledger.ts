// How long SQLite takes to record a run of 10,000 forwards the way the job writes them:
// markPending and markForwarded per batch of 50 (one transaction each), then the report rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ForwardPair, openStore, type ReportItem } from '../src/index.js';

const FORWARDS = 10_000;
const BATCH = 50;
const ROUNDS = 3;

function pairs(round: number): ForwardPair[] {
  return Array.from({ length: FORWARDS }, (_, i) => ({
    messageId: `r${round}-m-${i}`,
    recipientType: i % 5 === 0 ? 'group' : 'user',
    recipientId: `u-${i % 97}`,
    leaverId: `leaver-${i % 40}`,
    rule: i % 3 === 0 ? 'sales' : 'default',
  }));
}

function item(runId: string, pair: ForwardPair, at: string): ReportItem {
  return {
    runId,
    runMode: 'live',
    leaverId: pair.leaverId,
    leaverName: 'Léa Départ',
    leaverEmail: 'lea@example.com',
    leaverState: 'inactive',
    rule: pair.rule,
    recipientType: pair.recipientType,
    recipientId: pair.recipientId,
    recipientName: 'Recipient Name',
    messageId: pair.messageId,
    messageCreated: '2026-12-01T10:00:00.000Z',
    callerName: 'Caller',
    callerAddress: '+15550100',
    durationSeconds: 42,
    outcome: 'forwarded',
    detail: '',
    forwardedAt: at,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'handover-bench-'));
try {
  const store = openStore(join(dir, 'handover.db'));
  console.log(`${FORWARDS} forwards, batches of ${BATCH}, synchronous=FULL, file in ${tmpdir()}`);
  for (let round = 1; round <= ROUNDS; round++) {
    const run = store.startRun({
      mode: 'live',
      trigger: 'manual',
      policySha256: 'p',
      version: 'b',
    });
    const all = pairs(round);
    const at = new Date();
    const items = all.map((pair) => item(run.id, pair, at.toISOString()));

    const started = performance.now();
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      store.markPending(run.id, batch);
      store.markForwarded(run.id, batch, at);
    }
    const ledgerMs = performance.now() - started;
    store.addReportItems(items);
    const totalMs = performance.now() - started;

    console.log(
      `round ${round}: ledger ${ledgerMs.toFixed(0)} ms ` +
        `(${(FORWARDS / BATCH) * 2} transactions), report rows ${(totalMs - ledgerMs).toFixed(0)} ms, ` +
        `total ${totalMs.toFixed(0)} ms`,
    );
  }
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
