import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { manualClock, tempDir } from './test-helpers.js';

const DAY = 24 * 60 * 60 * 1000;

describe('leavers', () => {
  it('keeps the first sighting, refreshes the rest, and watches from the first sighting', () => {
    const clock = manualClock('2026-12-01T02:00:00.000Z');
    const store = openStore(join(tempDir(), 'handover.db'), { now: clock.now });

    store.recordLeavers(
      [{ userId: 'u-1', name: 'Ana', email: 'ana@example.com', state: 'inactive' }],
      30,
    );
    clock.advance(2 * DAY);
    store.recordLeavers(
      [
        { userId: 'u-1', name: 'Ana Núñez', state: 'deleted' },
        { userId: 'u-2', name: 'Bo', state: 'inactive' },
      ],
      30,
    );

    expect(store.knownLeaverIds()).toEqual(new Set(['u-1', 'u-2']));
    expect(store.watchedLeavers()).toEqual([
      {
        userId: 'u-1',
        name: 'Ana Núñez',
        state: 'deleted',
        firstSeen: new Date('2026-12-01T02:00:00.000Z'),
        lastChecked: new Date('2026-12-03T02:00:00.000Z'),
        watchUntil: new Date('2026-12-31T02:00:00.000Z'),
      },
      {
        userId: 'u-2',
        name: 'Bo',
        state: 'inactive',
        firstSeen: new Date('2026-12-03T02:00:00.000Z'),
        lastChecked: new Date('2026-12-03T02:00:00.000Z'),
        watchUntil: new Date('2027-01-02T02:00:00.000Z'),
      },
    ]);

    clock.set('2026-12-31T02:00:00.001Z');
    expect(store.watchedLeavers().map((leaver) => leaver.userId)).toEqual(['u-2']);
    expect(store.knownLeaverIds().size).toBe(2);
    store.close();
  });
});
