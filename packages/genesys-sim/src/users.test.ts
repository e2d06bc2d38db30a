import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrg } from './demo-org.js';
import { generateOrg } from './generate-org.js';
import { startSimulator } from './server.js';
import {
  accessToken,
  api,
  type ErrorJson,
  type ListingJson,
  type SearchJson,
  type UserJson,
} from './test-support.js';
import type { Simulator } from './types.js';

const org = generateOrg({ seed: 7, users: 3000, leavers: 1200, voicemailsPerLeaver: 1 });
const inactiveIds = org.users.filter((user) => user.state === 'inactive').map((user) => user.id);
let sim: Simulator;
let token: string;

beforeAll(async () => {
  sim = await startSimulator(org, { listingCap: 2000 });
  token = await accessToken(sim);
});

afterAll(async () => {
  await sim.close();
});

async function allPages(path: string): Promise<UserJson[]> {
  const users: UserJson[] = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    const answer: { status: number; body: ListingJson<UserJson> } = await api(sim, token, next);
    expect(answer.status).toBe(200);
    users.push(...answer.body.entities);
    next = answer.body.nextUri;
  }
  return users;
}

describe('GET /api/v2/users', () => {
  it('pages by id with Genesys paging fields and a capped pageSize', async () => {
    const answer = await api<ListingJson<UserJson>>(
      sim,
      token,
      '/api/v2/users?pageSize=900&pageNumber=2&state=inactive',
    );

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ pageSize: 500, pageNumber: 2, total: 1200, pageCount: 3 });
    expect(answer.body.entities).toHaveLength(500);
    expect(answer.body.nextUri).toBe('/api/v2/users?pageSize=500&pageNumber=3&state=inactive');
    expect(answer.body.lastUri).toBe('/api/v2/users?pageSize=500&pageNumber=3&state=inactive');
    expect(answer.body.firstUri).toContain('pageNumber=1');
    const ids = answer.body.entities.map((user) => user.id);
    expect(ids).toEqual([...ids].sort());
    expect(answer.body.entities.every((user) => user.state === 'inactive')).toBe(true);
  });

  it('defaults to 25 active users and omits nextUri on the last page', async () => {
    const first = await api<ListingJson<UserJson>>(sim, token, '/api/v2/users');
    expect(first.body.pageSize).toBe(25);
    expect(first.body.entities.every((user) => user.state === 'active')).toBe(true);

    const last = await api<ListingJson<UserJson>>(
      sim,
      token,
      '/api/v2/users?state=inactive&pageSize=500&pageNumber=3',
    );
    expect(last.body.entities).toHaveLength(200);
    expect(last.body.nextUri).toBeUndefined();
  });

  it('refuses pages beyond the listing cap with 400', async () => {
    const answer = await api<ErrorJson>(
      sim,
      token,
      '/api/v2/users?state=inactive&pageSize=500&pageNumber=5',
    );
    // 5 * 500 > listingCap 2000 in this suite.
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('bad.request');
    expect(answer.body.message).toMatch(/result window is too large/);
  });

  it('looks users up in bulk by comma-joined and repeated id params, any state', async () => {
    const [a, b, c] = inactiveIds;
    const answer = await api<ListingJson<UserJson>>(
      sim,
      token,
      `/api/v2/users?id=${a},${b}&id=${c}&state=any&pageSize=10`,
    );
    expect(answer.body.entities.map((user) => user.id).sort()).toEqual([a, b, c].sort());
    expect(answer.body.total).toBe(3);
  });

  it('expands groups and locations and references the manager', async () => {
    const answer = await api<ListingJson<UserJson>>(
      sim,
      token,
      `/api/v2/users?id=${inactiveIds[0]}&state=inactive&expand=groups,locations`,
    );
    const user = answer.body.entities[0];
    const seed = org.users.find((candidate) => candidate.id === inactiveIds[0]);
    expect(user?.groups?.map((group) => group.id)).toEqual(seed?.groupIds);
    expect(user?.locations?.[0]?.locationDefinition.id).toBe(seed?.locationIds?.[0]);
    expect(user?.manager?.id).toBe(seed?.managerId);
    expect(user?.division.id).toBe(seed?.divisionId);
  });

  it('lists every inactive user exactly once when following nextUri', async () => {
    const users = await allPages('/api/v2/users?state=inactive&pageSize=400');
    expect(users.map((user) => user.id).sort()).toEqual([...inactiveIds].sort());
  });
});

describe('GET /api/v2/users/{id}', () => {
  const demo = demoOrg(new Date('2026-01-15T12:00:00Z'));
  let demoSim: Simulator;
  let demoToken: string;
  const byEmail = (email: string) => demo.users.find((user) => user.email === email)?.id ?? '';
  const deletedId = demo.users.find((user) => user.state === 'deleted')?.id ?? '';

  beforeAll(async () => {
    demoSim = await startSimulator(demo);
    demoToken = await accessToken(demoSim);
  });
  afterAll(() => demoSim.close());

  it('returns active and inactive users without a state param', async () => {
    const active = await api<UserJson>(
      demoSim,
      demoToken,
      `/api/v2/users/${byEmail('larry@example.com')}`,
    );
    expect(active.body.state).toBe('active');
    const inactiveId = demo.users.find((user) => user.state === 'inactive')?.id;
    const inactive = await api<UserJson>(demoSim, demoToken, `/api/v2/users/${inactiveId}`);
    expect(inactive.status).toBe(200);
    expect(inactive.body.state).toBe('inactive');
  });

  it('returns deleted users only with state=deleted', async () => {
    const hidden = await api<ErrorJson>(demoSim, demoToken, `/api/v2/users/${deletedId}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('resource.not.found');
    const shown = await api<UserJson>(
      demoSim,
      demoToken,
      `/api/v2/users/${deletedId}?state=deleted`,
    );
    expect(shown.status).toBe(200);
    expect(shown.body.state).toBe('deleted');
  });

  it('answers 404 for an unknown id', async () => {
    const answer = await api<ErrorJson>(demoSim, demoToken, '/api/v2/users/no-such-user');
    expect(answer.status).toBe(404);
  });
});

describe('POST /api/v2/users/search', () => {
  it('finds a user by EXACT email, case-insensitively, active only by default', async () => {
    const target = org.users.find((user) => user.state === 'active' && user.email.startsWith('a'));
    const answer = await api<SearchJson<UserJson>>(sim, token, '/api/v2/users/search', {
      query: [{ type: 'EXACT', fields: ['email'], values: [target?.email.toUpperCase()] }],
    });
    expect(answer.status).toBe(200);
    expect((answer.body.results ?? []).map((user) => user.id)).toEqual([target?.id]);

    const leaver = org.users.find((user) => user.state === 'inactive');
    const hidden = await api<SearchJson<UserJson>>(sim, token, '/api/v2/users/search', {
      query: [{ type: 'EXACT', fields: ['email'], value: leaver?.email }],
    });
    expect(hidden.body.total).toBe(0);
    // Genesys leaves `results` out of an empty search answer.
    expect(hidden.body).not.toHaveProperty('results');
  });

  it('partitions inactive users by email prefix exactly', async () => {
    const prefixes = 'abcdefghijklmnopqrstuvwxyz'.split('');
    const found: string[] = [];
    for (const prefix of prefixes) {
      let pageNumber = 1;
      for (;;) {
        const answer = await api<SearchJson<UserJson>>(sim, token, '/api/v2/users/search', {
          pageSize: 100,
          pageNumber,
          query: [
            { type: 'EXACT', fields: ['state'], values: ['inactive'] },
            { type: 'STARTS_WITH', fields: ['email'], values: [prefix] },
          ],
        });
        expect(answer.status).toBe(200);
        for (const user of answer.body.results ?? []) {
          expect(user.email.startsWith(prefix)).toBe(true);
          found.push(user.id);
        }
        if (pageNumber >= answer.body.pageCount) break;
        pageNumber++;
      }
    }
    expect(found.sort()).toEqual([...inactiveIds].sort());
  });

  it('caps pageSize at 100, pages stably and applies the listing cap', async () => {
    const query = [{ type: 'EXACT', fields: ['state'], values: ['inactive', 'active'] }];
    const first = await api<SearchJson<UserJson>>(sim, token, '/api/v2/users/search', {
      pageSize: 250,
      query,
    });
    expect(first.body.pageSize).toBe(100);
    expect(first.body.total).toBe(org.users.filter((user) => user.state !== 'deleted').length);
    expect(first.body.nextPage).toBeDefined();
    const second = await api<SearchJson<UserJson>>(sim, token, '/api/v2/users/search', {
      pageSize: 100,
      pageNumber: 2,
      query,
    });
    const overlap = (second.body.results ?? []).filter((user) =>
      (first.body.results ?? []).some((other) => other.id === user.id),
    );
    expect(overlap).toEqual([]);

    const beyond = await api<ErrorJson>(sim, token, '/api/v2/users/search', {
      pageSize: 100,
      pageNumber: 21,
      query,
    });
    expect(beyond.status).toBe(400);
  });

  it('matches CONTAINS on any of several fields and honours sortBy', async () => {
    const answer = await api<SearchJson<UserJson>>(sim, token, '/api/v2/users/search', {
      pageSize: 100,
      sortBy: 'email',
      sortOrder: 'DESC',
      query: [{ type: 'CONTAINS', fields: ['name', 'department'], values: ['legal'] }],
    });
    expect(answer.body.total).toBeGreaterThan(0);
    expect((answer.body.results ?? []).every((user) => user.department === 'Legal')).toBe(true);
    const emails = (answer.body.results ?? []).map((user) => user.email);
    expect(emails).toEqual([...emails].sort().reverse());
  });

  it('rejects unknown fields, empty queries and bad JSON with 400', async () => {
    const unknownField = await api<ErrorJson>(sim, token, '/api/v2/users/search', {
      query: [{ type: 'EXACT', fields: ['shoeSize'], values: ['44'] }],
    });
    expect(unknownField.status).toBe(400);
    const empty = await api<ErrorJson>(sim, token, '/api/v2/users/search', { query: [] });
    expect(empty.status).toBe(400);
    const badJson = await api<ErrorJson>(sim, token, '/api/v2/users/search', '{not json');
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe('bad.request');
  });
});
