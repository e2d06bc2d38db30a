import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { missedTick } from './scheduler.js';

function nightly(timezone = 'UTC') {
  return cron.createTask('0 2 * * *', () => {}, { timezone });
}

describe('missedTick', () => {
  it('finds the tick a stopped process missed', () => {
    const last = new Date('2026-12-01T02:00:00Z');
    const now = new Date('2026-12-03T09:30:00Z');
    expect(missedTick(nightly(), last, now)).toEqual(new Date('2026-12-03T02:00:00Z'));
  });

  it('finds nothing when the last scheduled run is the latest tick', () => {
    const last = new Date('2026-12-03T02:00:00Z');
    expect(missedTick(nightly(), last, new Date('2026-12-03T09:30:00Z'))).toBeUndefined();
  });

  it('does not catch up before any scheduled run was ever recorded', () => {
    expect(missedTick(nightly(), undefined, new Date('2026-12-03T09:30:00Z'))).toBeUndefined();
  });

  it('reads the tick in the configured time zone', () => {
    const last = new Date('2026-11-30T01:00:00Z');
    const now = new Date('2026-12-03T09:30:00Z');
    // 02:00 in Dublin is 02:00 UTC in winter; in Auckland (UTC+13) it is 13:00 UTC the day before.
    expect(missedTick(nightly('Pacific/Auckland'), last, now)).toEqual(
      new Date('2026-12-02T13:00:00Z'),
    );
  });
});
