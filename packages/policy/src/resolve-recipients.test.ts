import { describe, expect, it } from 'vitest';
import type { InMemoryResolver } from './in-memory-resolver.js';
import { matchRule } from './match-rule.js';
import { resolveRecipients } from './resolve-recipients.js';
import { leaver, org, resolveYaml } from './test-org.js';
import type { LeaverProfile, Person, Resolution } from './types.js';

/** Resolves `forward_to` (flow YAML) for a leaver under a policy with the given fallback. */
async function deliver(
  forwardTo: string,
  profile: Partial<LeaverProfile> = {},
  options: { fallback?: string; resolver?: InMemoryResolver } = {},
): Promise<Resolution> {
  const resolver = options.resolver ?? org();
  const lines = ['version: 1', 'rules: []', `default: { forward_to: ${forwardTo} }`];
  if (options.fallback) lines.push(`fallback: ${options.fallback}`);
  const resolved = await resolveYaml(lines, resolver);
  const who = leaver(profile);
  return resolveRecipients(resolved, who, matchRule(resolved, who), resolver);
}

function chain(...people: Array<[id: string, state: Person['state'], managerId?: string]>) {
  return people.map(
    ([id, state, managerId]): Person => ({
      id,
      name: `Name ${id}`,
      state,
      ...(managerId ? { managerId } : {}),
    }),
  );
}

describe('resolveRecipients: manager', () => {
  it('forwards to the active direct manager', async () => {
    const result = await deliver('[manager]', { managerId: 'u-boss' });

    expect(result.outcome).toBe('forward');
    expect(result.recipients).toEqual([
      { type: 'user', id: 'u-boss', name: 'Bea Boss', via: 'manager' },
    ]);
  });

  it('walks up past inactive and deleted managers and says whom it passed', async () => {
    const result = await deliver('[manager]', { managerId: 'u-gone' });

    expect(result.recipients).toEqual([
      {
        type: 'user',
        id: 'u-boss',
        name: 'Bea Boss',
        via: 'manager (3 levels up: Gil Gone deleted, Mo Mid inactive)',
      },
    ]);
  });

  it('stops at a cycle in the chain and falls back', async () => {
    const resolver = org({ users: chain(['c1', 'inactive', 'c2'], ['c2', 'inactive', 'c1']) });
    const result = await deliver(
      '[manager]',
      { managerId: 'c1' },
      {
        resolver,
        fallback: '[{ user: ops-lead@example.com }]',
      },
    );

    expect(result.recipients).toEqual([
      {
        type: 'user',
        id: 'u-ops',
        name: 'Olga Ops',
        via: 'fallback for manager (cycle in the chain back to c1 after Name c1 inactive, Name c2 inactive)',
      },
    ]);
  });

  it('treats a chain that leads back to the leaver as a cycle', async () => {
    const resolver = org({ users: chain(['c1', 'inactive', 'u-ann']) });
    const result = await deliver('[manager]', { id: 'u-ann', managerId: 'c1' }, { resolver });

    expect(result.outcome).toBe('no_recipient');
    expect(result.steps).toContain(
      'manager (cycle in the chain back to the leaver after Name c1 inactive) cannot receive',
    );
  });

  it('gives up after 5 levels', async () => {
    const resolver = org({
      users: chain(
        ['m1', 'inactive', 'm2'],
        ['m2', 'inactive', 'm3'],
        ['m3', 'inactive', 'm4'],
        ['m4', 'inactive', 'm5'],
        ['m5', 'inactive', 'm6'],
        ['m6', 'active'],
      ),
    });
    const fiveUp = await deliver('[manager]', { managerId: 'm2' }, { resolver });
    const sixUp = await deliver('[manager]', { managerId: 'm1' }, { resolver });

    expect(fiveUp.recipients.map((r) => r.id)).toEqual(['m6']);
    expect(sixUp.outcome).toBe('no_recipient');
    expect(sixUp.steps[1]).toMatch(/^manager \(none active within 5 levels: Name m1 inactive/);
  });

  it('cannot use a missing manager or no manager at all', async () => {
    const missing = await deliver('[manager]', { managerId: 'u-nobody' });
    const none = await deliver('[manager]', { managerId: undefined });
    const endsInactive = await deliver(
      '[manager]',
      { managerId: 'u-mid' },
      {
        resolver: org({ users: chain(['u-mid', 'inactive']) }),
      },
    );

    expect(missing.outcome).toBe('no_recipient');
    expect(missing.steps).toContain('manager (u-nobody not found) cannot receive');
    expect(none.steps).toContain('manager (none set) cannot receive');
    expect(endsInactive.steps).toContain(
      'manager (chain ends after Name u-mid inactive) cannot receive',
    );
  });
});

describe('resolveRecipients: users, groups, fallback, de-duplication', () => {
  it('sends a copy to each listed recipient', async () => {
    const result = await deliver(
      '[manager, { group: Support Archive }, { user: g-x }]',
      {},
      {
        resolver: org({ users: [{ id: 'g-x', name: 'Gus', state: 'active' }] }),
      },
    );

    expect(result.outcome).toBe('forward');
    expect(result.recipients.map((r) => [r.type, r.id, r.via])).toEqual([
      ['user', 'u-boss', 'manager'],
      ['group', 'g-archive', 'group Support Archive'],
      ['user', 'g-x', 'user g-x'],
    ]);
  });

  it('replaces an inactive group with the fallback, saying why', async () => {
    const result = await deliver(
      '[{ group: Old Team }]',
      {},
      {
        fallback: '[{ user: ops-lead@example.com }]',
      },
    );

    expect(result.recipients).toEqual([
      {
        type: 'user',
        id: 'u-ops',
        name: 'Olga Ops',
        via: 'fallback for group Old Team (inactive)',
      },
    ]);
  });

  it('uses the current state: a recipient that left after loading falls back', async () => {
    const people = [{ id: 'u-x', name: 'Xena', email: 'x@example.com', state: 'active' as const }];
    const resolver = org({ users: people });
    const lines = ['version: 1', 'rules: []', 'default: { forward_to: [{ user: x@example.com }] }'];
    const resolved = await resolveYaml(lines, resolver);
    const [xena] = people;
    if (xena) Object.assign(xena, { state: 'inactive' });

    const who = leaver();
    const result = await resolveRecipients(resolved, who, matchRule(resolved, who), resolver);
    expect(result.outcome).toBe('no_recipient');
    expect(result.steps).toContain('user x@example.com (inactive) cannot receive');
  });

  it('never sends a leaver their own messages', async () => {
    const result = await deliver(
      '[{ user: ann@example.com }]',
      { id: 'u-ann' },
      {
        fallback: '[{ group: Sales Voicemail }]',
      },
    );

    expect(result.recipients).toEqual([
      {
        type: 'group',
        id: 'g-sales',
        name: 'Sales Voicemail',
        via: 'fallback for user ann@example.com (is the leaver)',
      },
    ]);
  });

  it('applies the fallback once for several failures and never falls back from it', async () => {
    const result = await deliver(
      '[{ group: Old Team }, { user: mid@example.com }]',
      {},
      {
        fallback: '[{ user: gone@example.com }, { group: Sales Voicemail }]',
      },
    );

    expect(result.recipients).toEqual([
      {
        type: 'group',
        id: 'g-sales',
        name: 'Sales Voicemail',
        via: 'fallback for group Old Team (inactive), user mid@example.com (inactive)',
      },
    ]);
    expect(result.steps).toContain('fallback: user gone@example.com (deleted) cannot receive');
  });

  it('is no_recipient when neither the entries nor the fallback can receive', async () => {
    const withBadFallback = await deliver(
      '[{ group: Old Team }]',
      {},
      {
        fallback: '[{ user: mid@example.com }]',
      },
    );
    const withoutFallback = await deliver('[{ group: Old Team }]');

    expect(withBadFallback).toMatchObject({ outcome: 'no_recipient', recipients: [] });
    expect(withoutFallback.outcome).toBe('no_recipient');
    expect(withoutFallback.steps).toContain(
      'no fallback is configured to replace group Old Team (inactive)',
    );
  });

  it('is retained for forward_to: [] without consulting the fallback', async () => {
    const result = await deliver('[]', {}, { fallback: '[{ user: ops-lead@example.com }]' });

    expect(result).toEqual({
      rule: 'default',
      outcome: 'retained',
      recipients: [],
      steps: ['rule "default" forwards nothing: the messages are retained'],
    });
  });

  it('sends one copy per user or group even when entries resolve to the same one', async () => {
    const result = await deliver(
      '[manager, { user: boss@example.com }, { user: u-boss }, { group: g-sales }, ' +
        '{ group: sales voicemail }, { group: Old Team }]',
      { managerId: 'u-boss' },
      { fallback: '[{ group: Sales Voicemail }, { user: ops-lead@example.com }]' },
    );

    expect(result.recipients.map((r) => `${r.type}:${r.id}`)).toEqual([
      'user:u-boss',
      'group:g-sales',
      'user:u-ops',
    ]);
    expect(result.steps.filter((step) => step.includes('not added twice'))).toHaveLength(4);
  });
});
