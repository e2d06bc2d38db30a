import type { ResolvedPolicy } from './resolve-policy.js';
import type { Person } from './types.js';

/**
 * True when the policy treats this user as a leaver: their state is one of `leavers.states`,
 * or they are listed in `leavers.include` (whatever their state).
 */
export function isLeaver(resolved: ResolvedPolicy, person: Person): boolean {
  if (resolved.includedUserIds.has(person.id)) return true;
  return person.state !== 'active' && resolved.policy.leavers.states.includes(person.state);
}
