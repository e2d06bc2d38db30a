import { afterEach, describe, expect, it } from 'vitest';
import { demoOrg } from './demo-org.js';
import { startSimulator } from './server.js';
import { accessToken, api, type ErrorJson, type VoicemailJson } from './test-support.js';
import type { OrgSeed, Simulator } from './types.js';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const org = demoOrg(new Date(NOW));
const idOf = (email: string) => org.users.find((user) => user.email === email)?.id ?? '';
const leaver = idOf('sven.salo@example.com');
const recipient = idOf('sue.porter@example.com');
const source = org.voicemails.find((message) => message.ownerUserId === leaver);
const copyBody = { voicemailMessageId: source?.id, userId: recipient };

let sim: Simulator | undefined;

async function start(seed: OrgSeed, options: Parameters<typeof startSimulator>[1]) {
  sim = await startSimulator(seed, options);
  return sim;
}

function postCopy(s: Simulator, token: string, signal: AbortSignal): Promise<Response> {
  return fetch(`${s.url}/api/v2/voicemail/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(copyBody),
    signal,
  });
}

/** Waits (without a deadline of its own: vitest's test timeout bounds it) for `condition`. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once the bucket is empty, without acting', async () => {
    let now = NOW;
    const s = await start(org, { requestsPerMinute: 60, burstSeconds: 2, now: () => now });
    const token = await accessToken(s);

    expect((await api(s, token, `/api/v2/users/${leaver}`)).status).toBe(200);
    expect((await api(s, token, `/api/v2/users/${leaver}`)).status).toBe(200);
    const limited = await api<ErrorJson>(s, token, '/api/v2/voicemail/messages', copyBody);

    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('too.many.requests');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(s.mailbox(recipient).some((message) => message.copiedFrom)).toBe(false);
    expect(s.stats()).toMatchObject({ rateLimited: 1, copies: 0 });

    now += 1000;
    expect((await api(s, token, '/api/v2/voicemail/messages', copyBody)).status).toBe(200);
  });

  it('computes Retry-After in whole seconds from the refill rate', async () => {
    const s = await start(org, { requestsPerMinute: 6, burstSeconds: 10, now: () => NOW });
    const token = await accessToken(s);
    expect((await api(s, token, '/api/v2/users')).status).toBe(200);
    const limited = await api(s, token, '/api/v2/users');
    // 6 per minute refills one request every 10 seconds.
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
  });

  it('limits per token and never limits /oauth/token', async () => {
    const s = await start(org, { requestsPerMinute: 60, now: () => NOW });
    const first = await accessToken(s);
    expect((await api(s, first, '/api/v2/users')).status).toBe(200);
    expect((await api(s, first, '/api/v2/users')).status).toBe(429);
    const second = await accessToken(s);
    expect((await api(s, second, '/api/v2/users')).status).toBe(200);
    expect(s.stats().tokensIssued).toBe(2);
  });
});

describe('server errors', () => {
  it('answers the configured share with 503 before acting', async () => {
    const s = await start(org, { serverErrorShare: 1 });
    const token = await accessToken(s);
    const answer = await api<ErrorJson>(s, token, '/api/v2/voicemail/messages', copyBody);

    expect(answer.status).toBe(503);
    expect(answer.body.status).toBe(503);
    expect(s.stats()).toMatchObject({ serverErrors: 1, copies: 0 });
    expect(s.voicemail(source?.id ?? '')?.copiedTo).toBeUndefined();

    s.configure({ serverErrorShare: 0 });
    expect((await api(s, token, '/api/v2/users')).status).toBe(200);
  });

  it('rolls the injected dice once per request', async () => {
    const rolls = [0.1, 0.9, 0.1, 0.9];
    const s = await start(org, { serverErrorShare: 0.5, random: () => rolls.shift() ?? 0.9 });
    const token = await accessToken(s);
    const statuses: number[] = [];
    for (let index = 0; index < 4; index++) {
      statuses.push((await api(s, token, `/api/v2/users/${leaver}`)).status);
    }
    expect(statuses).toEqual([503, 200, 503, 200]);
  });
});

describe('ambiguous copies', () => {
  it("mode 'error' performs the copy, then answers 503 or 504", async () => {
    const s = await start(org, { ambiguousCopyShare: 1, ambiguousCopyMode: 'error' });
    const token = await accessToken(s);
    const answer = await api<ErrorJson>(s, token, '/api/v2/voicemail/messages', copyBody);

    expect([503, 504]).toContain(answer.status);
    const copies = s.mailbox(recipient).filter((m) => m.copiedFrom?.userId === leaver);
    expect(copies).toHaveLength(1);
    expect(s.voicemail(source?.id ?? '')?.copiedTo?.map((entry) => entry.userId)).toEqual([
      recipient,
    ]);
    expect(s.stats()).toMatchObject({ copies: 1, ambiguousCopies: 1 });
  });

  it("mode 'hang' performs the copy and never answers until the client gives up", async () => {
    const s = await start(org, { ambiguousCopyShare: 1, ambiguousCopyMode: 'hang' });
    const token = await accessToken(s);
    const giveUp = new AbortController();
    const abandoned = postCopy(s, token, giveUp.signal);

    await until(() => s.stats().ambiguousCopies === 1);
    giveUp.abort();
    await expect(abandoned).rejects.toThrow();
    expect(s.mailbox(recipient).filter((m) => m.copiedFrom?.userId === leaver)).toHaveLength(1);
    expect(s.stats().copies).toBe(1);
  });

  it('lets a client settle an ambiguous copy by reading copiedTo', async () => {
    const s = await start(org, { ambiguousCopyShare: 1 });
    const token = await accessToken(s);
    await api(s, token, '/api/v2/voicemail/messages', copyBody);
    const original = await api<VoicemailJson>(s, token, `/api/v2/voicemail/messages/${source?.id}`);
    expect(original.body.copiedTo?.[0]?.user?.id).toBe(recipient);
  });
});

describe('permissions', () => {
  const limited: OrgSeed = {
    ...org,
    clients: [
      { clientId: 'reader', clientSecret: 'reader-secret', permissions: ['directory:user:view'] },
    ],
  };
  const cases: Array<[string, unknown, string]> = [
    [`/api/v2/groups/${org.groups[0]?.id}`, undefined, 'directory:group:view'],
    [`/api/v2/voicemail/users/${leaver}/mailbox`, undefined, 'voicemail:mailbox:viewOther'],
    [`/api/v2/voicemail/users/${leaver}/messages`, undefined, 'voicemail:voicemail:viewOther'],
    [`/api/v2/voicemail/messages/${source?.id}`, undefined, 'voicemail:voicemail:viewOther'],
    ['/api/v2/voicemail/messages', copyBody, 'voicemail:voicemail:viewOther'],
  ];

  it.each(cases)('answers 403 missing.permissions on %s', async (path, body, permission) => {
    const s = await start(limited, {});
    const token = await accessToken(s, 'reader', 'reader-secret');
    const answer = await api<ErrorJson>(s, token, path, body);

    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('missing.permissions');
    expect(answer.body.message).toContain(`[${permission}]`);
    expect(answer.body.messageParams).toEqual({ permissions: permission });
    expect(s.stats().copies).toBe(0);
  });

  it('allows what the client holds', async () => {
    const s = await start(limited, {});
    const token = await accessToken(s, 'reader', 'reader-secret');
    expect((await api(s, token, '/api/v2/users')).status).toBe(200);
  });
});

describe('latency, stats and concurrency', () => {
  it('counts requests by route template', async () => {
    const s = await start(org, {});
    const token = await accessToken(s);
    await Promise.all(Array.from({ length: 3 }, () => api(s, token, `/api/v2/users/${leaver}`)));
    await api(s, token, `/api/v2/voicemail/users/${leaver}/messages`);

    const stats = s.stats();
    expect(stats.byRoute['GET /api/v2/users/{id}']).toBe(3);
    expect(stats.byRoute['GET /api/v2/voicemail/users/{userId}/messages']).toBe(1);
    expect(stats.byRoute['POST /oauth/token']).toBe(1);
    expect(stats.total).toBe(5);

    s.resetStats();
    expect(s.stats()).toMatchObject({ total: 0, byRoute: {}, copies: 0 });
  });

  it('tracks peak in-flight requests (held open by hanging copies)', async () => {
    const s = await start(org, { ambiguousCopyShare: 1, ambiguousCopyMode: 'hang' });
    const token = await accessToken(s);
    const giveUp = new AbortController();
    const pending = Array.from({ length: 3 }, () => postCopy(s, token, giveUp.signal));

    await until(() => s.stats().ambiguousCopies === 3);
    expect(s.stats().peakInFlight).toBeGreaterThanOrEqual(3);
    giveUp.abort();
    await Promise.allSettled(pending);
  });

  it('holds every /api/v2 answer for latencyMs', async () => {
    const s = await start(org, { latencyMs: 80 });
    const token = await accessToken(s);
    const started = performance.now();
    const answer = await api(s, token, `/api/v2/users/${leaver}`);
    // A lower bound only: timers never fire early, so this cannot flake on a slow machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    expect(answer.status).toBe(200);
  });
});
