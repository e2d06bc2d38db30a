import type { LeaverView } from './leaver-view.js';
import { compilePatterns } from './pattern.js';
import type { LeaverProfile, RecipientSpec, Rule, WhenKey } from './types.js';

/** One `when` key of a rule, ready to test without allocating. */
export interface Condition {
  key: WhenKey;
  matches(view: LeaverView): boolean;
  /** Why it matched or not, for RuleMatch.reasons and explain. */
  describe(view: LeaverView): string;
}

export interface CompiledRule {
  name: string;
  forwardTo: RecipientSpec[];
  conditions: Condition[];
}

/** Ids that the user, manager and group references of one rule resolved to. */
export type ResolvedIds = (key: 'user' | 'manager' | 'group') => ReadonlySet<string>;

type TextKey = 'email' | 'department' | 'title';

/** Turns a rule's `when` into conditions: patterns compiled once, names already turned to ids. */
export function compileRule(rule: Rule, ids: ResolvedIds): CompiledRule {
  const conditions: Condition[] = [];
  const { when } = rule;
  if (when.user) conditions.push(idCondition('user', when.user, ids('user'), (l) => [l.id]));
  for (const key of ['email', 'department', 'title'] as const) {
    const patterns = when[key];
    if (patterns) conditions.push(textCondition(key, patterns));
  }
  if (when.division) conditions.push(divisionCondition(when.division));
  if (when.group)
    conditions.push(idCondition('group', when.group, ids('group'), (l) => l.groupIds));
  if (when.location) conditions.push(locationCondition(when.location));
  if (when.manager) {
    const read = (leaver: LeaverProfile) => (leaver.managerId ? [leaver.managerId] : []);
    conditions.push(idCondition('manager', when.manager, ids('manager'), read));
  }
  return { name: rule.name, forwardTo: rule.forwardTo, conditions };
}

function shown(patterns: readonly string[]): string {
  return patterns.map((pattern) => JSON.stringify(pattern)).join(' or ');
}

function verdict(matched: boolean): string {
  return matched ? 'matches' : 'does not match';
}

function textCondition(key: TextKey, patterns: string[]): Condition {
  const set = compilePatterns(patterns);
  const matches = (view: LeaverView): boolean => {
    const value = view[key];
    return value !== undefined && set.test(value);
  };
  return {
    key,
    matches,
    describe: (view) => {
      const value = view.leaver[key];
      const actual = value === undefined ? 'none' : JSON.stringify(value);
      return `${key} ${actual} ${verdict(matches(view))} ${shown(patterns)}`;
    },
  };
}

function divisionCondition(patterns: string[]): Condition {
  const set = compilePatterns(patterns);
  const matches = (view: LeaverView): boolean =>
    (view.divisionId !== undefined && set.test(view.divisionId)) ||
    (view.divisionName !== undefined && set.test(view.divisionName));
  return {
    key: 'division',
    matches,
    describe: (view) => {
      const division = view.leaver.division;
      const actual = division ? JSON.stringify(division.name ?? division.id) : 'none';
      return `division ${actual} ${verdict(matches(view))} ${shown(patterns)}`;
    },
  };
}

function locationCondition(patterns: string[]): Condition {
  const set = compilePatterns(patterns);
  const matches = (view: LeaverView): boolean => {
    for (const name of view.locations) if (set.test(name)) return true;
    return false;
  };
  return {
    key: 'location',
    matches,
    describe: (view) => {
      const names = view.leaver.locationNames;
      const actual = names.length ? names.map((name) => JSON.stringify(name)).join(', ') : 'none';
      return `location ${actual} ${verdict(matches(view))} ${shown(patterns)}`;
    },
  };
}

const ID_SUBJECTS = { user: 'user is', manager: 'direct manager is', group: 'member of group' };

function idCondition(
  key: 'user' | 'manager' | 'group',
  refs: string[],
  ids: ReadonlySet<string>,
  read: (leaver: LeaverProfile) => readonly string[],
): Condition {
  const matches = (view: LeaverView): boolean => {
    for (const id of read(view.leaver)) if (ids.has(id)) return true;
    return false;
  };
  return {
    key,
    matches,
    describe: (view) => {
      const subject = `${ID_SUBJECTS[key]} ${shown(refs)}`;
      return matches(view) ? `${subject}: yes` : `${subject}: no`;
    },
  };
}
