import type { OrgSeed, Simulator } from '@handover/genesys-sim';
import { expectedRecipients } from './org.js';

/**
 * For every voicemail of the seed, which recipients the simulator says received a copy
 * (from the source message's `copiedTo`), sorted. Duplicates stay visible as repeated ids.
 */
export function copiesBySource(sim: Simulator, org: OrgSeed): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const seed of org.voicemails) {
    const message = sim.voicemail(seed.id);
    const recipients = (message?.copiedTo ?? []).map((copy) => copy.userId ?? copy.groupId ?? '?');
    result.set(seed.id, recipients.sort());
  }
  return result;
}

/** The copies `testPolicy` must produce for the test org: unread messages only, once each. */
export function expectedCopies(org: OrgSeed): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const seed of org.voicemails) {
    const owner = seed.ownerUserId ?? '';
    const recipients = seed.read ? [] : (expectedRecipients[owner] ?? []);
    result.set(seed.id, [...recipients].sort());
  }
  return result;
}

export function totalCopies(copies: Map<string, string[]>): number {
  let total = 0;
  for (const recipients of copies.values()) total += recipients.length;
  return total;
}

/**
 * Copies found in the recipients' own mailboxes, traced back to their source by creation date
 * (unique per message in the test org). Unlike `copiesBySource`, it does not rely on `copiedTo`.
 */
export function copiesInMailboxes(sim: Simulator, org: OrgSeed): Map<string, string[]> {
  const sourceByDate = new Map(org.voicemails.map((seed) => [seed.createdDate, seed.id]));
  const result = new Map<string, string[]>(org.voicemails.map((seed) => [seed.id, []]));
  const owners = [
    ...org.users.map((user) => ({ id: user.id, messages: sim.mailbox(user.id) })),
    ...org.groups.map((group) => ({ id: group.id, messages: sim.groupMailbox(group.id) })),
  ];
  for (const { id, messages } of owners) {
    for (const message of messages) {
      if (!message.copiedFrom) continue;
      const source = sourceByDate.get(message.createdDate);
      if (source) result.get(source)?.push(id);
    }
  }
  for (const recipients of result.values()) recipients.sort();
  return result;
}
