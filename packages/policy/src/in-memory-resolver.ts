import type { GroupInfo, Person, PolicyResolver } from './types.js';

/**
 * A PolicyResolver over fixed lists, for tests, benchmarks and dry runs. Users are found by id
 * or email and groups by id or name, all case-insensitively, as in Genesys.
 */
export class InMemoryResolver implements PolicyResolver {
  /** Number of lookups answered so far, to check that callers do not repeat them. */
  lookups = 0;
  private readonly users = new Map<string, Person>();
  private readonly groups = new Map<string, GroupInfo>();

  constructor(data: { users?: readonly Person[]; groups?: readonly GroupInfo[] }) {
    for (const user of data.users ?? []) {
      this.users.set(user.id.toLowerCase(), user);
      if (user.email) this.users.set(user.email.toLowerCase(), user);
    }
    for (const group of data.groups ?? []) {
      this.groups.set(group.id.toLowerCase(), group);
      this.groups.set(group.name.toLowerCase(), group);
    }
  }

  async user(idOrEmail: string): Promise<Person | undefined> {
    this.lookups++;
    return this.users.get(idOrEmail.toLowerCase());
  }

  async group(idOrName: string): Promise<GroupInfo | undefined> {
    this.lookups++;
    return this.groups.get(idOrName.toLowerCase());
  }
}
