import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { counterHex, manualClock, tempDir, zeroCounts } from './test-helpers.js';

function setup() {
  const clock = manualClock('2026-12-03T02:00:00.123Z');
  const store = openStore(join(tempDir(), 'handover.db'), {
    now: clock.now,
    randomHex: counterHex(),
  });
  const start = (trigger: 'scheduled' | 'manual' = 'scheduled', scheduledFor?: Date) =>
    store.startRun({
      mode: 'live',
      trigger,
      policySha256: 'policy-hash',
      version: '0.1.0',
      ...(scheduledFor ? { scheduledFor } : {}),
    });
  return { clock, store, start };
}

describe('runs', () => {
  it('names a run by its UTC start second plus 4 hex digits, and records it as running', () => {
    const { store, start } = setup();
    const run = start('scheduled', new Date('2026-12-03T02:00:00Z'));

    expect(run.id).toBe('20261203T020000Z-0001');
    expect(store.getRun(run.id)).toEqual({
      id: '20261203T020000Z-0001',
      mode: 'live',
      trigger: 'scheduled',
      startedAt: new Date('2026-12-03T02:00:00.123Z'),
      scheduledFor: new Date('2026-12-03T02:00:00Z'),
      status: 'running',
      counts: zeroCounts,
      policySha256: 'policy-hash',
      version: '0.1.0',
    });
    store.close();
  });

  it('picks another id when two runs start in the same second with the same digits', () => {
    const clock = manualClock();
    const store = openStore(join(tempDir(), 'handover.db'), {
      now: clock.now,
      randomHex: (() => {
        const digits = ['aaaa', 'aaaa', 'bbbb'];
        return () => digits.shift() ?? 'ffff';
      })(),
    });
    const input = { mode: 'live', trigger: 'manual', policySha256: 'p', version: '1' } as const;
    expect(store.startRun(input).id).toBe('20261203T020000Z-aaaa');
    expect(store.startRun(input).id).toBe('20261203T020000Z-bbbb');
    store.close();
  });

  it('finishes a run with its counts and chains each report to the previous one', () => {
    const { store, start, clock } = setup();
    const first = start();
    clock.advance(60_000);
    const done = store.finishRun(first.id, {
      status: 'succeeded',
      counts: { ...zeroCounts, leavers: 2, forwarded: 5 },
      reportPath: '/data/a.csv',
      reportSha256: 'sha-a',
    });
    expect(done).toMatchObject({
      status: 'succeeded',
      finishedAt: new Date('2026-12-03T02:01:00.123Z'),
      counts: { leavers: 2, forwarded: 5 },
      reportSha256: 'sha-a',
    });
    expect(done.prevReportSha256).toBeUndefined();

    clock.advance(60_000);
    const broken = start('manual');
    const failed = store.finishRun(broken.id, {
      status: 'failed',
      counts: zeroCounts,
      error: 'Genesys login refused',
    });
    expect(failed).toMatchObject({ status: 'failed', error: 'Genesys login refused' });

    clock.advance(60_000);
    const third = start();
    const linked = store.finishRun(third.id, {
      status: 'partial',
      counts: { ...zeroCounts, failed: 1 },
      reportPath: '/data/c.csv',
      reportSha256: 'sha-c',
    });
    expect(linked.prevReportSha256).toBe('sha-a');

    expect(store.chain().map((run) => [run.id, run.reportSha256, run.prevReportSha256])).toEqual([
      [first.id, 'sha-a', undefined],
      [third.id, 'sha-c', 'sha-a'],
    ]);
    store.close();
  });

  it('refuses to finish an unknown run or one already finished', () => {
    const { store, start } = setup();
    expect(() => store.finishRun('nope', { status: 'succeeded', counts: zeroCounts })).toThrow(
      expect.objectContaining({ code: 'store.unknown_run' }),
    );
    const run = start();
    store.finishRun(run.id, { status: 'succeeded', counts: zeroCounts });
    expect(() => store.finishRun(run.id, { status: 'failed', counts: zeroCounts })).toThrow(
      expect.objectContaining({ code: 'store.invalid_transition' }),
    );
    store.close();
  });

  it('lists runs newest first with paging, counts them, and finds the last scheduled one', () => {
    const { store, start, clock } = setup();
    const ids: string[] = [];
    for (const trigger of ['scheduled', 'scheduled', 'manual'] as const) {
      ids.push(start(trigger).id);
      clock.advance(3_600_000);
    }

    expect(store.countRuns()).toBe(3);
    expect(store.listRuns().map((run) => run.id)).toEqual([...ids].reverse());
    expect(store.listRuns({ limit: 1, offset: 1 }).map((run) => run.id)).toEqual([ids[1]]);
    expect(store.lastScheduledRun()?.id).toBe(ids[1]);
    store.close();
  });

  it('abandons running runs without a live lock, and spares the run holding it', () => {
    const { store, start, clock } = setup();
    const dead = start();
    clock.advance(1000);

    const lock = store.acquireLock({});
    const mine = start();
    expect(store.abandonStaleRuns()).toBe(1);
    expect(store.getRun(dead.id)).toMatchObject({ status: 'abandoned' });
    expect(store.getRun(dead.id)?.finishedAt).toEqual(clock.now());
    expect(store.getRun(mine.id)?.status).toBe('running');

    lock.release();
    expect(store.abandonStaleRuns()).toBe(1);
    expect(store.getRun(mine.id)?.status).toBe('abandoned');
    store.close();
  });
});
