import { demoOrg, type OrgSeed, startSimulator } from '@handover/genesys-sim';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connectGenesys } from './client.js';
import { GenesysError, isGenesysError } from './genesys-error.js';
import type { LoggedEvent } from './test-harness.js';
import { collect, ids, memoryLogger, pause, startHarness } from './test-harness.js';

const org = demoOrg(new Date('2026-06-01T00:00:00Z'));
const leaver = org.users.find((user) => user.state === 'inactive');
const activeUser = org.users.find((user) => user.state === 'active');
if (leaver === undefined || activeUser === undefined) throw new Error('demo org lacks users');
const leaverId = leaver.id;
const allIds = org.users.map((user) => user.id);

/** Sends `count` single-user lookups, `concurrency` at a time through the client's own gate. */
function lookups(count: number): string[] {
  return Array.from({ length: count }, (_, index) => allIds[index % allIds.length] ?? leaverId);
}

describe('rate limits', () => {
  it('rides out a 429 storm: every call succeeds, Retry-After pauses everyone, few repeats', async () => {
    const { client, sim } = await startHarness(
      org,
      { requestsPerMinute: 1_200 },
      { requestsPerMinute: 12_000, concurrency: 8 },
    );
    const wanted = lookups(80);
    const startedAt = Date.now();
    const users = await Promise.all(wanted.map((id) => client.getUser(id)));
    const elapsedMs = Date.now() - startedAt;

    expect(users.map((user) => user?.id)).toEqual(wanted);
    const stats = client.stats();
    const served = sim.stats();
    expect(stats.rateLimited).toBeGreaterThan(0);
    expect(stats.rateLimited).toBe(served.rateLimited);
    // A paused client sends nothing until Retry-After (at least 1 s) has passed.
    expect(elapsedMs).toBeGreaterThanOrEqual(1_000);
    // Requests that merely hammer would multiply; pacing keeps repeats to a small share.
    const apiRequests = served.total - (served.byRoute['POST /oauth/token'] ?? 0);
    expect(apiRequests).toBeLessThanOrEqual(wanted.length * 1.5);
    console.info(
      `429 storm: ${wanted.length} calls, ${apiRequests} requests, ` +
        `${stats.rateLimited} 429s, ${elapsedMs} ms`,
    );
  });
});

describe('server errors', () => {
  it('retries 503s with backoff until every call succeeds', async () => {
    // Backoff waits shrink tenfold; what matters here is that every call ends in success.
    const { client, sim } = await startHarness(
      org,
      { serverErrorShare: 0.3 },
      // Twelve attempts make eight straight 503s (0.3^8 per call) a non-event for the suite.
      { sleep: (ms) => pause(ms / 10), maxAttempts: 12 },
    );
    const wanted = lookups(60);
    const users = await Promise.all(wanted.map((id) => client.getUser(id)));
    expect(users.map((user) => user?.id)).toEqual(wanted);
    const listed = await collect(client.listUsers('inactive', { pageSize: 2 }));
    expect(ids(listed)).toEqual(
      org.users
        .filter((user) => user.state === 'inactive')
        .map((user) => user.id)
        .sort(),
    );
    expect(client.stats().serverErrors).toBe(sim.stats().serverErrors);
    expect(client.stats().serverErrors).toBeGreaterThan(5);
    expect(client.stats().retries).toBeGreaterThanOrEqual(client.stats().serverErrors);
  });

  it('gives up after maxAttempts with a retryable server error', async () => {
    const { client, sim } = await startHarness(org, { serverErrorShare: 1 }, { maxAttempts: 3 });
    const error = await client.getUser(leaverId).catch((caught: unknown) => caught);
    expect(isGenesysError(error, 'server')).toBe(true);
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(sim.stats().byRoute['GET /api/v2/users/{id}']).toBe(3);
  });
});

describe('tokens', () => {
  it('renews a short-lived token ahead of expiry while calls span several lifetimes', async () => {
    const { client, sim } = await startHarness(
      org,
      { tokenLifetimeSeconds: 2, latencyMs: 20 },
      { concurrency: 4 },
    );
    const deadline = Date.now() + 3_500;
    let calls = 0;
    while (Date.now() < deadline) {
      const users = await Promise.all(lookups(8).map((id) => client.getUser(id)));
      expect(users.every((user) => user !== undefined)).toBe(true);
      calls += users.length;
    }
    expect(calls).toBeGreaterThan(50);
    expect(client.stats().tokenRenewals).toBeGreaterThanOrEqual(2);
    expect(sim.stats().tokensIssued).toBe(client.stats().tokenRenewals + 1);
  }, 15_000);

  it('renews once on a 401 and repeats the call when the token expired unnoticed', async () => {
    // A clock running at a tenth of real speed never sees the 2 s token as due for renewal.
    const origin = Date.now();
    const slowClock = () => origin + (Date.now() - origin) / 10;
    const { client, sim } = await startHarness(
      org,
      { tokenLifetimeSeconds: 2 },
      { now: slowClock },
    );
    expect(await client.getUser(leaverId)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    const users = await Promise.all(lookups(6).map((id) => client.getUser(id)));
    expect(users.every((user) => user !== undefined)).toBe(true);
    expect(client.stats().tokenRenewals).toBe(1);
    expect(sim.stats().tokensIssued).toBe(2);
  });

  it('rejects bad credentials with an auth error naming what to check, never the secret', async () => {
    const sim = await startSimulator(org);
    onTestFinished(() => sim.close());
    const secret = 'wrong-secret-0123456789';
    const events: LoggedEvent[] = [];
    const error = await connectGenesys({
      clientId: 'handover-sim',
      clientSecret: secret,
      apiUrl: sim.url,
      logger: memoryLogger(events),
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GenesysError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    const message = (error as Error).message;
    expect(message).toContain('GENESYS_CLIENT_ID/GENESYS_CLIENT_SECRET');
    expect(message).toContain('handover-sim');
    expect(message).toMatch(
      /^Genesys refused the login of client handover-sim \(401 invalid_client/,
    );
    const everything = JSON.stringify({ message, error, events, stack: (error as Error).stack });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(Buffer.from(`handover-sim:${secret}`).toString('base64'));
  });
});

describe('refusals', () => {
  it('surfaces a missing permission with code, status and contextId', async () => {
    const limited: OrgSeed = {
      ...org,
      clients: [
        ...org.clients,
        {
          clientId: 'limited',
          clientSecret: 'limited-secret',
          permissions: ['directory:user:view', 'voicemail:mailbox:viewOther'],
        },
      ],
    };
    const { client } = await startHarness(
      limited,
      {},
      { clientId: 'limited', clientSecret: 'limited-secret' },
    );
    expect((await client.getMailbox(leaverId)).totalCount).toBeGreaterThanOrEqual(0);
    const error = await collect(client.listVoicemails(leaverId)).catch((caught: unknown) => caught);
    expect(isGenesysError(error, 'permission')).toBe(true);
    const refused = error as GenesysError;
    expect(refused).toMatchObject({
      status: 403,
      code: 'missing.permissions',
      permission: 'voicemail:voicemail:viewOther',
      retryable: false,
    });
    expect(refused.contextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused.message).toBe(
      `Genesys refused GET /api/v2/voicemail/users/${leaverId}/messages: ` +
        `missing permission voicemail:voicemail:viewOther (contextId ${refused.contextId})`,
    );
  });

  it('surfaces a 404 with code, status and contextId where absence is not an answer', async () => {
    const { client, sim } = await startHarness(org);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const error = await client.getMailbox(unknown).catch((caught: unknown) => caught);
    expect(isGenesysError(error, 'not_found')).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'resource.not.found', retryable: false });
    expect((error as GenesysError).contextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.stats().byRoute['GET /api/v2/voicemail/users/{userId}/mailbox']).toBe(1);
  });
});

describe('ambiguous copies', () => {
  it('rejects with ambiguous on a 5xx after the copy, without retrying; the copy exists', async () => {
    const { client, sim } = await startHarness(org, {
      ambiguousCopyShare: 1,
      ambiguousCopyMode: 'error',
    });
    const source = sim.mailbox(leaverId)[0];
    if (source === undefined) throw new Error('leaver has no voicemail');
    const error = await client
      .copyVoicemail(source.id, { type: 'user', id: activeUser.id })
      .catch((caught: unknown) => caught);
    expect(isGenesysError(error, 'ambiguous')).toBe(true);
    expect(error).toMatchObject({ retryable: true });
    expect(sim.stats().byRoute['POST /api/v2/voicemail/messages']).toBe(1);
    expect(sim.voicemail(source.id)?.copiedTo?.map((record) => record.userId)).toEqual([
      activeUser.id,
    ]);
    const settled = await client.getVoicemail(source.id);
    expect(settled?.copiedTo.map((record) => record.userId)).toEqual([activeUser.id]);
  });

  it('rejects with ambiguous when the answer never comes, after the timeout', async () => {
    const { client, sim } = await startHarness(
      org,
      { ambiguousCopyShare: 1, ambiguousCopyMode: 'hang' },
      { timeoutMs: 300 },
    );
    const source = sim.mailbox(leaverId)[0];
    if (source === undefined) throw new Error('leaver has no voicemail');
    const error = await client
      .copyVoicemail(source.id, { type: 'group', id: org.groups[0]?.id ?? '' })
      .catch((caught: unknown) => caught);
    expect(isGenesysError(error, 'ambiguous')).toBe(true);
    expect(sim.stats().byRoute['POST /api/v2/voicemail/messages']).toBe(1);
    expect(sim.voicemail(source.id)?.copiedTo).toHaveLength(1);
  });

  it('still retries a copy refused with 429, which did not act', async () => {
    const { client, sim } = await startHarness(org, { requestsPerMinute: 60, burstSeconds: 1 });
    const source = sim.mailbox(leaverId)[0];
    if (source === undefined) throw new Error('leaver has no voicemail');
    // Spend the one-request burst so the copy meets an empty bucket.
    await client.getUser(leaverId);
    const copy = await client.copyVoicemail(source.id, { type: 'user', id: activeUser.id });
    expect(copy.ownerUserId).toBe(activeUser.id);
    expect(client.stats().rateLimited).toBeGreaterThanOrEqual(1);
    expect(sim.stats().copies).toBe(1);
    expect(sim.voicemail(source.id)?.copiedTo).toHaveLength(1);
  });
});

describe('isolation', () => {
  it('keeps two clients on two simulators apart: own tokens, own base URLs', async () => {
    const otherOrg: OrgSeed = {
      ...org,
      users: org.users.filter((user) => user.state === 'inactive'),
      clients: [{ clientId: 'other', clientSecret: 'other-secret' }],
    };
    const first = await startHarness(org);
    const second = await startHarness(
      otherOrg,
      {},
      {
        clientId: 'other',
        clientSecret: 'other-secret',
      },
    );
    const [firstActive, secondActive] = await Promise.all([
      collect(first.client.listUsers('active')),
      collect(second.client.listUsers('active')),
    ]);
    const secondIds = otherOrg.users.map((user) => user.id);
    const interleaved = await Promise.all(
      secondIds.flatMap((id) => [first.client.getUser(id), second.client.getUser(id)]),
    );
    expect(firstActive.length).toBeGreaterThan(0);
    expect(secondActive).toEqual([]);
    expect(interleaved.map((user) => user?.id)).toEqual(secondIds.flatMap((id) => [id, id]));
    // Ids only the first org knows stay unknown to the second client.
    const activeId = firstActive[0]?.id ?? '';
    expect(await second.client.getUser(activeId)).toBeUndefined();
    expect(await first.client.getUser(activeId)).toBeDefined();
    for (const harness of [first, second]) {
      const served = harness.sim.stats();
      expect(served.tokensIssued).toBe(1);
      expect(served.total).toBe(harness.client.stats().requests);
    }
  });
});
