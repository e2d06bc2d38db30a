import { generateOrg } from '@handover/genesys-sim';
import { describe, expect, it } from 'vitest';
import { GenesysError } from './genesys-error.js';
import { listUsersExhaustively, type UserPageSource } from './list-users.js';
import type { NextPage } from './paging.js';
import { collect, startHarness } from './test-harness.js';
import type { DirectoryUser, UserState } from './types.js';
import type { WireUser } from './wire-types.js';

function expectEachOnce(users: DirectoryUser[], expected: string[]): void {
  const seen = users.map((user) => user.id);
  expect(seen.length).toBe(expected.length);
  expect(new Set(seen).size).toBe(seen.length);
  expect([...seen].sort()).toEqual([...expected].sort());
}

describe('listUsers past the listing ceiling (simulator)', () => {
  it('switches to search partitions when the server refuses a page mid-listing', async () => {
    const org = generateOrg({ seed: 7, users: 3_400, leavers: 3_000, voicemailsPerLeaver: 0 });
    const { client, sim } = await startHarness(org, { listingCap: 1_000 });
    const inactive = org.users.filter((user) => user.state === 'inactive').map((user) => user.id);

    const users = await collect(client.listUsers('inactive', { pageSize: 500 }));

    expectEachOnce(users, inactive);
    expect(users.every((user) => user.state === 'inactive')).toBe(true);
    const routes = sim.stats().byRoute;
    // Two listing pages fit under the cap; the third is the refusal that reveals it.
    expect(routes['GET /api/v2/users']).toBe(3);
    expect(routes['POST /api/v2/users/search']).toBeLessThan(80);
  });

  it('splits an email prefix that alone holds more users than the window', async () => {
    const org = generateOrg({ seed: 11, users: 1_800, leavers: 1_500, voicemailsPerLeaver: 0 });
    const { client, events } = await startHarness(org, { listingCap: 100 });
    const inactive = org.users.filter((user) => user.state === 'inactive').map((user) => user.id);

    const users = await collect(client.listUsers('inactive'));

    expectEachOnce(users, inactive);
    expect(events.filter((event) => event.level === 'warn')).toEqual([]);
  });

  it('lists 30,000 inactive users past the real 10,000 window, each exactly once', async () => {
    const org = generateOrg({ seed: 3, users: 40_000, leavers: 30_000, voicemailsPerLeaver: 0 });
    const { client, sim } = await startHarness(org);
    const inactive = org.users.filter((user) => user.state === 'inactive').map((user) => user.id);

    const startedAt = Date.now();
    let pages = 0;
    let largestPage = 0;
    const users: DirectoryUser[] = [];
    for await (const page of client.listUsers('inactive')) {
      pages += 1;
      largestPage = Math.max(largestPage, page.length);
      users.push(...page);
    }
    const elapsedMs = Date.now() - startedAt;

    expectEachOnce(users, inactive);
    // Yielded page by page: no page is bigger than one search page.
    expect(largestPage).toBeLessThanOrEqual(100);
    expect(pages).toBeGreaterThanOrEqual(300);
    const routes = sim.stats().byRoute;
    expect(routes['GET /api/v2/users']).toBe(1);
    console.info(
      `listUsers 30,000 inactive: ${pages} pages, ${routes['POST /api/v2/users/search']} searches, ` +
        `${elapsedMs} ms`,
    );
  }, 60_000);
});

/** An in-memory directory with a result window, like Genesys', for the edge cases. */
function memorySource(emails: string[], window: number): UserPageSource & { calls: string[] } {
  const users: WireUser[] = emails.map((email, index) => ({
    id: `user-${String(index).padStart(5, '0')}`,
    name: email,
    email,
    state: 'inactive',
  }));
  const calls: string[] = [];
  const slice = (matching: WireUser[], page: NextPage) => {
    if (page.pageNumber * page.pageSize > window) {
      throw new GenesysError('bad_request', 'result window too large', { status: 400 });
    }
    const start = (page.pageNumber - 1) * page.pageSize;
    return {
      items: matching.slice(start, start + page.pageSize),
      total: matching.length,
      pageCount: Math.ceil(matching.length / page.pageSize),
      ...page,
    };
  };
  return {
    calls,
    async listPage(_state: UserState, page: NextPage) {
      calls.push(`list ${page.pageNumber}`);
      const { items, ...rest } = slice(users, page);
      return { entities: items, ...rest };
    },
    async searchPage(_state: UserState, prefix: string, page: NextPage) {
      calls.push(`search ${prefix} ${page.pageNumber}`);
      const matching = users.filter((user) => user.email?.toLowerCase().startsWith(prefix));
      const { items, ...rest } = slice(matching, page);
      return { results: items, ...rest };
    },
  };
}

describe('listUsersExhaustively (in-memory directory)', () => {
  it('pages the listing alone while it fits in the window', async () => {
    const source = memorySource(['a@x', 'b@x', 'c@x', 'd@x', 'e@x'], 10);
    const users = await collect(listUsersExhaustively(source, 'inactive', 2));
    expect(users.map((user) => user.email)).toEqual(['a@x', 'b@x', 'c@x', 'd@x', 'e@x']);
    expect(source.calls).toEqual(['list 1', 'list 2', 'list 3']);
  });

  it('reaches addresses starting with symbols and digits when letters do not cover everyone', async () => {
    const emails = ['_ops@x', '+1@x', '9lives@x', 'zed@x', 'amy@x', 'ann@x', 'art@x'];
    const source = memorySource(emails, 2);
    const users = await collect(listUsersExhaustively(source, 'inactive', 2));
    expect(users.map((user) => user.email).sort()).toEqual([...emails].sort());
    expect(new Set(users.map((user) => user.id)).size).toBe(emails.length);
    // 'a' holds three users in a window of two, so it was split.
    expect(source.calls).toContain('search am 1');
  });

  it('warns instead of pretending when some addresses are unreachable by prefix', async () => {
    const emails = ['bob@x', 'bea@x', 'bill@x', 'élodie@x'];
    const source = memorySource(emails, 2);
    const warnings: object[] = [];
    const logger = {
      debug() {},
      info() {},
      warn: (fields: object) => warnings.push(fields),
      error() {},
    };
    const users = await collect(listUsersExhaustively(source, 'inactive', 2, logger));
    expect(users.map((user) => user.email).sort()).toEqual(['bea@x', 'bill@x', 'bob@x']);
    expect(warnings).toEqual([{ state: 'inactive', total: 4, yielded: 3 }]);
  });
});
