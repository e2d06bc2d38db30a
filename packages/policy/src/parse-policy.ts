import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { PolicyError, type PolicyIssue } from './policy-error.js';
import { policyFileSchema } from './schema.js';
import { formatPath, type PathSegment, SourceMap } from './source-map.js';
import type { Policy } from './types.js';

// resolvePolicy needs the lines of names it cannot resolve; the Policy type stays plain data,
// so the positions travel beside it, keyed by the object parsePolicy returned.
const sourceMaps = new WeakMap<Policy, SourceMap>();

/** The source map of a policy returned by parsePolicy, or undefined for one built in code. */
export function sourceMapOf(policy: Policy): SourceMap | undefined {
  return sourceMaps.get(policy);
}

/**
 * Parses and validates the text of a policy file and applies the defaults.
 * Throws PolicyError `policy.syntax` for YAML errors, else `policy.invalid` for every schema
 * problem at once (unknown keys, wrong types, bad version, duplicate or reserved rule names),
 * each issue naming `file`, line, column and key.
 */
export function parsePolicy(text: string, file: string): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });

  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error): PolicyIssue => {
      const at = error.linePos?.[0];
      return {
        file,
        ...(at ? { line: at.line, column: at.col } : {}),
        message: firstLine(error.message),
      };
    });
    throw new PolicyError('policy.syntax', issues);
  }

  const map = new SourceMap(doc, lineCounter);
  const raw: unknown = doc.toJS();
  const result = policyFileSchema.safeParse(raw ?? {});
  const where = { file, raw, map };
  const issues = result.success ? [] : result.error.issues.flatMap((i) => toIssues(i, where));
  issues.push(...checkRuleNames(raw, map, file));

  if (!result.success || issues.length > 0) {
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new PolicyError('policy.invalid', issues);
  }
  sourceMaps.set(result.data, map);
  return result.data;
}

/** yaml's pretty messages end in " at line L, column C:" and a code excerpt; keep the sentence. */
function firstLine(message: string): string {
  const head = message.split('\n')[0] ?? message;
  return head.replace(/ at line \d+, column \d+:?$/, '');
}

/** The file being validated: its name, its plain data and where each part of it sits. */
interface Source {
  file: string;
  raw: unknown;
  map: SourceMap;
}

function toIssues(issue: z.core.$ZodIssue, source: Source): PolicyIssue[] {
  const { raw } = source;
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');

  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      return located(keyPath, source, unknownKeyMessage(key, valueAt(raw, path)), true);
    });
  }

  const present = valueAt(raw, path) !== undefined;
  const message = present ? cleanMessage(issue.message) : 'required key is missing';
  return [located(path, source, message, !present)];
}

function located(
  path: PathSegment[],
  { file, raw, map }: Source,
  message: string,
  atKey: boolean,
): PolicyIssue {
  const { line, column } = map.locate(path, { atKey });
  const issue: PolicyIssue = { file, line, column, message };
  if (path.length > 0) issue.key = formatPath(path);
  const rule = ruleNameAt(raw, path);
  if (rule !== undefined) issue.rule = rule;
  const value = map.scalarAt(path);
  if (value !== undefined && !atKey) issue.value = value;
  return issue;
}

function cleanMessage(message: string): string {
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}

const KNOWN_KEYS = [
  'version',
  'leavers',
  'messages',
  'rules',
  'default',
  'fallback',
  'states',
  'include',
  'watch_days',
  'unread_only',
  'max_age_days',
  'name',
  'when',
  'forward_to',
  'user',
  'email',
  'department',
  'division',
  'title',
  'group',
  'location',
  'manager',
];

/** Names the unknown key and, for a near miss such as `forwad_to`, the key that was meant. */
function unknownKeyMessage(key: string, parent: unknown): string {
  const siblings = new Set(
    parent && typeof parent === 'object' ? Object.keys(parent as Record<string, unknown>) : [],
  );
  const guess = KNOWN_KEYS.filter((known) => !siblings.has(known))
    .map((known) => ({ known, distance: editDistance(key.toLowerCase(), known) }))
    .filter((candidate) => candidate.distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0];
  return guess ? `unknown key "${key}" (did you mean "${guess.known}"?)` : `unknown key "${key}"`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Rule names are how reports and logs refer to rules, so they must be unique and not 'default'. */
function checkRuleNames(raw: unknown, map: SourceMap, file: string): PolicyIssue[] {
  const rules = valueAt(raw, ['rules']);
  if (!Array.isArray(rules)) return [];
  const issues: PolicyIssue[] = [];
  const firstSeen = new Map<string, number>();

  rules.forEach((rule: unknown, index) => {
    const name = valueAt(rule, ['name']);
    if (typeof name !== 'string' || name.trim() === '') return;
    const path = ['rules', index, 'name'];
    const { line, column } = map.locate(path);
    const base = { file, line, column, key: formatPath(path), rule: name.trim(), value: name };

    if (name.trim().toLowerCase() === 'default') {
      issues.push({ ...base, message: '"default" is reserved for the default section' });
      return;
    }
    const earlier = firstSeen.get(name.trim().toLowerCase());
    if (earlier === undefined) {
      firstSeen.set(name.trim().toLowerCase(), index);
      return;
    }
    const first = map.locate(['rules', earlier, 'name']);
    issues.push({
      ...base,
      message: `duplicate rule name, first used at line ${first.line} (rules[${earlier}])`,
    });
  });
  return issues;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function ruleNameAt(raw: unknown, path: readonly PathSegment[]): string | undefined {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return undefined;
  const name = valueAt(raw, ['rules', path[1], 'name']);
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
}
