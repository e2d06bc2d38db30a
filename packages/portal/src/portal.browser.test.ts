import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderReport } from '@handover/reports';
import { describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './browser.js';
import { addRun, item, PASSWORD, setupPortal, tempDir } from './test-helpers.js';

const chromiumMissing = !hasChromium();
if (chromiumMissing) {
  console.warn('SKIPPED: the browser test needs /usr/bin/chromium (apt-get install chromium)');
}

describe('the portal in headless Chromium', () => {
  it.skipIf(chromiumMissing)('signs in, opens a run and downloads its CSV', async () => {
    const { url, store, dir } = await setupPortal();
    await addRun(store, dir, (id) => [item(id, { messageId: 'older-run' })]);
    const run = await addRun(store, dir, (id) => [
      item(id, { messageId: 'm-browser', callerName: 'Ada <Lovelace>' }),
      item(id, { messageId: 'm-fail', outcome: 'failed', detail: 'HTTP 503' }),
    ]);
    const browser = await launchChromium(tempDir());
    try {
      const page = await browser.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(`${url}/runs`);
      expect(new URL(page.url()).pathname).toBe('/login');

      await page.fill('input[name="username"]', 'officer');
      await page.fill('input[name="password"]', PASSWORD);
      await Promise.all([page.waitForURL(`${url}/runs`), page.click('button[type="submit"]')]);
      expect(await page.locator('table.runs tbody tr').count()).toBe(2);
      // The style sheet got past the CSP: its layout rules are in force.
      // A string, because this package's TypeScript knows no DOM types.
      const maxWidth = await page.evaluate(
        "getComputedStyle(document.querySelector('main')).maxWidth",
      );
      expect(maxWidth).toBe('1280px');

      await Promise.all([
        page.waitForURL(`${url}/runs/${run.id}`),
        page.click(`a[href="/runs/${run.id}"]`),
      ]);
      expect(await page.locator('h1').textContent()).toBe(`Run ${run.id}`);
      expect(await page.locator('table.rows').textContent()).toContain('Ada <Lovelace>');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a.download'),
      ]);
      expect(download.suggestedFilename()).toBe(`handover-${run.id}-live.csv`);
      const saved = join(tempDir(), 'report.csv');
      await download.saveAs(saved);
      const csv = await readFile(saved, 'utf8');
      expect(csv).toBe(renderReport(store.reportItems(run.id)));
      expect(csv).toContain('m-browser');
      expect(csv).toContain('HTTP 503');

      await page.reload();
      expect(await page.locator('table.downloads').textContent()).toContain('officer');
      expect(consoleErrors.join('\n')).toBe('');
    } finally {
      await browser.close();
    }
  });
});
