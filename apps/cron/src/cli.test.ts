import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  copiesBySource,
  copiesInMailboxes,
  expectedCopies,
  totalCopies,
} from './testing/expect-copies.js';
import { collect, jsonSummary, startHarness, waitUntil } from './testing/harness.js';
import { ids, testOrg, testPolicy } from './testing/org.js';

describe('handover run against the simulator', () => {
  it('copies each unread message to the right recipients, once, and reports it', async () => {
    const org = testOrg();
    await using h = await startHarness({ org, policy: testPolicy });

    const first = await h.cli(['run', '--json']);
    expect(first.stderr).not.toContain('test-secret-value');
    expect(first.code, first.stderr).toBe(0);
    const summary = jsonSummary(first);
    const expected = expectedCopies(org);
    expect(copiesBySource(h.sim, org)).toEqual(expected);
    expect(summary).toMatchObject({
      status: 'succeeded',
      forwarded: totalCopies(expected),
      retained: 2,
      failed: 0,
      noRecipient: 0,
    });
    expect(h.sim.mailbox(ids.active)).toHaveLength(3);

    const csv = await readFile(String(summary.report), 'utf8');
    expect(csv.startsWith('\uFEFFrun_id,run_mode,leaver_id')).toBe(true);
    expect(csv).toContain('Zoë Ångström');
    expect(csv.match(/,forwarded,/g)).toHaveLength(totalCopies(expected));

    const second = await h.cli(['run', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(jsonSummary(second)).toMatchObject({ forwarded: 0, failed: 0 });
    expect(copiesBySource(h.sim, org)).toEqual(expected);
  });

  it('copies nothing on a dry run; the live run after it forwards everything', async () => {
    const org = testOrg();
    await using h = await startHarness({ org, policy: testPolicy });
    const expected = expectedCopies(org);

    const dry = await h.cli(['run', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(jsonSummary(dry)).toMatchObject({ planned: totalCopies(expected), forwarded: 0 });
    expect(h.sim.stats().copies).toBe(0);
    const csv = await readFile(String(jsonSummary(dry).report), 'utf8');
    expect(csv).toContain(',dry-run,');
    expect(csv).not.toContain(',forwarded,');

    const live = await h.cli(['run', '--json']);
    expect(live.code, live.stderr).toBe(0);
    expect(copiesBySource(h.sim, org)).toEqual(expected);
  });

  it('forwards exactly once with 15% server errors and 10% lost copy answers', async () => {
    const org = testOrg(9);
    await using h = await startHarness({
      org,
      policy: testPolicy,
      sim: { serverErrorShare: 0.15, ambiguousCopyShare: 0.1, ambiguousCopyMode: 'error' },
    });
    const result = await h.cli(['run', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const expected = expectedCopies(org);
    expect(copiesBySource(h.sim, org)).toEqual(expected);
    expect(jsonSummary(result)).toMatchObject({ forwarded: totalCopies(expected), failed: 0 });
    expect(h.sim.stats().ambiguousCopies).toBeGreaterThan(0);
  });

  it('never copies twice when Genesys keeps no copiedTo record and answers get lost', async () => {
    const org = testOrg(9);
    await using h = await startHarness({
      org,
      policy: testPolicy,
      sim: { recordCopiedTo: false, ambiguousCopyShare: 0.3, ambiguousCopyMode: 'error' },
    });
    const expected = expectedCopies(org);
    const atMostOnce = () => {
      for (const [source, recipients] of copiesInMailboxes(h.sim, org)) {
        expect(new Set(recipients).size, source).toBe(recipients.length);
        for (const recipient of recipients) expect(expected.get(source)).toContain(recipient);
      }
    };

    const first = jsonSummary(await h.cli(['run', '--json']));
    atMostOnce();
    expect(h.sim.stats().ambiguousCopies).toBeGreaterThan(0);
    // Lost answers cannot be checked, so they are reported, not retried.
    expect(first.failed).toBe(h.sim.stats().ambiguousCopies);

    const second = jsonSummary(await h.cli(['run', '--json']));
    atMostOnce();
    expect(second.failed).toBe(first.failed);
    expect(h.sim.stats().copies).toBe(totalCopies(expected));
  });

  it('finishes the work of a run killed mid-way without copying anything twice', async () => {
    const org = testOrg(60);
    await using h = await startHarness({ org, policy: testPolicy, sim: { latencyMs: 50 } });
    const expected = expectedCopies(org);

    const child = h.spawnCli(['run']);
    await waitUntil(() => h.sim.stats().copies >= 40);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const afterKill = h.sim.stats().copies;
    expect(afterKill).toBeLessThan(totalCopies(expected));

    const rerun = await h.cli(['run', '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(copiesBySource(h.sim, org)).toEqual(expected);
    expect(h.sim.stats().copies).toBe(totalCopies(expected));
  });

  it('defers what its time budget leaves, oldest first, and the next run finishes it', async () => {
    const org = testOrg(60);
    const budget = (minutes: number) =>
      `run:\n  time_budget_minutes: ${minutes}\ngenesys:\n  requests_per_minute: 60000\n`;
    await using h = await startHarness({
      org,
      policy: testPolicy,
      sim: { latencyMs: 200 },
      settings: budget(0.05),
    });
    const expected = expectedCopies(org);

    const first = await h.cli(['run', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const stopped = jsonSummary(first);
    expect(stopped.status).toBe('partial');
    expect(stopped.deferred).toBeGreaterThan(0);
    expect(Number(stopped.forwarded) + Number(stopped.deferred)).toBe(totalCopies(expected));
    expect(stopped.runsToClearBacklog).toBeGreaterThan(0);

    // Oldest first: no forwarded message is newer than a deferred one.
    const rows = (await readFile(String(stopped.report), 'utf8')).split('\r\n');
    const created = (outcome: string) =>
      rows.filter((row) => row.includes(`,${outcome},`)).map((row) => row.split(',')[11] ?? '');
    expect(rows.find((row) => row.includes(',deferred,'))).toMatch(/about \d+ more run\(s\)/);
    const newestForwarded = created('forwarded').sort().at(-1) ?? '';
    const oldestDeferred = created('deferred').sort()[0] ?? '';
    expect(newestForwarded <= oldestDeferred).toBe(true);

    await writeFile(path.join(h.configDir, 'handover.yaml'), budget(0));
    const rest = await h.cli(['run', '--json']);
    expect(rest.code, rest.stderr).toBe(0);
    expect(jsonSummary(rest)).toMatchObject({ deferred: 0, failed: 0 });
    expect(copiesBySource(h.sim, org)).toEqual(expected);
    expect(h.sim.stats().copies).toBe(totalCopies(expected));
  });

  it('refuses a second run while the first holds the lock; SIGTERM stops cleanly', async () => {
    const org = testOrg(60);
    await using h = await startHarness({ org, policy: testPolicy, sim: { latencyMs: 200 } });
    const first = h.spawnCli(['run', '--json']);
    const firstDone = collect(first);
    await waitUntil(() => h.sim.stats().copies >= 1);

    const second = await h.cli(['run']);
    expect(second.code, second.stderr).toBe(3);
    expect(second.stderr).toMatch(/holds the lock: pid \d+ .* since/);

    first.kill('SIGTERM');
    const stopped = await firstDone;
    expect(stopped.code, stopped.stderr).toBe(0);
    const summary = jsonSummary(stopped);
    expect(summary.deferred).toBeGreaterThan(0);
    expect(Number(summary.forwarded) + Number(summary.deferred)).toBe(
      totalCopies(expectedCopies(org)),
    );
    expect(h.sim.stats().copies).toBe(summary.forwarded);

    const rest = await h.cli(['run', '--json']);
    expect(rest.code, rest.stderr).toBe(0);
    expect(copiesBySource(h.sim, org)).toEqual(expectedCopies(org));
  });
});

describe('handover run refuses bad input before copying anything', () => {
  const cases: Array<{ name: string; policy?: string; env?: NodeJS.ProcessEnv; expect: RegExp }> = [
    {
      name: 'broken YAML',
      policy: testPolicy.replace('rules:', 'rules: [oops'),
      expect: /policy\.yaml:\d+:\d+/,
    },
    {
      name: 'an unknown key',
      policy: testPolicy.replace('    forward_to: []', '    forwad_to: []'),
      expect: /policy\.yaml:\d+:\d+.*forwad_to/s,
    },
    {
      name: 'an unknown group',
      policy: testPolicy.replace('group: Sales Voicemail', 'group: Nobody Listens'),
      expect: /sales-emea.*Nobody Listens|Nobody Listens.*sales-emea/s,
    },
    {
      name: 'a wrong client secret',
      env: { GENESYS_CLIENT_SECRET: 'wrong-secret' },
      expect: /GENESYS_CLIENT_ID|credentials/i,
    },
  ];

  for (const testCase of cases) {
    it(`exits 2 on ${testCase.name}`, async () => {
      const org = testOrg();
      await using h = await startHarness({ org, policy: testCase.policy ?? testPolicy });
      const result = await h.cli(['run'], testCase.env);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(testCase.expect);
      expect(result.stderr).not.toContain('wrong-secret');
      expect(h.sim.stats().copies).toBe(0);
    });
  }

  it('exits 2 naming the missing permission when Genesys refuses to list voicemail', async () => {
    const org = testOrg();
    org.clients = [
      {
        clientId: 'test-client',
        clientSecret: 'test-secret-value',
        permissions: ['directory:user:view', 'directory:group:view'],
      },
    ];
    await using h = await startHarness({ org, policy: testPolicy });
    const result = await h.cli(['run', '--json']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('voicemail:voicemail:viewOther');
    expect(h.sim.stats().copies).toBe(0);
    const runs = await h.cli(['runs']);
    expect(runs.stdout).toMatch(/live\s+failed/);
  });

  it('exits 2 when the data folder cannot be written', async () => {
    const org = testOrg();
    await using h = await startHarness({ org, policy: testPolicy });
    // Tests run as root in CI, where permission bits do not stop writes; a folder beneath a
    // regular file can be created by nobody.
    const blocker = path.join(h.configDir, 'not-a-folder');
    await writeFile(blocker, '');
    const target = path.join(blocker, 'data');
    const result = await h.cli(['run'], { HANDOVER_DATA_DIR: target });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(target);
    expect(h.sim.stats().copies).toBe(0);
  });
});
