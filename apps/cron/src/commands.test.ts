import { appendFile, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { collect, jsonSummary, startHarness, waitUntil } from './testing/harness.js';
import { ids, testOrg, testPolicy } from './testing/org.js';

describe('handover policy', () => {
  it('checks the policy against Genesys and explains one user', async () => {
    await using h = await startHarness({ org: testOrg(), policy: testPolicy });

    const check = await h.cli(['policy', 'check']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('valid; 3 rule(s)');

    const explain = await h.cli(['policy', 'explain', 'chad.chain@example.com']);
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toContain('default');
    expect(explain.stdout).toContain('Carl Top');
    expect(explain.stdout).toContain('Gary Gone');

    const unknown = await h.cli(['policy', 'explain', 'nobody@example.com']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nobody@example.com');
  });
});

describe('handover runs, report and runs verify', () => {
  it('lists runs, regenerates a report byte for byte, and detects an edited report', async () => {
    await using h = await startHarness({ org: testOrg(), policy: testPolicy });
    const first = jsonSummary(await h.cli(['run', '--json']));
    await h.cli(['run', '--json']);

    const runs = await h.cli(['runs', '--limit', '5']);
    expect(runs.code, runs.stderr).toBe(0);
    expect(runs.stdout).toContain(String(first.runId));
    expect(runs.stdout.trim().split('\n')).toHaveLength(3);

    const regenerated = await h.cli(['report', String(first.runId)]);
    expect(regenerated.code, regenerated.stderr).toBe(0);
    expect(regenerated.stdout).toBe(await readFile(String(first.report), 'utf8'));

    const intact = await h.cli(['runs', 'verify']);
    expect(intact.code, intact.stdout).toBe(0);
    expect(intact.stdout).toContain('2 report(s) verified');

    await appendFile(String(first.report), 'forged,row\r\n');
    const tampered = await h.cli(['runs', 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(new RegExp(`modified\\s+${first.runId}`));

    const missing = await h.cli(['report', 'no-such-run']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-run');
  });
});

describe('handover pending', () => {
  it("lists unconfirmed copies and records a person's verdict on each as a run", async () => {
    const org = testOrg();
    await using h = await startHarness({
      org,
      policy: testPolicy,
      // Every answer is lost and nothing shows in copiedTo: no copy can be confirmed.
      sim: { recordCopiedTo: false, ambiguousCopyShare: 1 },
    });
    const first = await h.cli(['run', '--json']);
    expect(first.code).toBe(1);
    const unconfirmed = Number(jsonSummary(first).failed);
    expect(unconfirmed).toBe(h.sim.stats().copies);

    const listed = await h.cli(['pending']);
    expect(listed.stdout).toContain(`${unconfirmed} unconfirmed copies`);
    const [delivered, lost] = listed.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/));
    if (!delivered || !lost) throw new Error(`expected two pending copies:\n${listed.stdout}`);

    const yes = await h.cli([
      'pending',
      'resolve',
      String(delivered[0]),
      String(delivered[1]),
      '--verdict',
      'delivered',
    ]);
    expect(yes.code, yes.stderr).toBe(0);
    const no = await h.cli([
      'pending',
      'resolve',
      String(lost[0]),
      String(lost[1]),
      '--verdict',
      'not-delivered',
    ]);
    expect(no.code, no.stderr).toBe(0);
    expect((await h.cli(['pending'])).stdout).toContain(`${unconfirmed - 2} unconfirmed copies`);

    const unknown = await h.cli([
      'pending',
      'resolve',
      'no-such-message',
      'user:x',
      '--verdict',
      'delivered',
    ]);
    expect(unknown.code).toBe(2);

    // Only the copy found missing is sent again; the rest stay untouched.
    const before = h.sim.stats().copies;
    await h.cli(['run', '--json']);
    expect(h.sim.stats().copies).toBe(before + 1);
    const verify = await h.cli(['runs', 'verify']);
    expect(verify.code, verify.stdout).toBe(0);
  });
});

describe('handover portal accounts', () => {
  it('adds, lists and removes accounts, refusing short passwords', async () => {
    await using h = await startHarness({ org: testOrg(), policy: testPolicy });

    const short = await h.cli(['portal', 'add-user', 'alice', '--password-stdin'], {}, 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 12 characters');

    const added = await h.cli(
      ['portal', 'add-user', 'alice', '--password-stdin'],
      {},
      'a long enough passphrase\n',
    );
    expect(added.code, added.stderr).toBe(0);
    const listed = await h.cli(['portal', 'list-users']);
    expect(listed.stdout).toMatch(/^alice\t\d{4}-/m);

    expect((await h.cli(['portal', 'remove-user', 'alice'])).code).toBe(0);
    const again = await h.cli(['portal', 'remove-user', 'alice']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no portal user "alice"');
  });
});

describe('handover start', () => {
  it('runs on its schedule, never copies twice across ticks, and stops on SIGTERM', async () => {
    const org = testOrg();
    await using h = await startHarness({
      org,
      policy: testPolicy,
      // node-cron takes an optional seconds field: a tick every two seconds keeps the test short.
      settings: 'schedule:\n  cron: "*/2 * * * * *"\n  timezone: UTC\n',
    });
    const child = h.spawnCli(['start']);
    const done = collect(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
    });
    await waitUntil(() => (stderr.match(/"msg":"scheduled run done"/g) ?? []).length >= 2);
    child.kill('SIGTERM');
    const result = await done;

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('"msg":"scheduler stopped"');
    const copies = h.sim.stats().copies;
    expect(copies).toBeGreaterThan(0);
    expect(h.sim.mailbox(ids.cto).filter((m) => m.copiedFrom)).toHaveLength(4);
    const second = await h.cli(['run', '--json']);
    expect(jsonSummary(second)).toMatchObject({ forwarded: 0 });
    expect(h.sim.stats().copies).toBe(copies);
  });
});
