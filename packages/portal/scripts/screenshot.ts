/**
 * Redraws docs/portal-runs.png: a throwaway database with a few demo runs, the portal on a free
 * port, headless Chromium signed in on the runs page. Run with `pnpm --filter @handover/portal
 * screenshot`; it needs /usr/bin/chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportFileName, writeReport } from '@handover/reports';
import { openStore, type ReportItem, type Store } from '@handover/store';
import { hasChromium, launchChromium } from '../src/browser.js';
import { addPortalUser, startPortal } from '../src/index.js';

const OUT = fileURLToPath(new URL('../../../docs/portal-runs.png', import.meta.url));
const PASSWORD = 'screenshot password';

interface DemoRun {
  at: string;
  mode: 'live' | 'dry-run';
  forwarded: number;
  retained: number;
  noRecipient: number;
  failed: number;
}

const RUNS: DemoRun[] = [
  {
    at: '2026-11-27T02:00:04Z',
    mode: 'live',
    forwarded: 14,
    retained: 3,
    noRecipient: 0,
    failed: 0,
  },
  {
    at: '2026-11-28T02:00:03Z',
    mode: 'live',
    forwarded: 9,
    retained: 1,
    noRecipient: 1,
    failed: 0,
  },
  {
    at: '2026-11-29T02:00:05Z',
    mode: 'live',
    forwarded: 22,
    retained: 4,
    noRecipient: 0,
    failed: 2,
  },
  {
    at: '2026-11-30T02:00:02Z',
    mode: 'live',
    forwarded: 5,
    retained: 0,
    noRecipient: 0,
    failed: 0,
  },
  {
    at: '2026-12-01T09:12:40Z',
    mode: 'dry-run',
    forwarded: 0,
    retained: 2,
    noRecipient: 1,
    failed: 0,
  },
  {
    at: '2026-12-02T02:00:04Z',
    mode: 'live',
    forwarded: 17,
    retained: 2,
    noRecipient: 1,
    failed: 0,
  },
  {
    at: '2026-12-03T02:00:03Z',
    mode: 'live',
    forwarded: 11,
    retained: 5,
    noRecipient: 0,
    failed: 1,
  },
];

function items(runId: string, run: DemoRun): ReportItem[] {
  const row = (n: number, outcome: ReportItem['outcome']): ReportItem => ({
    runId,
    runMode: run.mode,
    leaverId: `u-${n % 4}`,
    leaverName: ['Ana Silva', 'Ben Okafor', 'Chloé Martin', 'Dev Patel'][n % 4] ?? 'Ana Silva',
    leaverEmail: `leaver${n % 4}@example.com`,
    leaverState: n % 3 === 0 ? 'deleted' : 'inactive',
    rule: n % 2 === 0 ? 'sales-to-manager' : 'default',
    recipientType: outcome === 'no_recipient' ? '' : 'user',
    recipientId: outcome === 'no_recipient' ? '' : `u-boss-${n % 2}`,
    recipientName: outcome === 'no_recipient' ? '' : (['Grace Hopper', 'Alan Turing'][n % 2] ?? ''),
    messageId: `${runId}-m${n}`,
    messageCreated: run.at,
    callerName: 'Caller',
    callerAddress: '+15550100',
    durationSeconds: 20 + n,
    outcome,
    detail: outcome === 'failed' ? 'HTTP 503 after 5 attempts' : '',
    forwardedAt: outcome === 'forwarded' ? run.at : '',
  });
  const forwarded = run.mode === 'dry-run' ? 'planned' : 'forwarded';
  const rows: ReportItem[] = [];
  let n = 0;
  for (const [count, outcome] of [
    [run.forwarded || (run.mode === 'dry-run' ? 8 : 0), forwarded],
    [run.retained, 'retained'],
    [run.noRecipient, 'no_recipient'],
    [run.failed, 'failed'],
  ] as const) {
    for (let i = 0; i < count; i++) rows.push(row(n++, outcome));
  }
  return rows;
}

async function seed(store: Store, dir: string, setClock: (iso: string) => void): Promise<void> {
  for (const demo of RUNS) {
    setClock(demo.at);
    const run = store.startRun({
      mode: demo.mode,
      trigger: demo.mode === 'live' ? 'scheduled' : 'manual',
      policySha256: '0'.repeat(64),
      version: '0.1.0',
    });
    const rows = items(run.id, demo);
    store.addReportItems(rows);
    const written = await writeReport(store.reportItems(run.id), join(dir, reportFileName(run)));
    const count = (outcome: ReportItem['outcome']) => rows.filter((r) => r.outcome === outcome);
    store.finishRun(run.id, {
      status: demo.failed > 0 || demo.noRecipient > 0 ? 'partial' : 'succeeded',
      counts: {
        leavers: new Set(rows.map((r) => r.leaverId)).size,
        forwarded: count('forwarded').length,
        planned: count('planned').length,
        retained: demo.retained,
        skipped: 0,
        noRecipient: demo.noRecipient,
        failed: demo.failed,
        deferred: 0,
      },
      reportPath: written.file,
      reportSha256: written.sha256,
    });
  }
}

async function main(): Promise<void> {
  if (!hasChromium()) throw new Error('needs /usr/bin/chromium (apt-get install chromium)');
  const dir = mkdtempSync(join(tmpdir(), 'handover-screenshot-'));
  let clock = new Date();
  const store = openStore(join(dir, 'handover.db'), { now: () => new Date(clock) });
  try {
    await seed(store, dir, (iso) => {
      clock = new Date(iso);
    });
    await addPortalUser(store, 'compliance', PASSWORD);
    const portal = await startPortal({ store, host: '127.0.0.1', port: 0, secureCookies: false });
    const browser = await launchChromium(join(dir, 'profile'));
    try {
      const page = await browser.newPage();
      await page.goto(`${portal.url}/login`);
      await page.fill('input[name="username"]', 'compliance');
      await page.fill('input[name="password"]', PASSWORD);
      await Promise.all([
        page.waitForURL(`${portal.url}/runs`),
        page.click('button[type="submit"]'),
      ]);
      await page.screenshot({ path: OUT, fullPage: true });
    } finally {
      await browser.close();
      await portal.close();
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`wrote ${OUT}\n`);
}

await main();
