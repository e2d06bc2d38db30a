import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { tempDir } from './test-helpers.js';
import type { PlannedForward } from './types.js';

function planned(messageId: string, created: string, recipientId = 'u-boss'): PlannedForward {
  return {
    messageId,
    recipientType: 'user',
    recipientId,
    recipientName: 'Boss',
    leaverId: 'u-left',
    leaverName: 'Lee Left',
    leaverEmail: 'lee@example.com',
    leaverState: 'inactive',
    rule: 'default',
    messageCreated: created,
    callerName: 'Zoë',
    callerAddress: 'tel:+100',
    durationSeconds: 12,
  };
}

describe('planned forwards', () => {
  it('pages a large backlog oldest first, keeps duplicates once, and clears', () => {
    const store = openStore(join(tempDir(), 'handover.db'));
    const run = store.startRun({
      mode: 'live',
      trigger: 'manual',
      policySha256: 'p',
      version: '1',
    });
    // 1,234 messages with two recipients each, added newest first and out of order.
    const rows: PlannedForward[] = [];
    for (let i = 1234; i > 0; i--) {
      const created = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 1234) * 60_000).toISOString();
      rows.push(planned(`m${i}`, created), planned(`m${i}`, created, 'g-archive'));
    }
    expect(store.addPlannedForwards(run.id, rows)).toBe(2468);
    expect(store.addPlannedForwards(run.id, rows.slice(0, 10))).toBe(0);
    expect(store.countPlannedForwards(run.id)).toBe(2468);

    const read = [...store.plannedForwards(run.id)];
    expect(read).toHaveLength(2468);
    const order = read.map((row) => `${row.messageCreated} ${row.messageId} ${row.recipientId}`);
    expect(order).toEqual([...order].sort());
    expect(read[0]).toMatchObject({
      callerName: 'Zoë',
      durationSeconds: 12,
      leaverState: 'inactive',
    });

    store.clearPlannedForwards();
    expect(store.countPlannedForwards(run.id)).toBe(0);
    store.close();
  });
});
