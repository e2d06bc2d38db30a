import type { DirectoryUser, GenesysClient, Group } from '@handover/genesys';
import type { GroupInfo, Person, PolicyResolver } from '@handover/policy';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The policy's view of the Genesys directory, with every answer cached for the run: a leaver's
 * manager is usually shared with other leavers, and each request counts against the rate limit.
 */
export class Directory implements PolicyResolver {
  readonly #genesys: GenesysClient;
  readonly #users = new Map<string, Promise<DirectoryUser | undefined>>();
  readonly #emails = new Map<string, Promise<DirectoryUser | undefined>>();
  readonly #groups = new Map<string, Promise<Group | undefined>>();

  constructor(genesys: GenesysClient) {
    this.#genesys = genesys;
  }

  /** Seeds the cache with users that a listing already returned. */
  remember(users: Iterable<DirectoryUser>): void {
    for (const user of users) {
      this.#users.set(user.id, Promise.resolve(user));
      if (user.email) this.#emails.set(user.email.toLowerCase(), Promise.resolve(user));
    }
  }

  /**
   * Fetches, in bulk, the managers of these users up the chain as far as `levels`, so that the
   * policy's chain walk finds them in the cache instead of costing one request each.
   */
  async prefetchManagers(users: Iterable<DirectoryUser>, levels = 5): Promise<void> {
    let wave = [...users];
    for (let level = 0; level < levels && wave.length > 0; level++) {
      const missing = new Set<string>();
      for (const user of wave) {
        if (user.managerId && !this.#users.has(user.managerId)) missing.add(user.managerId);
      }
      if (missing.size === 0) return;
      const found = await this.#genesys.getUsers([...missing]);
      this.remember(found);
      for (const id of missing) {
        if (!this.#users.has(id)) this.#users.set(id, Promise.resolve(undefined));
      }
      wave = found.filter((user) => user.state !== 'active');
    }
  }

  async user(idOrEmail: string): Promise<Person | undefined> {
    const found = await this.directoryUser(idOrEmail);
    return found && toPerson(found);
  }

  /** The full directory entry (groups, locations, division) for a user id or email. */
  directoryUser(idOrEmail: string): Promise<DirectoryUser | undefined> {
    if (idOrEmail.includes('@')) {
      const email = idOrEmail.toLowerCase();
      let pending = this.#emails.get(email);
      if (!pending) {
        pending = this.#genesys.findUsersByEmail([email]).then((users) => {
          const match = users.find((u) => u.email?.toLowerCase() === email);
          if (match) this.remember([match]);
          return match;
        });
        this.#emails.set(email, pending);
      }
      return pending;
    }
    let pending = this.#users.get(idOrEmail);
    if (!pending) {
      pending = this.#genesys.getUser(idOrEmail);
      this.#users.set(idOrEmail, pending);
    }
    return pending;
  }

  async group(idOrName: string): Promise<GroupInfo | undefined> {
    const key = idOrName.toLowerCase();
    let pending = this.#groups.get(key);
    if (!pending) {
      pending = uuidPattern.test(idOrName)
        ? this.#genesys.getGroup(idOrName)
        : this.#genesys
            .findGroupsByName([idOrName])
            .then((groups) => groups.find((g) => g.name.toLowerCase() === key));
      this.#groups.set(key, pending);
    }
    const group = await pending;
    return group && { id: group.id, name: group.name, state: group.state };
  }
}

function toPerson(user: DirectoryUser): Person {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    state: user.state,
    managerId: user.managerId,
  };
}
