import { describe, expect, it } from 'vitest';
import { demoOrg } from './demo-org.js';
import { generateOrg } from './generate-org.js';
import type { OrgSeed, SimUser } from './types.js';

const NOW = new Date('2026-01-15T12:00:00Z');

/** Referential problems in a seed, as readable strings; none is what every consumer relies on. */
function inconsistencies(org: OrgSeed): string[] {
  const users = new Map(org.users.map((user) => [user.id, user]));
  const groups = new Set(org.groups.map((group) => group.id));
  const divisions = new Set(org.divisions.map((division) => division.id));
  const locations = new Set(org.locations.map((location) => location.id));
  const problems: string[] = [];
  if (users.size !== org.users.length) problems.push('duplicate user ids');
  if (new Set(org.users.map((user) => user.email.toLowerCase())).size !== org.users.length) {
    problems.push('duplicate emails');
  }
  if (new Set(org.voicemails.map((message) => message.id)).size !== org.voicemails.length) {
    problems.push('duplicate voicemail ids');
  }
  for (const user of org.users) {
    if (user.managerId !== undefined && !users.has(user.managerId)) {
      problems.push(`${user.email}: unknown manager`);
    }
    for (const id of user.groupIds ?? []) {
      if (!groups.has(id)) problems.push(`${user.email}: unknown group ${id}`);
    }
    for (const id of user.locationIds ?? []) {
      if (!locations.has(id)) problems.push(`${user.email}: unknown location ${id}`);
    }
    if (user.divisionId !== undefined && !divisions.has(user.divisionId)) {
      problems.push(`${user.email}: unknown division`);
    }
  }
  for (const message of org.voicemails) {
    if (!users.has(message.ownerUserId ?? '')) problems.push(`${message.id}: unknown owner`);
    if (Number.isNaN(Date.parse(message.createdDate))) problems.push(`${message.id}: bad date`);
  }
  return problems;
}

function managerChainReachesTop(users: Map<string, SimUser>, user: SimUser): boolean {
  const seen = new Set<string>();
  let current: SimUser | undefined = user;
  while (current?.managerId !== undefined) {
    if (seen.has(current.id)) return false;
    seen.add(current.id);
    current = users.get(current.managerId);
  }
  return current !== undefined;
}

describe('generateOrg', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const options = { users: 500, leavers: 40, voicemailsPerLeaver: 3, now: NOW };
    const a = generateOrg({ seed: 11, ...options });
    const b = generateOrg({ seed: 11, ...options });
    const c = generateOrg({ seed: 12, ...options });
    expect(b).toEqual(a);
    expect(c.users.map((user) => user.id)).not.toEqual(a.users.map((user) => user.id));
  });

  it('has exactly `leavers` inactive users, their voicemails and the unread share', () => {
    const org = generateOrg({ seed: 5, now: NOW });
    const inactive = org.users.filter((user) => user.state === 'inactive');
    const deleted = org.users.filter((user) => user.state === 'deleted');
    expect(org.users).toHaveLength(20000);
    expect(inactive).toHaveLength(400);
    expect(deleted.length).toBeGreaterThan(0);
    expect(org.voicemails).toHaveLength((400 + deleted.length) * 30);

    const unread = org.voicemails.filter((message) => !message.read).length;
    expect(unread / org.voicemails.length).toBeGreaterThan(0.55);
    expect(unread / org.voicemails.length).toBeLessThan(0.65);
    const created = org.voicemails.map((message) => Date.parse(message.createdDate));
    expect(Math.min(...created)).toBeGreaterThanOrEqual(NOW.getTime() - 60 * 86_400_000);
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW.getTime());
    expect(inconsistencies(org)).toEqual([]);
  });

  it('builds a management tree with inactive managers and the named groups and ops lead', () => {
    const org = generateOrg({ seed: 5, now: NOW });
    const users = new Map(org.users.map((user) => [user.id, user]));
    const withoutManager = org.users.filter((user) => user.managerId === undefined);
    expect(withoutManager).toHaveLength(1);
    expect(org.users.every((user) => managerChainReachesTop(users, user))).toBe(true);

    const leaversWithLeavingManager = org.users.filter(
      (user) => user.state === 'inactive' && users.get(user.managerId ?? '')?.state === 'inactive',
    );
    expect(leaversWithLeavingManager.length).toBeGreaterThan(0);

    const opsLead = org.users.find((user) => user.email === 'ops-lead@example.com');
    expect(opsLead?.state).toBe('active');
    expect(org.groups.map((group) => group.name)).toEqual(
      expect.arrayContaining(['Sales Voicemail', 'Support Archive']),
    );
    expect(org.divisions.map((division) => division.name).sort()).toEqual(['AMER', 'APAC', 'EMEA']);
    expect(org.clients).toEqual([{ clientId: 'handover-sim', clientSecret: 'sim-secret' }]);
  });

  it('generates realistic unique emails', () => {
    const org = generateOrg({ seed: 9, users: 2000, leavers: 10, now: NOW });
    const pattern = /^[a-z]+\.[a-z]+\.\d+@example\.com$/;
    const generated = org.users.filter((user) => user.email !== 'ops-lead@example.com');
    expect(generated.every((user) => pattern.test(user.email))).toBe(true);
  });

  it('handles a 40,000-user org with 30,000 leavers', () => {
    const org = generateOrg({ seed: 2, users: 40000, leavers: 30000, voicemailsPerLeaver: 2 });
    expect(org.users.filter((user) => user.state === 'inactive')).toHaveLength(30000);
    expect(org.users.filter((user) => user.state === 'active').length).toBeGreaterThan(9000);
  });

  it('rejects impossible sizes', () => {
    expect(() => generateOrg({ users: 10, leavers: 9 })).toThrow(RangeError);
    expect(() => generateOrg({ users: 1 })).toThrow(RangeError);
  });
});

describe('demoOrg', () => {
  const org = demoOrg(NOW);
  const byEmail = (email: string) => org.users.find((user) => user.email === email);
  const byId = (id: string | undefined) => org.users.find((user) => user.id === id);

  it('is consistent: every managerId, groupId, division and owner exists', () => {
    expect(inconsistencies(org)).toEqual([]);
    expect(org.users.length).toBeGreaterThanOrEqual(25);
    expect(org.users.length).toBeLessThanOrEqual(35);
  });

  it('covers the cases of the example policy', () => {
    const sales = byEmail('sven.salo@example.com');
    const division = org.divisions.find((candidate) => candidate.id === sales?.divisionId);
    expect(sales).toMatchObject({ state: 'inactive', department: 'Sales' });
    expect(division?.name).toBe('EMEA');

    const support = org.users.find((u) => u.state === 'inactive' && u.department === 'Support');
    expect(byId(support?.managerId)?.state).toBe('active');
    expect(org.users.some((u) => u.state === 'inactive' && u.title === 'Senior Counsel')).toBe(
      true,
    );

    const chained = org.users.filter(
      (u) => u.state === 'inactive' && byId(u.managerId)?.state === 'inactive',
    );
    expect(chained.length).toBeGreaterThan(0);
    expect(org.users.some((u) => u.state === 'inactive' && u.managerId === undefined)).toBe(true);
    expect(byEmail('ops-lead@example.com')?.state).toBe('active');
    expect(byEmail('larry@example.com')?.state).toBe('active');
    expect(org.groups.map((group) => group.name)).toEqual(
      expect.arrayContaining(['Sales Voicemail', 'Support Archive']),
    );
  });

  it('has the awkward messages a report must survive', () => {
    const deleted = org.users.find((user) => user.state === 'deleted');
    expect(org.voicemails.some((m) => m.ownerUserId === deleted?.id)).toBe(true);
    expect(org.voicemails.some((m) => m.read)).toBe(true);
    expect(org.voicemails.some((m) => !m.read)).toBe(true);
    expect(org.voicemails.some((m) => m.callerName === 'Zoë Ångström')).toBe(true);
    expect(org.voicemails.some((m) => m.callerName?.startsWith('='))).toBe(true);
    const oldest = Math.min(...org.voicemails.map((m) => Date.parse(m.createdDate)));
    expect(NOW.getTime() - oldest).toBeGreaterThan(365 * 86_400_000);
  });

  it('is stable for a given now', () => {
    expect(demoOrg(NOW)).toEqual(org);
  });
});
