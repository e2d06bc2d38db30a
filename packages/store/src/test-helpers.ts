import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { emptyRunCounts } from './runs.js';
import type { ForwardPair, ReportItem, RunCounts } from './types.js';

/** A fresh folder for one test, removed when the test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'handover-store-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A settable clock for stores under test. */
export function manualClock(start = '2026-12-03T02:00:00.000Z') {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(iso: string) {
      current = new Date(iso);
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** Deterministic 4-hex-digit sequence: 0001, 0002, ... */
export function counterHex(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return n.toString(16).padStart(4, '0');
  };
}

export const zeroCounts: RunCounts = emptyRunCounts();

export function pair(messageId: string, recipientId = 'u-boss', rule = 'default'): ForwardPair {
  return { messageId, recipientType: 'user', recipientId, leaverId: 'u-left', rule };
}

export function reportItem(runId: string, overrides: Partial<ReportItem> = {}): ReportItem {
  return {
    runId,
    runMode: 'live',
    leaverId: 'u-left',
    leaverName: 'Léa Départ',
    leaverEmail: 'lea@example.com',
    leaverState: 'inactive',
    rule: 'default',
    recipientType: 'user',
    recipientId: 'u-boss',
    recipientName: 'Boss',
    messageId: 'm-1',
    messageCreated: '2026-12-01T10:00:00.000Z',
    callerName: 'Caller',
    callerAddress: '+15550100',
    durationSeconds: 12,
    outcome: 'forwarded',
    detail: '',
    forwardedAt: '2026-12-03T02:00:01.000Z',
    ...overrides,
  };
}
