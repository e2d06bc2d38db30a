import { type ResolvedPolicy, recipientKey } from './resolve-policy.js';
import type {
  LeaverProfile,
  PolicyResolver,
  RecipientSpec,
  Resolution,
  ResolvedRecipient,
  RuleMatch,
} from './types.js';

/** How far up the management chain `manager` looks for someone active. */
export const MAX_MANAGER_LEVELS = 5;

type Attempt =
  | { ok: true; recipient: ResolvedRecipient; step: string }
  | { ok: false; failure: string; step: string };

/**
 * Turns the matched rule's recipients into concrete users and groups that can receive now.
 * `manager` walks up from the leaver's manager past inactive, deleted or unknown people (at
 * most MAX_MANAGER_LEVELS, stopping at a cycle); users and groups must exist and be active,
 * and the leaver never receives their own messages. Every entry that cannot receive is
 * replaced once by the policy's fallback list, whose entries never fall back again.
 * Recipients are unique by (type, id). Outcome: 'retained' for `forward_to: []`, else
 * 'forward' with at least one recipient, else 'no_recipient'.
 */
export async function resolveRecipients(
  resolved: ResolvedPolicy,
  leaver: LeaverProfile,
  match: RuleMatch,
  resolver: PolicyResolver,
): Promise<Resolution> {
  const steps: string[] = [];
  if (match.forwardTo.length === 0) {
    steps.push(`rule "${match.rule}" forwards nothing: the messages are retained`);
    return { rule: match.rule, outcome: 'retained', recipients: [], steps };
  }

  const recipients: ResolvedRecipient[] = [];
  const add = (recipient: ResolvedRecipient): void => {
    const duplicate = recipients.find((r) => r.type === recipient.type && r.id === recipient.id);
    if (duplicate) {
      steps.push(`${label(recipient)} already receives a copy (${duplicate.via}); not added twice`);
    } else {
      recipients.push(recipient);
    }
  };

  steps.push(`rule "${match.rule}" forwards to ${match.forwardTo.map(describeSpec).join(', ')}`);
  const failures: string[] = [];
  for (const spec of match.forwardTo) {
    const attempt = await attemptSpec(resolved, leaver, spec, resolver);
    steps.push(attempt.step);
    if (attempt.ok) add(attempt.recipient);
    else failures.push(attempt.failure);
  }

  if (failures.length > 0) await applyFallback(resolved, leaver, resolver, failures, steps, add);

  const outcome = recipients.length > 0 ? 'forward' : 'no_recipient';
  steps.push(
    outcome === 'forward'
      ? `forward to ${recipients.map(label).join(', ')}`
      : 'no recipient can receive: reported as no_recipient and retried next run',
  );
  return { rule: match.rule, outcome, recipients, steps };
}

async function applyFallback(
  resolved: ResolvedPolicy,
  leaver: LeaverProfile,
  resolver: PolicyResolver,
  failures: readonly string[],
  steps: string[],
  add: (recipient: ResolvedRecipient) => void,
): Promise<void> {
  const replaced = failures.join(', ');
  const { fallback } = resolved.policy;
  if (fallback.length === 0) {
    steps.push(`no fallback is configured to replace ${replaced}`);
    return;
  }
  steps.push(`fallback replaces ${replaced}`);
  for (const spec of fallback) {
    const attempt = await attemptSpec(resolved, leaver, spec, resolver);
    steps.push(`fallback: ${attempt.step}`);
    if (attempt.ok) add({ ...attempt.recipient, via: `fallback for ${replaced}` });
  }
}

function attemptSpec(
  resolved: ResolvedPolicy,
  leaver: LeaverProfile,
  spec: RecipientSpec,
  resolver: PolicyResolver,
): Promise<Attempt> {
  if (spec.kind === 'manager') return walkManagers(leaver, resolver);
  return spec.kind === 'user'
    ? attemptUser(resolved, leaver, spec.ref, resolver)
    : attemptGroup(resolved, spec.ref, resolver);
}

async function attemptUser(
  resolved: ResolvedPolicy,
  leaver: LeaverProfile,
  ref: string,
  resolver: PolicyResolver,
): Promise<Attempt> {
  // Look up by the id resolvePolicy found, so the state is current but the name is stable.
  const id = resolved.recipientIds.get(recipientKey('user', ref));
  const person = await resolver.user(id ?? ref);
  if (!person) return refused(`user ${ref}`, 'not found');
  if (person.id === leaver.id) return refused(`user ${ref}`, 'is the leaver');
  if (person.state !== 'active') return refused(`user ${ref}`, person.state);
  const recipient = { type: 'user', id: person.id, name: person.name, via: `user ${ref}` } as const;
  return { ok: true, recipient, step: `user ${ref} is ${person.name}, active` };
}

async function attemptGroup(
  resolved: ResolvedPolicy,
  ref: string,
  resolver: PolicyResolver,
): Promise<Attempt> {
  const id = resolved.recipientIds.get(recipientKey('group', ref));
  const group = await resolver.group(id ?? ref);
  if (!group) return refused(`group ${ref}`, 'not found');
  if (group.state !== 'active') return refused(`group ${ref}`, group.state);
  const recipient = { type: 'group', id: group.id, name: group.name, via: `group ${ref}` } as const;
  return { ok: true, recipient, step: `group ${ref} is ${group.name}, active` };
}

async function walkManagers(leaver: LeaverProfile, resolver: PolicyResolver): Promise<Attempt> {
  const passed: string[] = [];
  const seen = new Set([leaver.id]);
  let managerId = leaver.managerId;

  for (let level = 1; level <= MAX_MANAGER_LEVELS; level++) {
    if (managerId === undefined) {
      return refused('manager', level === 1 ? 'none set' : `chain ends after ${passed.join(', ')}`);
    }
    if (seen.has(managerId)) {
      const back = managerId === leaver.id ? 'the leaver' : managerId;
      return refused('manager', `cycle in the chain back to ${back}${after(passed)}`);
    }
    seen.add(managerId);

    const person = await resolver.user(managerId);
    if (!person) return refused('manager', `${managerId} not found${after(passed)}`);
    if (person.state === 'active') {
      const via = level === 1 ? 'manager' : `manager (${level} levels up: ${passed.join(', ')})`;
      const recipient = { type: 'user', id: person.id, name: person.name, via } as const;
      return { ok: true, recipient, step: `${via} is ${person.name}, active` };
    }
    passed.push(`${person.name} ${person.state}`);
    managerId = person.managerId;
  }
  return refused(
    'manager',
    `none active within ${MAX_MANAGER_LEVELS} levels: ${passed.join(', ')}`,
  );
}

function after(passed: readonly string[]): string {
  return passed.length > 0 ? ` after ${passed.join(', ')}` : '';
}

function refused(what: string, why: string): Attempt {
  const failure = `${what} (${why})`;
  return { ok: false, failure, step: `${failure} cannot receive` };
}

function describeSpec(spec: RecipientSpec): string {
  return spec.kind === 'manager' ? 'manager' : `${spec.kind} ${spec.ref}`;
}

function label(recipient: ResolvedRecipient): string {
  return `${recipient.type} ${recipient.name}`;
}
