import cron from 'node-cron';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { missedTick, startScheduler, type Tick } from './scheduler.js';
import { parseSettings } from './settings.js';

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

describe('startScheduler', () => {
  it('catches up a missed night at start, with a whole window counted from now', async () => {
    const settings = parseSettings(
      'schedule:\n  cron: "0 2 * * *"\n  timezone: UTC\n  window_minutes: 300\n',
      'handover.yaml',
    );
    const now = new Date('2026-12-03T09:30:00Z');
    const ticks: Tick[] = [];
    const scheduler = startScheduler({
      settings,
      logger: pino({ level: 'silent' }),
      now: () => now,
      lastScheduledFor: () => new Date('2026-12-01T02:00:00Z'),
      run: async (tick) => {
        ticks.push(tick);
      },
    });
    await scheduler.stop();

    expect(ticks).toEqual([
      {
        scheduledFor: new Date('2026-12-03T02:00:00Z'),
        caughtUp: true,
        deadline: new Date('2026-12-03T14:30:00Z'),
      },
    ]);
  });
});
