import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse-policy.js';
import { PolicyError } from './policy-error.js';

const EXAMPLE = fileURLToPath(new URL('../../../config/policy.yaml', import.meta.url));

function policyError(text: string): PolicyError {
  try {
    parsePolicy(text, 'policy.yaml');
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected parsePolicy to throw');
}

describe('parsePolicy', () => {
  it('reads the repository example with every section', async () => {
    const policy = parsePolicy(await readFile(EXAMPLE, 'utf8'), EXAMPLE);

    expect(policy.leavers).toEqual({
      states: ['inactive'],
      include: ['larry@example.com'],
      watchDays: 30,
    });
    expect(policy.messages).toEqual({ unreadOnly: true, maxAgeDays: 0 });
    expect(policy.rules.map((rule) => rule.name)).toEqual(['sales-emea', 'support', 'legal-hold']);
    expect(policy.rules[0]).toEqual({
      name: 'sales-emea',
      when: { department: ['Sales'], division: ['EMEA'] },
      forwardTo: [{ kind: 'group', ref: 'Sales Voicemail' }],
    });
    expect(policy.rules[1]?.forwardTo).toEqual([
      { kind: 'manager' },
      { kind: 'group', ref: 'Support Archive' },
    ]);
    expect(policy.rules[2]?.when).toEqual({ title: ['*Counsel*'] });
    expect(policy.rules[2]?.forwardTo).toEqual([]);
    expect(policy.default.forwardTo).toEqual([{ kind: 'manager' }]);
    expect(policy.fallback).toEqual([{ kind: 'user', ref: 'ops-lead@example.com' }]);
  });

  it('applies the defaults of every absent section and key', () => {
    const policy = parsePolicy('version: 1\nrules: []\nleavers:\nmessages: {}\n', 'p.yaml');

    expect(policy).toEqual({
      version: 1,
      leavers: { states: ['inactive'], include: [], watchDays: 30 },
      messages: { unreadOnly: true, maxAgeDays: 0 },
      rules: [],
      default: { forwardTo: [{ kind: 'manager' }] },
      fallback: [],
    });
  });

  it('keeps explicit values, lists in when, and a rule without when', () => {
    const policy = parsePolicy(
      [
        'version: 1',
        'leavers: { states: [inactive, deleted], watch_days: 7 }',
        'messages: { unread_only: false, max_age_days: 90 }',
        'rules:',
        '  - name: everyone',
        '    forward_to: [{ user: a@example.com }, { group: G }]',
        '  - name: lists',
        '    when: { location: [Paris, "Lon*"], email: "*@x.com" }',
        '    forward_to: [manager]',
        'default: { forward_to: [] }',
      ].join('\n'),
      'p.yaml',
    );

    expect(policy.leavers).toEqual({ states: ['inactive', 'deleted'], include: [], watchDays: 7 });
    expect(policy.messages).toEqual({ unreadOnly: false, maxAgeDays: 90 });
    expect(policy.rules[0]?.when).toEqual({});
    expect(policy.rules[1]?.when).toEqual({ location: ['Paris', 'Lon*'], email: ['*@x.com'] });
    expect(policy.default.forwardTo).toEqual([]);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const error = policyError('version: 1\nrules:\n  - name: a\n    forward_to: [manager\n');

    expect(error.code).toBe('policy.syntax');
    expect(error.issues[0]).toMatchObject({ file: 'policy.yaml', line: 5 });
    expect(error.message).toMatch(/^policy file is not valid YAML/);
    expect(error.message).toContain('policy.yaml:5:');
  });

  it('reports a duplicate YAML key as a syntax error on its line', () => {
    const error = policyError('version: 1\nrules: []\nrules: []\n');

    expect(error.code).toBe('policy.syntax');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ line: 3, column: 1 });
    expect(error.issues[0]?.message).toMatch(/unique/);
  });

  it('names an unknown key with its line, column and path, and suggests the real one', () => {
    const error = policyError(
      'version: 1\nrules:\n  - name: a\n    when: { department: Sales }\n    forwad_to: [manager]\n',
    );

    expect(error.code).toBe('policy.invalid');
    expect(error.issues).toContainEqual(
      expect.objectContaining({
        file: 'policy.yaml',
        line: 5,
        column: 5,
        key: 'rules[0].forwad_to',
        rule: 'a',
        message: 'unknown key "forwad_to" (did you mean "forward_to"?)',
      }),
    );
    // forward_to itself is then missing: reported on the rule, not silently defaulted.
    expect(error.issues).toContainEqual(
      expect.objectContaining({
        line: 3,
        key: 'rules[0].forward_to',
        message: 'required key is missing',
      }),
    );
    expect(error.message).toContain(
      'policy.yaml:5:5: rules[0].forwad_to: unknown key "forwad_to" (did you mean "forward_to"?)',
    );
  });

  it('rejects unknown when keys and recipient kinds', () => {
    const error = policyError(
      [
        'version: 1',
        'rules:',
        '  - name: a',
        '    when:',
        '      departement: Sales',
        '    forward_to:',
        '      - grop: Sales Voicemail',
        '      - boss',
      ].join('\n'),
    );

    expect(error.issues.map((issue) => [issue.line, issue.key])).toEqual([
      [5, 'rules[0].when.departement'],
      [7, 'rules[0].forward_to[0].grop'],
      [8, 'rules[0].forward_to[1]'],
    ]);
    expect(error.issues[2]?.message).toBe(
      'expected "manager", "user: <id or email>" or "group: <id or name>"',
    );
    expect(error.issues[2]?.value).toBe('boss');
  });

  it('reports wrong types at the value, with key and value', () => {
    const error = policyError(
      [
        'version: 1',
        'leavers:',
        '  states: [inactive, retired]',
        '  watch_days: soon',
        'messages:',
        '  unread_only: maybe',
        'rules:',
        '  - name: a',
        '    when: { department: 42 }',
        '    forward_to: manager',
      ].join('\n'),
    );

    expect(error.code).toBe('policy.invalid');
    expect(error.issues.map((issue) => [issue.line, issue.column, issue.key])).toEqual([
      [3, 22, 'leavers.states[1]'],
      [4, 15, 'leavers.watch_days'],
      [6, 16, 'messages.unread_only'],
      [9, 25, 'rules[0].when.department'],
      [10, 17, 'rules[0].forward_to'],
    ]);
    expect(error.issues[0]).toMatchObject({
      value: 'retired',
      message: 'expected inactive or deleted',
    });
    expect(error.issues[3]?.message).toBe('expected a department pattern or a list of them');
    expect(error.issues[4]?.message).toBe(
      'expected a list of recipients (write [] to forward nothing)',
    );
  });

  it('rejects a version other than 1 and a missing version and rules', () => {
    const bad = policyError('version: 2\nrules: []\n');
    expect(bad.issues).toEqual([
      expect.objectContaining({
        line: 1,
        column: 10,
        key: 'version',
        message: 'version must be 1',
      }),
    ]);

    const empty = policyError('');
    expect(empty.code).toBe('policy.invalid');
    expect(empty.issues.map((issue) => [issue.key, issue.message])).toEqual([
      ['version', 'required key is missing'],
      ['rules', 'required key is missing'],
    ]);
  });

  it('reports a duplicate rule name with both lines, and the reserved name default', () => {
    const error = policyError(
      [
        'version: 1',
        'rules:',
        '  - name: sales',
        '    forward_to: [manager]',
        '  - name: Default',
        '    forward_to: [manager]',
        '  - name: sales',
        '    forward_to: []',
      ].join('\n'),
    );

    expect(error.issues).toEqual([
      expect.objectContaining({ line: 5, key: 'rules[1].name', rule: 'Default' }),
      expect.objectContaining({
        line: 7,
        column: 11,
        key: 'rules[2].name',
        rule: 'sales',
        message: 'duplicate rule name, first used at line 3 (rules[0])',
      }),
    ]);
    expect(error.issues[0]?.message).toMatch(/reserved/);
  });

  it('collects every problem of the file in one error', () => {
    const error = policyError(
      [
        'version: 1',
        'colour: blue',
        'rules:',
        '  - when: { title: "" }',
        '    forward_to: [{ user: "*@x.com" }]',
        'fallback: [{ user: a, group: b }]',
      ].join('\n'),
    );

    expect(error.issues.map((issue) => [issue.line, issue.key])).toEqual([
      [2, 'colour'],
      [4, 'rules[0].name'],
      [4, 'rules[0].when.title'],
      [5, 'rules[0].forward_to[0].user'],
      [6, 'fallback[0]'],
    ]);
    expect(error.message.split('\n')).toHaveLength(6);
  });

  it('refuses wildcards where an exact user or group is needed', () => {
    const error = policyError(
      'version: 1\nrules:\n  - name: a\n    when: { group: "Sales*" }\n    forward_to: []\n',
    );

    expect(error.issues).toEqual([
      expect.objectContaining({
        line: 4,
        key: 'rules[0].when.group',
        message: 'the * wildcard is not supported here; give a group id or name exactly',
      }),
    ]);
  });
});
