import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { manualClock, reportItem, tempDir } from './test-helpers.js';

function setup() {
  const clock = manualClock();
  const store = openStore(join(tempDir(), 'handover.db'), { now: clock.now });
  const start = (mode: 'live' | 'dry-run') =>
    store.startRun({ mode, trigger: 'manual', policySha256: 'p', version: '1' }).id;
  return { store, start, clock };
}

describe('report items', () => {
  it('reads a run back in insertion order, across pages, and nothing of other runs', () => {
    const { store, start, clock } = setup();
    const runId = start('live');
    clock.advance(1000);
    const other = start('live');
    const items = Array.from({ length: 2500 }, (_, i) =>
      reportItem(runId, { messageId: `m-${i}`, durationSeconds: i % 7 === 0 ? null : i }),
    );
    store.addReportItems(items.slice(0, 1000));
    store.addReportItems([reportItem(other, { messageId: 'other' })]);
    store.addReportItems(items.slice(1000));

    expect([...store.reportItems(runId)]).toEqual(items);
    expect([...store.reportItems(other)].map((item) => item.messageId)).toEqual(['other']);
    store.close();
  });

  it('leaves the connection free for writes while a reader is part-way through', () => {
    const { store, start } = setup();
    const runId = start('live');
    store.addReportItems(
      Array.from({ length: 1500 }, (_, i) => reportItem(runId, { messageId: `m-${i}` })),
    );
    const lock = store.acquireLock({});

    let read = 0;
    for (const _item of store.reportItems(runId)) {
      read += 1;
      if (read % 500 === 0) lock.heartbeat();
    }
    expect(read).toBe(1500);
    lock.release();
    store.close();
  });

  it('remembers final outcomes of live runs only, the latest winning', () => {
    const { store, start, clock } = setup();
    const dry = start('dry-run');
    store.addReportItems([reportItem(dry, { messageId: 'm-dry', outcome: 'retained' })]);
    clock.advance(1000);
    const live = start('live');
    store.addReportItems([
      reportItem(live, { messageId: 'm-old', outcome: 'skipped_old', recipientType: '' }),
      reportItem(live, { messageId: 'm-read', outcome: 'skipped_read' }),
      reportItem(live, { messageId: 'm-read', outcome: 'retained' }),
      reportItem(live, { messageId: 'm-sent', outcome: 'forwarded' }),
      reportItem(live, { messageId: 'm-later', outcome: 'deferred' }),
    ]);

    expect(
      store.reportedMessageOutcomes(['m-dry', 'm-old', 'm-read', 'm-sent', 'm-later', 'm-new']),
    ).toEqual(
      new Map([
        ['m-old', 'skipped_old'],
        ['m-read', 'retained'],
      ]),
    );
    store.close();
  });

  it('rejects an outcome the schema does not know, writing none of the batch', () => {
    const { store, start } = setup();
    const runId = start('live');
    const bogus = { ...reportItem(runId), outcome: 'lost' } as unknown as ReturnType<
      typeof reportItem
    >;
    expect(() => store.addReportItems([reportItem(runId), bogus])).toThrow(/CHECK constraint/);
    expect([...store.reportItems(runId)]).toEqual([]);
    store.close();
  });
});
