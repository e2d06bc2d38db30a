import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  emptyRunCounts,
  openStore,
  type ReportItem,
  type RunCounts,
  type Store,
} from '@handover/store';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';
import { reportFileName } from './report-file-name.js';
import { sha256File } from './sha256-file.js';
import { item, tempDir } from './test-helpers.js';
import { verifyChain } from './verify-chain.js';
import { writeReport } from './write-report.js';

const counts: RunCounts = { ...emptyRunCounts(), leavers: 1, forwarded: 1 };

describe('writeReport', () => {
  it('writes the same bytes renderReport gives, and returns their SHA-256 and row count', async () => {
    const dir = tempDir();
    const items = [item(), item({ messageId: 'm-2', callerName: '=1+1', detail: 'a\nb' })];
    const written = await writeReport(items, join(dir, 'reports', 'r.csv'));

    const bytes = readFileSync(written.file);
    expect(bytes.toString('utf8')).toBe(renderReport(items));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(written.rows).toBe(2);
    expect(written.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sha256File(written.file)).toBe(written.sha256);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['r.csv']);
  });

  it('streams a run of 20,000 rows, counting them', async () => {
    const dir = tempDir();
    function* many(): Generator<ReportItem> {
      for (let i = 0; i < 20_000; i++) yield item({ messageId: `m-${i}` });
    }
    const written = await writeReport(many(), join(dir, 'big.csv'));
    expect(written.rows).toBe(20_000);
    expect(readFileSync(written.file, 'utf8').split('\r\n')).toHaveLength(20_002);
  });

  it('leaves no file behind when the items fail part-way', async () => {
    const dir = tempDir();
    function* broken(): Generator<ReportItem> {
      yield item();
      throw new Error('database went away');
    }
    await expect(writeReport(broken(), join(dir, 'r.csv'))).rejects.toThrow('database went away');
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** One finished live run with its report written into `dir`, as the job would do it. */
async function runWithReport(store: Store, dir: string, items: Partial<ReportItem>[]) {
  const run = store.startRun({
    mode: 'live',
    trigger: 'scheduled',
    policySha256: 'p',
    version: '1',
  });
  store.addReportItems(items.map((overrides) => item({ ...overrides, runId: run.id })));
  const written = await writeReport(store.reportItems(run.id), join(dir, reportFileName(run)));
  return store.finishRun(run.id, {
    status: 'succeeded',
    counts,
    reportPath: written.file,
    reportSha256: written.sha256,
  });
}

function setup() {
  const dir = tempDir();
  let now = Date.parse('2026-12-01T02:00:00Z');
  const store = openStore(join(dir, 'handover.db'), {
    now: () => {
      now += 60_000;
      return new Date(now);
    },
  });
  return { dir, store };
}

describe('the report hash chain', () => {
  it('names report files after the run and its mode', () => {
    expect(reportFileName({ id: '20261203T020000Z-7f3a', mode: 'dry-run' })).toBe(
      'handover-20261203T020000Z-7f3a-dry-run.csv',
    );
  });

  it('verifies an untouched chain', async () => {
    const { dir, store } = setup();
    await runWithReport(store, dir, [{ messageId: 'a' }]);
    await runWithReport(store, dir, [{ messageId: 'b' }, { messageId: 'c' }]);
    await runWithReport(store, dir, []);

    const checks = await verifyChain(store.chain());
    expect(checks.map((check) => check.ok)).toEqual([true, true, true]);
    store.close();
  });

  it('detects an edited report', async () => {
    const { dir, store } = setup();
    const first = await runWithReport(store, dir, [{ messageId: 'a' }]);
    const second = await runWithReport(store, dir, [{ messageId: 'b', recipientName: 'Boss' }]);
    const path = second.reportPath ?? '';
    writeFileSync(path, readFileSync(path, 'utf8').replace('Boss', 'Someone Else'));

    const checks = await verifyChain(store.chain());
    expect(checks[0]).toEqual({ runId: first.id, ok: true });
    expect(checks[1]).toMatchObject({ runId: second.id, ok: false, problem: 'modified' });
    expect(checks[1]?.detail).toContain(path);
    store.close();
  });

  it('detects a deleted report', async () => {
    const { dir, store } = setup();
    const first = await runWithReport(store, dir, [{ messageId: 'a' }]);
    await runWithReport(store, dir, [{ messageId: 'b' }]);
    rmSync(first.reportPath ?? '');

    const checks = await verifyChain(store.chain());
    expect(checks[0]).toMatchObject({ runId: first.id, ok: false, problem: 'missing' });
    expect(checks[0]?.detail).toContain('ENOENT');
    expect(checks[1]?.ok).toBe(true);
    store.close();
  });

  it('detects a run whose recorded hashes no longer link, as after a row was removed', async () => {
    const { dir, store } = setup();
    const runs = [
      await runWithReport(store, dir, [{ messageId: 'a' }]),
      await runWithReport(store, dir, [{ messageId: 'b' }]),
      await runWithReport(store, dir, [{ messageId: 'c' }]),
    ];

    const checks = await verifyChain([runs[0], runs[2]].flatMap((run) => (run ? [run] : [])));
    expect(checks[1]).toMatchObject({ ok: false, problem: 'chain-broken' });
    expect(checks[1]?.detail).toContain(runs[0]?.id);

    const headless = await verifyChain(runs.slice(1));
    expect(headless[0]).toMatchObject({ ok: false, problem: 'chain-broken' });
    store.close();
  });

  it('regenerates a past report from the database alone with the recorded SHA-256', async () => {
    const { dir, store } = setup();
    const run = await runWithReport(store, dir, [
      { messageId: 'a', callerName: '=HYPERLINK("x")', leaverName: 'Zoë' },
      { messageId: 'b', outcome: 'failed', detail: 'HTTP 503\nretry tomorrow', forwardedAt: '' },
    ]);
    rmSync(run.reportPath ?? '');

    const again = await writeReport(store.reportItems(run.id), run.reportPath ?? '');
    expect(again.sha256).toBe(run.reportSha256);
    expect((await verifyChain(store.chain()))[0]?.ok).toBe(true);
    store.close();
  });
});
