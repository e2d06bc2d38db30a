import { compilePatterns } from './pattern.js';
import type { LeaverProfile, RecipientSpec, Rule, WhenKey } from './types.js';

/** One `when` key of a rule, ready to test without allocating. */
export interface Condition {
  key: WhenKey;
  matches(leaver: LeaverProfile): boolean;
  /** Why it matched (or not), for RuleMatch.reasons and explain. */
  describe(leaver: LeaverProfile): string;
}

export interface CompiledRule {
  name: string;
  forwardTo: RecipientSpec[];
  conditions: Condition[];
}

/** Ids that user, manager and group references resolved to, per rule key. */
export type ResolvedIds = (rule: number, key: 'user' | 'manager' | 'group') => ReadonlySet<string>;

/** Turns each rule's `when` into conditions: wildcards become one RegExp per key, names ids. */
export function compileRule(rule: Rule, index: number, ids: ResolvedIds): CompiledRule {
  const conditions: Condition[] = [];
  const { when } = rule;
  if (when.user) conditions.push(idCondition('user', when.user, ids(index, 'user'), (l) => [l.id]));
  if (when.email) conditions.push(patternCondition('email', when.email, (l) => l.email));
  if (when.department) {
    conditions.push(patternCondition('department', when.department, (l) => l.department));
  }
  if (when.division) conditions.push(divisionCondition(when.division));
  if (when.title) conditions.push(patternCondition('title', when.title, (l) => l.title));
  if (when.group) {
    conditions.push(idCondition('group', when.group, ids(index, 'group'), (l) => l.groupIds));
  }
  if (when.location) conditions.push(locationCondition(when.location));
  if (when.manager) {
    const managerIds = ids(index, 'manager');
    conditions.push(
      idCondition('manager', when.manager, managerIds, (l) => (l.managerId ? [l.managerId] : [])),
    );
  }
  return { name: rule.name, forwardTo: rule.forwardTo, conditions };
}

function shown(patterns: readonly string[]): string {
  return patterns.map((pattern) => JSON.stringify(pattern)).join(' or ');
}

function patternCondition(
  key: WhenKey,
  patterns: string[],
  read: (leaver: LeaverProfile) => string | undefined,
): Condition {
  const regex = compilePatterns(patterns);
  return {
    key,
    matches: (leaver) => {
      const value = read(leaver);
      return value !== undefined && regex.test(value);
    },
    describe: (leaver) => {
      const value = read(leaver);
      const actual = value === undefined ? 'none' : JSON.stringify(value);
      const verdict = value !== undefined && regex.test(value) ? 'matches' : 'does not match';
      return `${key} ${actual} ${verdict} ${shown(patterns)}`;
    },
  };
}

function divisionCondition(patterns: string[]): Condition {
  const regex = compilePatterns(patterns);
  const matches = (leaver: LeaverProfile): boolean => {
    const division = leaver.division;
    if (!division) return false;
    return regex.test(division.id) || (division.name !== undefined && regex.test(division.name));
  };
  return {
    key: 'division',
    matches,
    describe: (leaver) => {
      const division = leaver.division;
      const actual = division ? JSON.stringify(division.name ?? division.id) : 'none';
      return `division ${actual} ${matches(leaver) ? 'matches' : 'does not match'} ${shown(patterns)}`;
    },
  };
}

function locationCondition(patterns: string[]): Condition {
  const regex = compilePatterns(patterns);
  const matches = (leaver: LeaverProfile): boolean => {
    for (const name of leaver.locationNames) if (regex.test(name)) return true;
    return false;
  };
  return {
    key: 'location',
    matches,
    describe: (leaver) => {
      const actual = leaver.locationNames.length
        ? leaver.locationNames.map((name) => JSON.stringify(name)).join(', ')
        : 'none';
      return `location ${actual} ${matches(leaver) ? 'matches' : 'does not match'} ${shown(patterns)}`;
    },
  };
}

function idCondition(
  key: 'user' | 'manager' | 'group',
  refs: string[],
  ids: ReadonlySet<string>,
  read: (leaver: LeaverProfile) => readonly string[],
): Condition {
  const matches = (leaver: LeaverProfile): boolean => {
    for (const id of read(leaver)) if (ids.has(id)) return true;
    return false;
  };
  const subject = { user: 'user', manager: 'direct manager', group: 'membership of' }[key];
  return {
    key,
    matches,
    describe: (leaver) =>
      matches(leaver)
        ? `${subject} ${shown(refs)} matches`
        : `${subject} ${shown(refs)} does not match`,
  };
}
