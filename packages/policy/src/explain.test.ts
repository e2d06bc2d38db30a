import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explain } from './explain.js';
import { parsePolicy } from './parse-policy.js';
import { resolvePolicy } from './resolve-policy.js';
import { leaver, org } from './test-org.js';

const EXAMPLE = fileURLToPath(new URL('../../../config/policy.yaml', import.meta.url));

describe('explain', () => {
  it('tells which rules were skipped, which matched, and where each copy goes', async () => {
    const resolver = org({
      groups: [{ id: 'g-archive', name: 'Support Archive', state: 'inactive' }],
    });
    const policy = parsePolicy(await readFile(EXAMPLE, 'utf8'), 'config/policy.yaml');
    const resolved = await resolvePolicy(policy, 'config/policy.yaml', resolver);
    const ann = leaver({ department: 'Support', managerId: 'u-mid' });

    const { match, resolution, text } = await explain(resolved, ann, resolver);

    expect(match.rule).toBe('support');
    expect(resolution.outcome).toBe('forward');
    expect(text.split('\n')).toEqual([
      'Ann Agent (ann@example.com, inactive)',
      'policy: config/policy.yaml',
      '  rule "sales-emea" (rules[0]) skipped: department "Support" does not match "Sales"',
      'matched: rule "support"',
      '  department "Support" matches "support"',
      'recipients:',
      '  rule "support" forwards to manager, group Support Archive',
      '  manager (2 levels up: Mo Mid inactive) is Bea Boss, active',
      '  group Support Archive (inactive) cannot receive',
      '  fallback replaces group Support Archive (inactive)',
      '  fallback: user ops-lead@example.com is Olga Ops, active',
      '  forward to user Bea Boss, user Olga Ops',
      'outcome: forward',
      '  user Bea Boss (u-boss) via manager (2 levels up: Mo Mid inactive)',
      '  user Olga Ops (u-ops) via fallback for group Support Archive (inactive)',
    ]);
  });

  it('explains the default section and a retained rule', async () => {
    const resolver = org();
    const policy = parsePolicy(await readFile(EXAMPLE, 'utf8'), 'p.yaml');
    const resolved = await resolvePolicy(policy, 'p.yaml', resolver);

    const hold = await explain(resolved, leaver({ title: 'General Counsel' }), resolver);
    const other = await explain(resolved, leaver({ department: 'HR' }), resolver);

    expect(hold.resolution.outcome).toBe('retained');
    expect(hold.text).toContain('matched: rule "legal-hold"');
    expect(other.text).toContain('matched: default section\n  no rule matched');
    expect(other.resolution.recipients.map((r) => r.id)).toEqual(['u-boss']);
  });
});
