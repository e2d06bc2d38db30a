import { describe, expect, it } from 'vitest';
import { matchRule } from './match-rule.js';
import { leaver, oneRule, resolveYaml } from './test-org.js';
import type { LeaverProfile } from './types.js';

async function ruleFor(when: string, profile: Partial<LeaverProfile>): Promise<string> {
  return matchRule(await oneRule(when), leaver(profile)).rule;
}

describe('matchRule: each when key', () => {
  it('user matches the leaver by id or by email, resolved to the id', async () => {
    expect(await ruleFor('{ user: ANN@example.com }', { id: 'u-ann' })).toBe('hit');
    expect(await ruleFor('{ user: u-ann }', { id: 'u-ann' })).toBe('hit');
    expect(await ruleFor('{ user: ann@example.com }', { id: 'u-mid' })).toBe('default');
  });

  it('email is a pattern on the leaver email; no email never matches', async () => {
    expect(await ruleFor('{ email: "*@EXAMPLE.com" }', {})).toBe('hit');
    expect(await ruleFor('{ email: "*@other.com" }', {})).toBe('default');
    expect(await ruleFor('{ email: "*" }', { email: undefined })).toBe('default');
  });

  it('department and title compare case-insensitively and whole', async () => {
    expect(await ruleFor('{ department: support }', { department: 'Support' })).toBe('hit');
    expect(await ruleFor('{ department: support }', { department: 'Support EU' })).toBe('default');
    expect(await ruleFor('{ department: support }', {})).toBe('default');
    expect(await ruleFor('{ title: "*counsel*" }', { title: 'Senior Counsel, EMEA' })).toBe('hit');
    expect(await ruleFor('{ title: "*counsel*" }', { title: 'Sales Lead' })).toBe('default');
  });

  it('division matches by name or by id', async () => {
    const emea = { division: { id: 'd-1', name: 'EMEA' } };
    expect(await ruleFor('{ division: emea }', emea)).toBe('hit');
    expect(await ruleFor('{ division: d-1 }', emea)).toBe('hit');
    expect(await ruleFor('{ division: d-1 }', { division: { id: 'd-1' } })).toBe('hit');
    expect(await ruleFor('{ division: APAC }', emea)).toBe('default');
    expect(await ruleFor('{ division: EMEA }', {})).toBe('default');
  });

  it('group matches membership by group name or id, resolved to ids', async () => {
    const member = { groupIds: ['g-other', 'g-sales'] };
    expect(await ruleFor('{ group: sales voicemail }', member)).toBe('hit');
    expect(await ruleFor('{ group: g-sales }', member)).toBe('hit');
    expect(await ruleFor('{ group: Support Archive }', member)).toBe('default');
    expect(await ruleFor('{ group: g-sales }', { groupIds: [] })).toBe('default');
  });

  it('location matches any of the leaver locations', async () => {
    expect(await ruleFor('{ location: "Lon*" }', { locationNames: ['Paris', 'London'] })).toBe(
      'hit',
    );
    expect(await ruleFor('{ location: Berlin }', { locationNames: ['Paris'] })).toBe('default');
  });

  it('manager matches the direct manager by id or email', async () => {
    expect(await ruleFor('{ manager: boss@example.com }', { managerId: 'u-boss' })).toBe('hit');
    expect(await ruleFor('{ manager: u-boss }', { managerId: 'u-mid' })).toBe('default');
    expect(await ruleFor('{ manager: u-boss }', { managerId: undefined })).toBe('default');
  });
});

describe('matchRule: patterns, lists and order', () => {
  it('treats regex characters as literal and * as any text', async () => {
    expect(await ruleFor('{ title: "R&D (EU)" }', { title: 'r&d (eu)' })).toBe('hit');
    expect(await ruleFor('{ title: "a.c" }', { title: 'abc' })).toBe('default');
    expect(await ruleFor('{ title: "Head*of*" }', { title: 'Head of Sales' })).toBe('hit');
    expect(await ruleFor('{ title: "Head*" }', { title: 'Deputy Head' })).toBe('default');
  });

  it('a list matches when any value does', async () => {
    const when = '{ department: [Sales, "Supp*"] }';
    expect(await ruleFor(when, { department: 'Support' })).toBe('hit');
    expect(await ruleFor(when, { department: 'sales' })).toBe('hit');
    expect(await ruleFor(when, { department: 'Legal' })).toBe('default');
  });

  it('requires every key of a rule to match', async () => {
    const when = '{ department: Sales, division: EMEA }';
    const division = { id: 'd-1', name: 'EMEA' };
    expect(await ruleFor(when, { department: 'Sales', division })).toBe('hit');
    expect(await ruleFor(when, { department: 'Sales', division: { id: 'd-2', name: 'US' } })).toBe(
      'default',
    );
    expect(await ruleFor(when, { department: 'Support', division })).toBe('default');
  });

  it('takes the first matching rule, and a rule without when matches everyone', async () => {
    const resolved = await resolveYaml([
      'version: 1',
      'rules:',
      '  - name: legal',
      '    when: { title: "*Counsel*" }',
      '    forward_to: []',
      '  - name: sales',
      '    when: { department: Sales }',
      '    forward_to: [manager]',
      '  - name: catch-all',
      '    forward_to: [{ user: ops-lead@example.com }]',
      '  - name: never',
      '    when: { department: Sales }',
      '    forward_to: []',
    ]);

    expect(matchRule(resolved, leaver({ department: 'Sales', title: 'Counsel' })).rule).toBe(
      'legal',
    );
    const sales = matchRule(resolved, leaver({ department: 'Sales', title: 'Rep' }));
    expect(sales).toEqual({
      rule: 'sales',
      forwardTo: [{ kind: 'manager' }],
      reasons: ['department "Sales" matches "Sales"'],
    });
    expect(matchRule(resolved, leaver({ department: 'HR' })).reasons).toEqual([
      'the rule has no conditions, so it matches everyone',
    ]);
  });

  it('falls through to the default section with its recipients', async () => {
    const resolved = await resolveYaml([
      'version: 1',
      'rules:',
      '  - name: sales',
      '    when: { department: Sales }',
      '    forward_to: []',
      'default:',
      '  forward_to: [{ group: Support Archive }]',
    ]);

    expect(matchRule(resolved, leaver({ department: 'HR' }))).toEqual({
      rule: 'default',
      forwardTo: [{ kind: 'group', ref: 'Support Archive' }],
      reasons: ['no rule matched'],
    });
  });

  it('gives one reason per key of the matched rule', async () => {
    const resolved = await oneRule(
      '{ group: Sales Voicemail, manager: boss@example.com, division: EMEA, location: "Par*" }',
    );
    const match = matchRule(
      resolved,
      leaver({
        groupIds: ['g-sales'],
        managerId: 'u-boss',
        division: { id: 'd-1', name: 'EMEA' },
        locationNames: ['Paris'],
      }),
    );

    expect(match.reasons).toEqual([
      'division "EMEA" matches "EMEA"',
      'member of group "Sales Voicemail": yes',
      'location "Paris" matches "Par*"',
      'direct manager is "boss@example.com": yes',
    ]);
  });

  it('treats an empty when like an absent one', async () => {
    const resolved = await resolveYaml([
      'version: 1',
      'rules:',
      '  - name: all',
      '    when:',
      '    forward_to: []',
    ]);

    expect(matchRule(resolved, leaver()).rule).toBe('all');
  });
});
