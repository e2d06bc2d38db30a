import { type CompiledRule, compileRule } from './compile-rules.js';
import { sourceMapOf } from './parse-policy.js';
import { PolicyError, type PolicyIssue } from './policy-error.js';
import type { PathSegment, SourceMap } from './source-map.js';
import { formatPath } from './source-map.js';
import type { GroupInfo, Logger, Person, Policy, PolicyResolver, RecipientSpec } from './types.js';

/** A policy whose names are resolved to Genesys ids and whose rules are compiled for matching. */
export interface ResolvedPolicy {
  policy: Policy;
  file: string;
  /** Ids of the users listed in `leavers.include`. */
  includedUserIds: ReadonlySet<string>;
  /** Rules in file order, compiled for matching; `fallthrough` is the default section. */
  readonly compiled: { rules: readonly CompiledRule[]; fallthrough: CompiledRule };
  /** Id each user or group name of the policy resolved to, keyed by recipientKey(). */
  readonly recipientIds: ReadonlyMap<string, string>;
}

/** Key under which a user/group recipient reference is remembered; names are case-insensitive. */
export function recipientKey(kind: 'user' | 'group', ref: string): string {
  return `${kind}:${ref.toLowerCase()}`;
}

interface Reference {
  kind: 'user' | 'group';
  ref: string;
  path: PathSegment[];
  rule?: string;
  /** Recipients are warned about when inactive; a `when.user` naming a leaver is normal. */
  recipient: boolean;
}

/**
 * Resolves every user and group the policy names (leavers.include, `when` user/manager/group,
 * every recipient) through `resolver`, one lookup per distinct name, and compiles the rules.
 * Throws PolicyError 'policy.unresolved' listing every name that matches no user or group,
 * each with its rule, key, value and line. Names that exist but are not active are accepted
 * (the fallback handles them at delivery time) and logged as a warning. Errors thrown by the
 * resolver itself (for example the API being down) propagate unchanged.
 */
export async function resolvePolicy(
  policy: Policy,
  file: string,
  resolver: PolicyResolver,
  options: { logger?: Logger } = {},
): Promise<ResolvedPolicy> {
  const map = sourceMapOf(policy);
  const references = collectReferences(policy, map);
  const found = await lookUp(references, resolver);

  const issues: PolicyIssue[] = [];
  for (const reference of references) {
    const target = found.get(recipientKey(reference.kind, reference.ref));
    if (target) {
      if (reference.recipient && target.state !== 'active') {
        warnInactive(options.logger, reference, target, file);
      }
      continue;
    }
    issues.push(unresolvedIssue(reference, file, map));
  }
  if (issues.length > 0) throw new PolicyError('policy.unresolved', issues);

  const idOf = (kind: 'user' | 'group', ref: string): string | undefined =>
    found.get(recipientKey(kind, ref))?.id;
  const idsOf = (kind: 'user' | 'group', refs: readonly string[] | undefined): Set<string> =>
    new Set((refs ?? []).map((ref) => idOf(kind, ref)).filter((id) => id !== undefined));

  const rules = policy.rules.map((rule) =>
    compileRule(rule, (key) => idsOf(key === 'group' ? 'group' : 'user', rule.when[key])),
  );
  const fallthrough = { name: 'default', forwardTo: policy.default.forwardTo, conditions: [] };

  const recipientIds = new Map<string, string>();
  for (const reference of references) {
    const id = idOf(reference.kind, reference.ref);
    if (id !== undefined) recipientIds.set(recipientKey(reference.kind, reference.ref), id);
  }
  options.logger?.debug(
    { file, rules: policy.rules.length, names: found.size },
    'policy names resolved',
  );
  return {
    policy,
    file,
    includedUserIds: idsOf('user', policy.leavers.include),
    compiled: { rules, fallthrough },
    recipientIds,
  };
}

async function lookUp(
  references: readonly Reference[],
  resolver: PolicyResolver,
): Promise<Map<string, Person | GroupInfo>> {
  const distinct = new Map<string, Reference>();
  for (const reference of references) {
    distinct.set(recipientKey(reference.kind, reference.ref), reference);
  }
  const found = new Map<string, Person | GroupInfo>();
  await Promise.all(
    [...distinct].map(async ([key, { kind, ref }]) => {
      const target = kind === 'user' ? await resolver.user(ref) : await resolver.group(ref);
      if (target) found.set(key, target);
    }),
  );
  return found;
}

function collectReferences(policy: Policy, map: SourceMap | undefined): Reference[] {
  const references: Reference[] = [];
  const addList = (
    kind: 'user' | 'group',
    refs: readonly string[] | undefined,
    base: PathSegment[],
    rule?: string,
  ) => {
    // A single value is written as a scalar, so its path has no index.
    const scalar = map ? map.scalarAt(base) !== undefined : refs?.length === 1;
    refs?.forEach((ref, index) => {
      const path = scalar ? base : [...base, index];
      references.push({ kind, ref, path, recipient: false, ...(rule ? { rule } : {}) });
    });
  };
  const addRecipients = (specs: readonly RecipientSpec[], base: PathSegment[], rule?: string) => {
    specs.forEach((spec, index) => {
      if (spec.kind === 'manager') return;
      const path = [...base, index, spec.kind];
      const { kind, ref } = spec;
      references.push({ kind, ref, path, recipient: true, ...(rule ? { rule } : {}) });
    });
  };

  addList('user', policy.leavers.include, ['leavers', 'include']);
  policy.rules.forEach((rule, index) => {
    const when: PathSegment[] = ['rules', index, 'when'];
    addList('user', rule.when.user, [...when, 'user'], rule.name);
    addList('user', rule.when.manager, [...when, 'manager'], rule.name);
    addList('group', rule.when.group, [...when, 'group'], rule.name);
    addRecipients(rule.forwardTo, ['rules', index, 'forward_to'], rule.name);
  });
  addRecipients(policy.default.forwardTo, ['default', 'forward_to'], 'default');
  addRecipients(policy.fallback, ['fallback']);
  return references;
}

function unresolvedIssue(
  reference: Reference,
  file: string,
  map: SourceMap | undefined,
): PolicyIssue {
  const what =
    reference.kind === 'user' ? 'no user has this id or email' : 'no group has this id or name';
  const issue: PolicyIssue = {
    file,
    key: formatPath(reference.path),
    value: reference.ref,
    message: `${what}: "${reference.ref}"`,
  };
  if (map) Object.assign(issue, map.locate(reference.path));
  if (reference.rule !== undefined) issue.rule = reference.rule;
  return issue;
}

function warnInactive(
  logger: Logger | undefined,
  reference: Reference,
  target: Person | GroupInfo,
  file: string,
): void {
  logger?.warn(
    {
      file,
      key: formatPath(reference.path),
      rule: reference.rule,
      [reference.kind === 'user' ? 'userId' : 'groupId']: target.id,
      state: target.state,
    },
    'policy names a recipient that is not active',
  );
}
