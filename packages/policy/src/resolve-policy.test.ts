import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InMemoryResolver } from './in-memory-resolver.js';
import { isLeaver } from './is-leaver.js';
import { parsePolicy } from './parse-policy.js';
import { PolicyError } from './policy-error.js';
import { resolvePolicy } from './resolve-policy.js';
import { org, resolveYaml, USERS } from './test-org.js';
import type { Logger, Policy } from './types.js';

const EXAMPLE = fileURLToPath(new URL('../../../config/policy.yaml', import.meta.url));

async function unresolved(lines: string[]): Promise<PolicyError> {
  const error = await resolveYaml(lines).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof PolicyError) return error;
  throw new Error(`expected a PolicyError, got ${String(error)}`);
}

class MemoryLogger implements Logger {
  readonly lines: Array<{ level: string; fields: object; msg: string }> = [];
  debug(fields: object, msg: string) {
    this.lines.push({ level: 'debug', fields, msg });
  }
  info(fields: object, msg: string) {
    this.lines.push({ level: 'info', fields, msg });
  }
  warn(fields: object, msg: string) {
    this.lines.push({ level: 'warn', fields, msg });
  }
  error(fields: object, msg: string) {
    this.lines.push({ level: 'error', fields, msg });
  }
}

describe('resolvePolicy', () => {
  it('resolves the repository example against the demo org names', async () => {
    const policy = parsePolicy(await readFile(EXAMPLE, 'utf8'), EXAMPLE);
    const resolved = await resolvePolicy(policy, EXAMPLE, org());

    expect(resolved.includedUserIds).toEqual(new Set(['u-larry']));
    expect(resolved.compiled.rules.map((rule) => rule.name)).toEqual([
      'sales-emea',
      'support',
      'legal-hold',
    ]);
  });

  it('lists every unknown user and group with rule, key, value and line', async () => {
    const error = await unresolved([
      'version: 1',
      'leavers:',
      '  include: [nobody@example.com]',
      'rules:',
      '  - name: sales',
      '    when:',
      '      group: [Sales Voicemail, Sales Team]',
      '      manager: boss@example.com',
      '    forward_to:',
      '      - group: Sales Voicemial',
      '  - name: support',
      '    when: { user: ghost@example.com }',
      '    forward_to: [manager]',
      'fallback:',
      '  - user: opslead@example.com',
    ]);

    expect(error.code).toBe('policy.unresolved');
    expect(error.issues).toEqual([
      {
        file: 'test.yaml',
        line: 3,
        column: 13,
        key: 'leavers.include[0]',
        value: 'nobody@example.com',
        message: 'no user has this id or email: "nobody@example.com"',
      },
      expect.objectContaining({
        line: 7,
        column: 32,
        key: 'rules[0].when.group[1]',
        rule: 'sales',
      }),
      expect.objectContaining({
        line: 10,
        column: 16,
        key: 'rules[0].forward_to[0].group',
        rule: 'sales',
        value: 'Sales Voicemial',
        message: 'no group has this id or name: "Sales Voicemial"',
      }),
      expect.objectContaining({ line: 12, key: 'rules[1].when.user', rule: 'support' }),
      expect.objectContaining({ line: 15, key: 'fallback[0].user', value: 'opslead@example.com' }),
    ]);
    expect(error.message).toContain(
      'test.yaml:10:16: rules[0].forward_to[0].group: no group has this id or name: ' +
        '"Sales Voicemial" (rule "sales")',
    );
  });

  it('looks each distinct name up once', async () => {
    const resolver = org();
    await resolveYaml(
      [
        'version: 1',
        'rules:',
        '  - name: a',
        '    when: { manager: boss@example.com }',
        '    forward_to: [{ user: BOSS@example.com }, { group: g-sales }]',
        '  - name: b',
        '    forward_to: [{ user: boss@example.com }, { group: G-SALES }]',
      ],
      resolver,
    );

    expect(resolver.lookups).toBe(2);
  });

  it('warns about recipients that exist but are not active, and only about recipients', async () => {
    const logger = new MemoryLogger();
    const policy = parsePolicy(
      [
        'version: 1',
        'rules:',
        '  - name: a',
        '    when: { user: mid@example.com }',
        '    forward_to: [{ group: Old Team }]',
      ].join('\n'),
      'test.yaml',
    );
    await resolvePolicy(policy, 'test.yaml', org(), { logger });

    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toEqual([
      {
        level: 'warn',
        msg: 'policy names a recipient that is not active',
        fields: {
          file: 'test.yaml',
          key: 'rules[0].forward_to[0].group',
          rule: 'a',
          groupId: 'g-old',
          state: 'inactive',
        },
      },
    ]);
  });

  it('reports unresolved names without lines for a policy built in code', async () => {
    const policy: Policy = {
      version: 1,
      leavers: { states: ['inactive'], include: [], watchDays: 30 },
      messages: { unreadOnly: true, maxAgeDays: 0 },
      rules: [{ name: 'x', when: {}, forwardTo: [{ kind: 'user', ref: 'who@example.com' }] }],
      default: { forwardTo: [] },
      fallback: [],
    };
    const error = await resolvePolicy(policy, 'code', new InMemoryResolver({})).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues).toEqual([
      {
        file: 'code',
        key: 'rules[0].forward_to[0].user',
        rule: 'x',
        value: 'who@example.com',
        message: 'no user has this id or email: "who@example.com"',
      },
    ]);
  });
});

describe('isLeaver', () => {
  it('follows leavers.states and leavers.include', async () => {
    const resolved = await resolveYaml([
      'version: 1',
      'leavers: { states: [deleted], include: [larry@example.com] }',
      'rules: []',
    ]);
    const byEmail = (email: string) => USERS.find((user) => user.email === email);
    const verdict = (email: string) => {
      const person = byEmail(email);
      return person ? isLeaver(resolved, person) : 'missing';
    };

    expect(verdict('gone@example.com')).toBe(true);
    expect(verdict('mid@example.com')).toBe(false);
    expect(verdict('larry@example.com')).toBe(true);
    expect(verdict('boss@example.com')).toBe(false);
  });
});
