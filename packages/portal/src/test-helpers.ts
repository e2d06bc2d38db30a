import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportFileName, writeReport } from '@handover/reports';
import { openStore, type ReportItem, type RunRecord, type Store } from '@handover/store';
import { onTestFinished } from 'vitest';
import { startPortal } from './start-portal.js';
import { addPortalUser } from './users.js';

/** Cheap scrypt for tests; the real cost is the default. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1, keyLength: 32 };
export const PASSWORD = 'correct horse battery';

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'handover-portal-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function item(runId: string, overrides: Partial<ReportItem> = {}): ReportItem {
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

/** Records a finished run with these rows and writes its report file, as the job does. */
export async function addRun(
  store: Store,
  dir: string,
  items: (runId: string) => ReportItem[],
  mode: 'live' | 'dry-run' = 'live',
): Promise<RunRecord> {
  const run = store.startRun({
    mode,
    trigger: 'scheduled',
    policySha256: 'p'.repeat(64),
    version: '1',
  });
  const rows = items(run.id);
  store.addReportItems(rows);
  const written = await writeReport(store.reportItems(run.id), join(dir, reportFileName(run)));
  const count = (outcome: ReportItem['outcome']) =>
    rows.filter((r) => r.outcome === outcome).length;
  return store.finishRun(run.id, {
    status: count('failed') > 0 ? 'partial' : 'succeeded',
    counts: {
      leavers: new Set(rows.map((r) => r.leaverId)).size,
      forwarded: count('forwarded'),
      planned: count('planned'),
      retained: count('retained'),
      skipped: count('skipped_read') + count('skipped_old'),
      noRecipient: count('no_recipient'),
      failed: count('failed'),
      deferred: count('deferred'),
    },
    reportPath: written.file,
    reportSha256: written.sha256,
  });
}

/** A temp store with one user, a clock that moves a second per call, and a portal on port 0. */
export async function setupPortal(options: { secureCookies?: boolean } = {}) {
  const dir = tempDir();
  let clock = new Date('2026-12-03T08:00:00.000Z').getTime();
  // Each reading moves a second on, so stored times are distinct and ordered.
  const now = () => {
    clock += 1000;
    return new Date(clock);
  };
  const store = openStore(join(dir, 'handover.db'), { now });
  await addPortalUser(store, 'officer', PASSWORD, TEST_SCRYPT);
  const portal = await startPortal({
    store,
    host: '127.0.0.1',
    port: 0,
    secureCookies: options.secureCookies ?? false,
    now,
  });
  onTestFinished(async () => {
    await portal.close();
    store.close();
  });
  return {
    dir,
    store,
    url: portal.url,
    advance(ms: number) {
      clock += ms;
    },
  };
}

/** Posts the sign-in form; answers the response without following its redirect. */
export function postLogin(url: string, username: string, password: string, next?: string) {
  const body = new URLSearchParams({ username, password });
  if (next) body.set('next', next);
  return fetch(`${url}/login`, { method: 'POST', body, redirect: 'manual' });
}

/** Signs in and answers the `Cookie` header value for later requests. */
export async function signIn(url: string, username = 'officer', password = PASSWORD) {
  const res = await postLogin(url, username, password);
  const setCookie = res.headers.get('set-cookie') ?? '';
  if (res.status !== 303 || setCookie === '') throw new Error(`sign-in failed: ${res.status}`);
  return setCookie.split(';')[0] ?? '';
}
