// Test fixtures: a small org behind a real InMemoryResolver, and helpers to build leavers.
import { InMemoryResolver } from './in-memory-resolver.js';
import { parsePolicy } from './parse-policy.js';
import { type ResolvedPolicy, resolvePolicy } from './resolve-policy.js';
import type { GroupInfo, LeaverProfile, Person } from './types.js';

export const USERS: Person[] = [
  { id: 'u-ops', name: 'Olga Ops', email: 'ops-lead@example.com', state: 'active' },
  { id: 'u-boss', name: 'Bea Boss', email: 'boss@example.com', state: 'active' },
  { id: 'u-mid', name: 'Mo Mid', email: 'mid@example.com', state: 'inactive', managerId: 'u-boss' },
  {
    id: 'u-gone',
    name: 'Gil Gone',
    email: 'gone@example.com',
    state: 'deleted',
    managerId: 'u-mid',
  },
  { id: 'u-larry', name: 'Larry Leave', email: 'larry@example.com', state: 'active' },
  {
    id: 'u-ann',
    name: 'Ann Agent',
    email: 'ann@example.com',
    state: 'inactive',
    managerId: 'u-boss',
  },
];

export const GROUPS: GroupInfo[] = [
  { id: 'g-sales', name: 'Sales Voicemail', state: 'active' },
  { id: 'g-archive', name: 'Support Archive', state: 'active' },
  { id: 'g-old', name: 'Old Team', state: 'inactive' },
];

export function org(extra: { users?: Person[]; groups?: GroupInfo[] } = {}): InMemoryResolver {
  return new InMemoryResolver({
    users: [...USERS, ...(extra.users ?? [])],
    groups: [...GROUPS, ...(extra.groups ?? [])],
  });
}

export function leaver(overrides: Partial<LeaverProfile> = {}): LeaverProfile {
  return {
    id: 'u-ann',
    name: 'Ann Agent',
    email: 'ann@example.com',
    state: 'inactive',
    managerId: 'u-boss',
    groupIds: [],
    locationNames: [],
    ...overrides,
  };
}

/** Parses and resolves a policy written as YAML lines. */
export function resolveYaml(
  lines: string[],
  resolver: InMemoryResolver = org(),
): Promise<ResolvedPolicy> {
  const policy = parsePolicy(lines.join('\n'), 'test.yaml');
  return resolvePolicy(policy, 'test.yaml', resolver);
}

/** A policy of one rule with the given `when` (flow YAML), for condition tests. */
export function oneRule(when: string, resolver?: InMemoryResolver): Promise<ResolvedPolicy> {
  return resolveYaml(
    ['version: 1', 'rules:', '  - name: hit', `    when: ${when}`, '    forward_to: []'],
    resolver,
  );
}
