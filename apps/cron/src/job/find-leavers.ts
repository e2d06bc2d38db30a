import type { DirectoryUser, GenesysClient } from '@handover/genesys';
import type { ResolvedPolicy } from '@handover/policy';
import type { Store } from '@handover/store';
import type { Logger } from '../logger.js';
import type { Directory } from './directory.js';

export interface Leaver {
  user: DirectoryUser;
  /** new: first seen in a leaver state; watched: inside its watch window; included: listed. */
  reason: 'new' | 'watched' | 'included';
}

export interface FindScope {
  genesys: GenesysClient;
  store: Store;
  directory: Directory;
  policy: ResolvedPolicy;
  logger: Logger;
}

/**
 * The users whose mailbox this run looks at: users in a leaver state not seen before, known
 * leavers still inside their watch window (late voicemails), and the users the policy includes.
 * The directory listing is read page by page; only the chosen users are kept.
 */
export async function findLeavers(scope: FindScope): Promise<Leaver[]> {
  const { leavers: settings } = scope.policy.policy;
  const known = scope.store.knownLeaverIds();
  const watched = new Set(scope.store.watchedLeavers().map((leaver) => leaver.userId));
  const found = new Map<string, Leaver>();

  for (const state of settings.states) {
    for await (const page of scope.genesys.listUsers(state)) {
      for (const user of page) {
        if (found.has(user.id)) continue;
        if (!known.has(user.id)) found.set(user.id, { user, reason: 'new' });
        else if (watched.has(user.id)) found.set(user.id, { user, reason: 'watched' });
      }
    }
  }

  for (const ref of settings.include) {
    const user = await scope.directory.directoryUser(ref);
    if (user && !found.has(user.id)) found.set(user.id, { user, reason: 'included' });
  }

  // A watched leaver missing from the listings changed state since: deleted users still count,
  // users who are active again (and not included) are no longer leavers.
  const unseen = [...watched].filter((id) => !found.has(id));
  if (unseen.length > 0) {
    for (const user of await scope.genesys.getUsers(unseen)) {
      if (user.state === 'active') {
        scope.logger.info({ leaverId: user.id }, 'watched leaver is active again; not scanned');
        continue;
      }
      found.set(user.id, { user, reason: 'watched' });
    }
  }

  scope.directory.remember([...found.values()].map((leaver) => leaver.user));
  return [...found.values()];
}
