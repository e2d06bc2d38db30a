import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { renderReport } from '@handover/reports';
import { describe, expect, it } from 'vitest';
import { addRun, item, PASSWORD, postLogin, setupPortal, signIn } from './test-helpers.js';

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'";

function get(url: string, cookie?: string) {
  return fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** A GET with the path sent exactly as written; fetch would normalise dots and slashes. */
function rawGet(url: string, path: string, cookie: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: { cookie } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function csrfOf(page: string): string {
  return /name="csrf" value="([0-9a-f]+)"/.exec(page)?.[1] ?? '';
}

describe('sign-in', () => {
  it('sends every page and download to /login without a session, remembering where to', async () => {
    const { url, store, dir } = await setupPortal();
    const run = await addRun(store, dir, (id) => [item(id)]);
    for (const path of ['/', '/runs', `/runs/${run.id}`, `/runs/${run.id}/report.csv`]) {
      const res = await get(`${url}${path}`);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/login/);
    }
    const res = await get(`${url}/runs/${run.id}`);
    expect(res.headers.get('location')).toBe(
      `/login?next=${encodeURIComponent(`/runs/${run.id}`)}`,
    );
    expect(store.portalDownloads(run.id)).toEqual([]);
  });

  it('serves the form and signs in with the right password into an HttpOnly strict cookie', async () => {
    const { url } = await setupPortal();
    const form = await (await get(`${url}/login`)).text();
    expect(form).toContain('action="/login"');
    expect(form).toContain('name="username"');
    expect(form).toContain('name="password"');

    const res = await postLogin(url, 'officer', PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/runs');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^handover_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
  });

  it('marks the cookie Secure and __Host- when told it is served over HTTPS', async () => {
    const { url } = await setupPortal({ secureCookies: true });
    const res = await postLogin(url, 'officer', PASSWORD);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-handover_session=/);
    expect(cookie).toContain('; Secure');
  });

  it('refuses a wrong password and an unknown user alike, and records both failures', async () => {
    const { url, store } = await setupPortal();
    const wrong = await postLogin(url, 'officer', 'not the password');
    const unknown = await postLogin(url, 'nobody', 'not the password');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('Wrong user name or password.');
    }
    const since = new Date(0);
    expect(store.countPortalLoginFailures({ userName: 'officer', ip: '127.0.0.1', since })).toEqual(
      { byUser: 1, byIp: 2 },
    );
  });

  it('answers 429 after five failures for a user, even with the right password', async () => {
    const { url, advance } = await setupPortal();
    for (let i = 0; i < 5; i++) {
      expect((await postLogin(url, 'officer', `guess ${i}`)).status).toBe(401);
    }
    const limited = await postLogin(url, 'officer', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(await limited.text()).toContain('Too many failed sign-ins');

    advance(15 * 60_000);
    expect((await postLogin(url, 'officer', PASSWORD)).status).toBe(303);
  });

  it('limits one client address across user names', async () => {
    const { url } = await setupPortal();
    for (let i = 0; i < 20; i++) {
      expect((await postLogin(url, `user${i}`, 'guess')).status).toBe(401);
    }
    expect((await postLogin(url, 'officer', PASSWORD)).status).toBe(429);
  });

  it('goes back to the page asked for, but never off the site', async () => {
    const { url, store, dir } = await setupPortal();
    const run = await addRun(store, dir, (id) => [item(id)]);
    const back = await postLogin(url, 'officer', PASSWORD, `/runs/${run.id}?outcome=failed`);
    expect(back.headers.get('location')).toBe(`/runs/${run.id}?outcome=failed`);
    for (const next of ['//evil.example/runs', 'https://evil.example/', '/runs/../../etc']) {
      const res = await postLogin(url, 'officer', PASSWORD, next);
      expect(res.headers.get('location'), next).toBe('/runs');
    }
  });
});

describe('sign-out', () => {
  it('ends the session with the form token, and refuses it without', async () => {
    const { url } = await setupPortal();
    const cookie = await signIn(url);
    const page = await (await get(`${url}/runs`, cookie)).text();
    const csrf = csrfOf(page);
    expect(csrf).toMatch(/^[0-9a-f]{64}$/);

    const forged = await fetch(`${url}/logout`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ csrf: 'f'.repeat(64) }),
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect((await get(`${url}/runs`, cookie)).status).toBe(200);

    const out = await fetch(`${url}/logout`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ csrf }),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await get(`${url}/runs`, cookie)).status).toBe(303);
  });

  it('ends a session left idle for 30 minutes', async () => {
    const { url, advance } = await setupPortal();
    const cookie = await signIn(url);
    advance(31 * 60_000);
    expect((await get(`${url}/runs`, cookie)).status).toBe(303);
  });
});

describe('runs list', () => {
  it('lists runs newest first with counts, chain status and download links', async () => {
    const { url, store, dir } = await setupPortal();
    const first = await addRun(store, dir, (id) => [item(id)]);
    const second = await addRun(store, dir, (id) => [
      item(id, { messageId: 'a', outcome: 'retained' }),
      item(id, { messageId: 'b', outcome: 'no_recipient', recipientType: '' }),
      item(id, { messageId: 'c', outcome: 'failed', leaverId: 'u-2' }),
    ]);
    const cookie = await signIn(url);
    const page = await (await get(`${url}/runs`, cookie)).text();

    expect(page.indexOf(second.id)).toBeLessThan(page.indexOf(first.id));
    expect(page).toContain(`href="/runs/${first.id}/report.csv"`);
    expect(page).toContain(`href="/runs/${second.id}/report.csv"`);
    expect(page.match(/chain-ok/g)).toHaveLength(2);
    expect(page).toContain('<span class="status status-partial">partial</span>');
    // leavers, forwarded, retained, no recipient, failed of the second run
    const cells = [...page.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => m[1]);
    expect(cells.slice(0, 5)).toEqual(['2', '0', '1', '1', '1']);
  });

  it('pages through 60 runs, 25 at a time, and shows a tampered report as modified', async () => {
    const { url, store, dir } = await setupPortal();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      ids.push((await addRun(store, dir, (id) => [item(id, { messageId: `m-${i}` })])).id);
    }
    const tampered = store.getRun(ids[59] ?? '');
    const { appendFileSync } = await import('node:fs');
    appendFileSync(tampered?.reportPath ?? '', 'extra\r\n');
    const cookie = await signIn(url);

    const one = await (await get(`${url}/runs`, cookie)).text();
    expect(one).toContain('Page 1 of 3');
    expect(one).toContain('href="/runs?page=2"');
    expect(one).toContain(ids[59]);
    expect(one).not.toContain(ids[34]);
    expect(one).toContain('chain-modified');

    const three = await (await get(`${url}/runs?page=3`, cookie)).text();
    expect(three).toContain('Page 3 of 3');
    expect(three).toContain(ids[0]);
    expect(three).not.toContain(ids[10]);
    // ten runs plus the header row
    expect(three.match(/<tr>/g)?.length).toBe(11);

    const beyond = await (await get(`${url}/runs?page=99`, cookie)).text();
    expect(beyond).toContain('Page 3 of 3');
  });
});

describe('run page', () => {
  it('shows rows filtered by leaver and outcome, the summary and the download log', async () => {
    const { url, store, dir } = await setupPortal();
    const run = await addRun(store, dir, (id) => [
      item(id, { messageId: 'm-a', leaverName: 'Ann Gone', leaverId: 'u-ann' }),
      item(id, { messageId: 'm-b', leaverName: 'Ann Gone', leaverId: 'u-ann', outcome: 'failed' }),
      item(id, { messageId: 'm-c', leaverName: 'Bob Left', leaverId: 'u-bob', rule: 'sales' }),
    ]);
    const cookie = await signIn(url);

    const all = await (await get(`${url}/runs/${run.id}`, cookie)).text();
    expect(all).toContain('3 matching row(s)');
    expect(all).toContain(
      '<td>default</td><td>Boss</td><td class="num">1</td><td class="num">1</td>',
    );
    expect(all).toContain(
      '<td>sales</td><td>Boss</td><td class="num">1</td><td class="num">0</td>',
    );
    expect(all).toContain('Nobody has downloaded this report yet.');

    const ann = await (await get(`${url}/runs/${run.id}?leaver=ann`, cookie)).text();
    expect(ann).toContain('2 matching row(s)');
    expect(ann).not.toContain('m-c');
    const annFailed = await (
      await get(`${url}/runs/${run.id}?leaver=ANN&outcome=failed`, cookie)
    ).text();
    expect(annFailed).toContain('1 matching row(s)');
    expect(annFailed).toContain('m-b');
    expect(annFailed).not.toContain('<code>m-a</code>');
    expect(annFailed).toContain('<option value="failed" selected>');

    await get(`${url}/runs/${run.id}/report.csv`, cookie);
    const after = await (await get(`${url}/runs/${run.id}`, cookie)).text();
    expect(after).toMatch(
      /<td>2026-12-03 \d\d:\d\d:\d\d UTC<\/td><td>officer<\/td><td>127\.0\.0\.1<\/td>/,
    );
  });

  it('pages rows 50 at a time, keeping the filter in the links', async () => {
    const { url, store, dir } = await setupPortal();
    const run = await addRun(store, dir, (id) =>
      Array.from({ length: 120 }, (_, i) =>
        item(id, { messageId: `msg-${String(i).padStart(3, '0')}` }),
      ),
    );
    const cookie = await signIn(url);
    const two = await (await get(`${url}/runs/${run.id}?outcome=forwarded&page=2`, cookie)).text();
    expect(two).toContain('Page 2 of 3');
    expect(two).toContain('msg-050');
    expect(two).toContain('msg-099');
    expect(two).not.toContain('msg-049<');
    expect(two).not.toContain('msg-100');
    expect(two).toContain(`href="/runs/${run.id}?outcome=forwarded&amp;page=3"`);
  });

  it('escapes a hostile caller name and leaver name', async () => {
    const { url, store, dir } = await setupPortal();
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const run = await addRun(store, dir, (id) => [
      item(id, { callerName: hostile, leaverName: hostile, detail: hostile }),
    ]);
    const cookie = await signIn(url);
    const page = await (
      await get(`${url}/runs/${run.id}?leaver=${encodeURIComponent(hostile)}`, cookie)
    ).text();
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x');
  });

  it('answers 404 for an unknown run id', async () => {
    const { url } = await setupPortal();
    const cookie = await signIn(url);
    for (const path of ['/runs/20261203T020000Z-ffff', '/runs/20261203T020000Z-ffff/report.csv']) {
      const res = await get(`${url}${path}`, cookie);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('no run with this id');
    }
  });
});

describe('report download', () => {
  it('serves the report bytes as an attachment and records who downloaded it', async () => {
    const { url, store, dir } = await setupPortal();
    const run = await addRun(store, dir, (id) => [
      item(id),
      item(id, { messageId: 'm-2', callerName: '=cmd()' }),
    ]);
    const cookie = await signIn(url);
    const res = await get(`${url}/runs/${run.id}/report.csv`, cookie);

    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    const { readFileSync } = await import('node:fs');
    expect(body.equals(readFileSync(run.reportPath ?? ''))).toBe(true);
    expect(body.toString('utf8')).toBe(renderReport(store.reportItems(run.id)));
    expect(createHash('sha256').update(body).digest('hex')).toBe(run.reportSha256);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="handover-${run.id}-live.csv"; filename*=UTF-8''handover-${run.id}-live.csv`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(store.portalDownloads(run.id)).toEqual([
      expect.objectContaining({ userName: 'officer', runId: run.id, ip: '127.0.0.1' }),
    ]);
  });

  it('refuses a report whose rows no longer give the recorded hash, and records nothing', async () => {
    const { url, store, dir } = await setupPortal();
    const run = await addRun(store, dir, (id) => [item(id)]);
    store.addReportItems([item(run.id, { messageId: 'smuggled' })]);
    const cookie = await signIn(url);
    const res = await get(`${url}/runs/${run.id}/report.csv`, cookie);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(run.reportSha256);
    expect(store.portalDownloads(run.id)).toEqual([]);
  });

  it('never turns traversal attempts into a file read', async () => {
    const { url, store, dir } = await setupPortal();
    await addRun(store, dir, (id) => [item(id)]);
    const cookie = await signIn(url);
    for (const path of [
      '/runs/..%2F..%2Fetc/report.csv',
      '/runs/../../etc/passwd',
      '/runs/%2e%2e/report.csv',
      '/runs/..%5C..%5Cetc/report.csv',
      '/runs/x/../report.csv',
      '/runs//report.csv',
      '/runs/%00/report.csv',
      '/runs/a/b/report.csv',
      '/style.css/../../package.json',
      '/..%2Fpackage.json',
    ]) {
      const status = await rawGet(url, path, cookie);
      expect([400, 404], path).toContain(status);
    }
    expect(store.portalDownloads('x')).toEqual([]);
  });
});

describe('every answer', () => {
  it('carries the security headers, and the style sheet is the only other resource', async () => {
    const { url, store, dir } = await setupPortal();
    const run = await addRun(store, dir, (id) => [item(id)]);
    const cookie = await signIn(url);
    const answers = [
      await get(`${url}/login`),
      await postLogin(url, 'officer', 'wrong'),
      await get(`${url}/runs`),
      await get(`${url}/runs`, cookie),
      await get(`${url}/runs/${run.id}`, cookie),
      await get(`${url}/runs/${run.id}/report.csv`, cookie),
      await get(`${url}/nowhere`, cookie),
      await get(`${url}/style.css`),
    ];
    for (const res of answers) {
      expect(res.headers.get('content-security-policy'), res.url).toBe(CSP);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const page = await answers[3]?.text();
    expect(page).not.toMatch(/<script|\sstyle="|\son\w+=/i);
    expect(answers[7]?.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 405 to writes on read-only pages', async () => {
    const { url } = await setupPortal();
    const cookie = await signIn(url);
    const res = await fetch(`${url}/runs`, {
      method: 'POST',
      headers: { cookie },
      redirect: 'manual',
    });
    expect(res.status).toBe(405);
  });
});
