/**
 * How long the runs list and a run page take with 5,000 runs in the database, each with a report
 * file. Prints numbers; asserts nothing. `pnpm --filter @handover/portal bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { reportFileName, writeReport } from '@handover/reports';
import { openStore, type ReportItem } from '@handover/store';
import { addPortalUser, startPortal } from '../src/index.js';

const RUNS = 5000;
const ROWS_PER_RUN = 20;
const PASSWORD = 'benchmark password';

function row(runId: string, n: number): ReportItem {
  return {
    runId,
    runMode: 'live',
    leaverId: `u-${n % 5}`,
    leaverName: `Leaver ${n % 5}`,
    leaverEmail: `leaver${n % 5}@example.com`,
    leaverState: 'inactive',
    rule: n % 2 ? 'default' : 'sales',
    recipientType: 'user',
    recipientId: 'u-boss',
    recipientName: 'Boss',
    messageId: `${runId}-${n}`,
    messageCreated: '2026-12-01T10:00:00.000Z',
    callerName: 'Caller',
    callerAddress: '+15550100',
    durationSeconds: 10,
    outcome: n % 7 === 0 ? 'failed' : 'forwarded',
    detail: '',
    forwardedAt: '2026-12-01T10:00:01.000Z',
  };
}

async function time(label: string, url: string, cookie: string, times = 20): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  const first = samples.at(-1) ?? 0;
  process.stdout.write(
    `${label.padEnd(28)} median ${median.toFixed(1)} ms, slowest ${first.toFixed(1)} ms\n`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'handover-portal-bench-'));
let clock = Date.parse('2026-01-01T02:00:00Z');
const store = openStore(join(dir, 'handover.db'), { now: () => new Date(clock) });
try {
  const seedStart = performance.now();
  let lastId = '';
  for (let i = 0; i < RUNS; i++) {
    clock += 3_600_000;
    const run = store.startRun({
      mode: 'live',
      trigger: 'scheduled',
      policySha256: 'p',
      version: '1',
    });
    store.addReportItems(Array.from({ length: ROWS_PER_RUN }, (_, n) => row(run.id, n)));
    const written = await writeReport(store.reportItems(run.id), join(dir, reportFileName(run)));
    store.finishRun(run.id, {
      status: 'partial',
      counts: {
        leavers: 5,
        forwarded: 17,
        planned: 0,
        retained: 0,
        skipped: 0,
        noRecipient: 0,
        failed: 3,
        deferred: 0,
      },
      reportPath: written.file,
      reportSha256: written.sha256,
    });
    lastId = run.id;
  }
  process.stdout.write(
    `seeded ${RUNS} runs in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`,
  );

  await addPortalUser(store, 'bench', PASSWORD, { N: 1024, r: 8, p: 1, keyLength: 32 });
  const portal = await startPortal({ store, host: '127.0.0.1', port: 0, secureCookies: false });
  const login = await fetch(`${portal.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'bench', password: PASSWORD }),
    redirect: 'manual',
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  await time('runs page 1', `${portal.url}/runs`, cookie);
  await time('runs page 100', `${portal.url}/runs?page=100`, cookie);
  await time('runs page 200 (last)', `${portal.url}/runs?page=200`, cookie);
  await time('run page, filtered', `${portal.url}/runs/${lastId}?outcome=failed`, cookie);
  await time('report download', `${portal.url}/runs/${lastId}/report.csv`, cookie);
  await portal.close();
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
