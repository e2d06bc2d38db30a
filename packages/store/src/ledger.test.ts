import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from './errors.js';
import { forwardKey } from './forward-key.js';
import { openStore, type Store } from './open-store.js';
import { manualClock, pair, tempDir, zeroCounts } from './test-helpers.js';

function setup(file = join(tempDir(), 'handover.db')) {
  const clock = manualClock();
  const store = openStore(file, { now: clock.now });
  const run = store.startRun({
    mode: 'live',
    trigger: 'scheduled',
    policySha256: 'p',
    version: '1',
  });
  return { file, clock, store, runId: run.id };
}

function statusOf(store: Store, messageId: string, recipientId = 'u-boss') {
  return store
    .forwardStatus([messageId])
    .get(forwardKey({ messageId, recipientType: 'user', recipientId }));
}

function invalidTransition(fn: () => void): StoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreError && error.code === 'store.invalid_transition') return error;
    throw error;
  }
  throw new Error('expected store.invalid_transition');
}

describe('the forwarding ledger', () => {
  it('moves a pair new → pending → forwarded', () => {
    const { store, runId } = setup();
    expect(statusOf(store, 'm-1')).toBeUndefined();

    store.markPending(runId, [pair('m-1')]);
    expect(statusOf(store, 'm-1')).toBe('pending');

    store.markForwarded(runId, [pair('m-1')], new Date('2026-12-03T02:00:05Z'));
    expect(statusOf(store, 'm-1')).toBe('forwarded');
    expect(store.pendingForwards()).toEqual([]);
    store.close();
  });

  it('keeps forwarded final: no second pending, no failed, and confirming again is harmless', () => {
    const { store, runId } = setup();
    store.markPending(runId, [pair('m-1')]);
    store.markForwarded(runId, [pair('m-1')], new Date());

    const again = invalidTransition(() => store.markPending(runId, [pair('m-1')]));
    expect(again.message).toContain('m-1 user u-boss');
    expect(again.message).toContain('from forwarded to pending');
    invalidTransition(() => store.markFailed(runId, [pair('m-1')], 'late error'));

    store.markForwarded(runId, [pair('m-1')], new Date());
    expect(statusOf(store, 'm-1')).toBe('forwarded');
    store.close();
  });

  it('writes a pending batch all or nothing', () => {
    const { store, runId } = setup();
    store.markPending(runId, [pair('m-done')]);
    store.markForwarded(runId, [pair('m-done')], new Date());

    invalidTransition(() => store.markPending(runId, [pair('m-new'), pair('m-done')]));
    expect(statusOf(store, 'm-new')).toBeUndefined();
    store.close();
  });

  it('confirms or fails a batch all or nothing', () => {
    const { store, runId } = setup();
    store.markPending(runId, [pair('m-1'), pair('m-2')]);

    invalidTransition(() => store.markForwarded(runId, [pair('m-1'), pair('m-never')], new Date()));
    invalidTransition(() => store.markFailed(runId, [pair('m-2'), pair('m-never')], 'x'));
    expect(statusOf(store, 'm-1')).toBe('pending');
    expect(statusOf(store, 'm-2')).toBe('pending');
    store.close();
  });

  it('refuses to mark a pair pending twice: a crash leftover must be settled first', () => {
    const { store, runId } = setup();
    store.markPending(runId, [pair('m-1')]);
    invalidTransition(() => store.markPending(runId, [pair('m-1')]));
    store.close();
  });

  it('refuses to confirm or fail a pair that was never pending', () => {
    const { store, runId } = setup();
    const error = invalidTransition(() => store.markForwarded(runId, [pair('m-x')], new Date()));
    expect(error.message).toContain('from unknown to forwarded');
    invalidTransition(() => store.markFailed(runId, [pair('m-x')], 'nope'));
    store.close();
  });

  it('moves pending → failed and lets a later run retry it: failed → pending → forwarded', () => {
    const { store, runId, clock } = setup();
    store.markPending(runId, [pair('m-1'), pair('m-2')]);
    store.markForwarded(runId, [pair('m-2')], clock.now());
    store.markFailed(runId, [pair('m-1')], 'HTTP 503 from Genesys (contextId c-1)');
    expect(statusOf(store, 'm-1')).toBe('failed');
    store.finishRun(runId, { status: 'partial', counts: { ...zeroCounts, failed: 1 } });

    clock.advance(24 * 60 * 60 * 1000);
    const next = store.startRun({
      mode: 'live',
      trigger: 'scheduled',
      policySha256: 'p',
      version: '1',
    });
    store.markPending(next.id, [pair('m-1')]);
    expect(statusOf(store, 'm-1')).toBe('pending');
    store.markForwarded(next.id, [pair('m-1')], clock.now());
    expect(statusOf(store, 'm-1')).toBe('forwarded');
    store.close();
  });

  it('names the most recently confirmed copy, and none before the first', () => {
    const { store, runId, clock } = setup();
    expect(store.lastForwarded()).toBeUndefined();
    store.markPending(runId, [pair('m1'), pair('m2'), pair('m3')]);
    store.markForwarded(runId, [pair('m1')], clock.now());
    clock.advance(1000);
    store.markForwarded(runId, [pair('m2')], clock.now());
    store.markFailed(runId, [pair('m3')], 'refused');
    expect(store.lastForwarded()).toEqual({
      messageId: 'm2',
      recipientType: 'user',
      recipientId: 'u-boss',
    });
  });

  it('keeps recipients of one message apart', () => {
    const { store, runId } = setup();
    store.markPending(runId, [
      pair('m-1', 'u-a'),
      pair('m-1', 'u-b'),
      { ...pair('m-1', 'g-1'), recipientType: 'group' },
    ]);
    store.markForwarded(runId, [pair('m-1', 'u-a')], new Date());
    store.markFailed(runId, [pair('m-1', 'u-b')], 'refused');

    expect(store.forwardStatus(['m-1', 'm-unknown'])).toEqual(
      new Map([
        ['m-1 user u-a', 'forwarded'],
        ['m-1 user u-b', 'failed'],
        ['m-1 group g-1', 'pending'],
      ]),
    );
    store.close();
  });

  it('leaves the pairs of a crashed run pending for the next process to settle', () => {
    const { store, runId, file } = setup();
    store.markPending(runId, [pair('m-copied', 'u-a', 'sales'), pair('m-lost', 'u-b', 'sales')]);
    // The process dies here: the copy of m-copied went out, m-lost's did not.
    store.close();

    const clock = manualClock('2026-12-04T02:00:00.000Z');
    const reopened = openStore(file, { now: clock.now });
    expect(reopened.abandonStaleRuns()).toBe(1);
    expect(reopened.getRun(runId)?.status).toBe('abandoned');

    const leftovers = reopened.pendingForwards();
    expect(leftovers).toEqual([
      {
        messageId: 'm-copied',
        recipientType: 'user',
        recipientId: 'u-a',
        leaverId: 'u-left',
        rule: 'sales',
      },
      {
        messageId: 'm-lost',
        recipientType: 'user',
        recipientId: 'u-b',
        leaverId: 'u-left',
        rule: 'sales',
      },
    ]);

    // Settling: copiedTo shows u-a got m-copied, and nothing for u-b.
    const settling = reopened.startRun({
      mode: 'live',
      trigger: 'scheduled',
      policySha256: 'p',
      version: '1',
    });
    reopened.markForwarded(settling.id, [pair('m-copied', 'u-a')], clock.now());
    reopened.markFailed(settling.id, [pair('m-lost', 'u-b')], 'not in copiedTo after a crash');
    expect(reopened.pendingForwards()).toEqual([]);

    // Only the one without a copy is planned again.
    invalidTransition(() => reopened.markPending(settling.id, [pair('m-copied', 'u-a')]));
    reopened.markPending(settling.id, [pair('m-lost', 'u-b')]);
    expect(statusOf(reopened, 'm-lost', 'u-b')).toBe('pending');
    reopened.close();
  });

  it('answers forwardStatus for more messages than one SQL statement binds', () => {
    const { store, runId } = setup();
    const pairs = Array.from({ length: 1200 }, (_, i) => pair(`m-${i}`));
    store.markPending(runId, pairs);
    const statuses = store.forwardStatus(pairs.map((p) => p.messageId));
    expect(statuses.size).toBe(1200);
    expect(statuses.get('m-1199 user u-boss')).toBe('pending');
    store.close();
  });
});
