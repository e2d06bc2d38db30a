import type {
  OrgSeed,
  SimDivision,
  SimGroup,
  SimLocation,
  SimUser,
  SimVoicemail,
  UserState,
} from './types.js';

export type StateFilter = UserState | 'any';

interface EmailEntry {
  email: string;
  user: SimUser;
}

/** Where a voicemail lives: a user's or a group's mailbox. */
export type MailboxOwner = { userId: string } | { groupId: string };

const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Dates are kept in one canonical ISO form so that mailboxes can be ordered by plain string
 * comparison: parsing dates inside sort comparators was the slowest part of loading 900k messages.
 */
function canonicalDate(value: string): string {
  if (CANONICAL_ISO.test(value)) return value;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new RangeError(`Invalid voicemail date: ${value}`);
  return parsed.toISOString();
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Newest first; ties broken by id so listings stay stable. */
function newestFirst(a: SimVoicemail, b: SimVoicemail): number {
  if (a.createdDate !== b.createdDate) return a.createdDate > b.createdDate ? -1 : 1;
  return byId(a, b);
}

function ownerKey(owner: MailboxOwner): string {
  return 'userId' in owner ? `u:${owner.userId}` : `g:${owner.groupId}`;
}

function messageOwnerKey(message: SimVoicemail): string | undefined {
  if (message.ownerUserId !== undefined) return `u:${message.ownerUserId}`;
  if (message.ownerGroupId !== undefined) return `g:${message.ownerGroupId}`;
  return undefined;
}

/**
 * The simulator's in-memory org with the indexes that keep listings cheap: users sorted by id per
 * state, users sorted by email per state (for STARTS_WITH searches), and messages by owner,
 * newest first. Seed objects are copied, never mutated.
 */
export class OrgState {
  private readonly users = new Map<string, SimUser>();
  private readonly groups = new Map<string, SimGroup>();
  private readonly divisions = new Map<string, SimDivision>();
  private readonly locations = new Map<string, SimLocation>();
  private readonly messages = new Map<string, SimVoicemail>();
  private readonly mailboxes = new Map<string, SimVoicemail[]>();
  private readonly groupMembers = new Map<string, number>();
  private readonly sortedUsers: SimUser[];
  private readonly byState = new Map<StateFilter, SimUser[]>();
  private readonly byEmail = new Map<StateFilter, EmailEntry[]>();
  /** Bumped whenever a user's state changes, so derived caches know they are stale. */
  private usersVersion = 0;
  readonly defaultDivision: SimDivision;

  constructor(seed: OrgSeed) {
    for (const division of seed.divisions) this.divisions.set(division.id, { ...division });
    for (const location of seed.locations) this.locations.set(location.id, { ...location });
    for (const group of seed.groups) this.groups.set(group.id, { ...group });
    for (const user of seed.users) {
      this.users.set(user.id, { ...user });
      for (const groupId of user.groupIds ?? []) {
        this.groupMembers.set(groupId, (this.groupMembers.get(groupId) ?? 0) + 1);
      }
    }
    this.sortedUsers = [...this.users.values()].sort(byId);
    this.defaultDivision = seed.divisions[0] ?? { id: 'home', name: 'Home' };

    for (const message of seed.voicemails) this.indexMessage(this.copyOf(message));
    for (const mailbox of this.mailboxes.values()) mailbox.sort(newestFirst);
  }

  get version(): number {
    return this.usersVersion;
  }

  user(id: string): SimUser | undefined {
    return this.users.get(id);
  }

  group(id: string): SimGroup | undefined {
    return this.groups.get(id);
  }

  allGroups(): SimGroup[] {
    return [...this.groups.values()].sort(byId);
  }

  division(id: string | undefined): SimDivision {
    return (id === undefined ? undefined : this.divisions.get(id)) ?? this.defaultDivision;
  }

  location(id: string): SimLocation | undefined {
    return this.locations.get(id);
  }

  groupMemberCount(groupId: string): number {
    return this.groupMembers.get(groupId) ?? 0;
  }

  /** Users in `state`, ordered by id. The array is shared: callers must not mutate it. */
  usersIn(state: StateFilter): readonly SimUser[] {
    if (state === 'any') return this.sortedUsers;
    let list = this.byState.get(state);
    if (!list) {
      list = this.sortedUsers.filter((user) => user.state === state);
      this.byState.set(state, list);
    }
    return list;
  }

  /** Users in `state` whose lower-cased email starts with `prefix` (already lower-cased). */
  usersByEmailPrefix(state: StateFilter, prefix: string): SimUser[] {
    const entries = this.emailIndex(state);
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = entries[middle];
      if (entry !== undefined && entry.email < prefix) low = middle + 1;
      else high = middle;
    }
    const found: SimUser[] = [];
    for (let index = low; index < entries.length; index++) {
      const entry = entries[index];
      if (entry === undefined || !entry.email.startsWith(prefix)) break;
      found.push(entry.user);
    }
    return found;
  }

  setUserState(id: string, state: UserState): void {
    const user = this.users.get(id);
    if (!user) throw new RangeError(`Unknown simulated user: ${id}`);
    if (user.state === state) return;
    user.state = state;
    this.usersVersion++;
    this.byState.clear();
    this.byEmail.clear();
  }

  message(id: string): SimVoicemail | undefined {
    return this.messages.get(id);
  }

  /** Non-deleted messages of the owner, newest first. The array is shared: do not mutate. */
  mailbox(owner: MailboxOwner): readonly SimVoicemail[] {
    return this.mailboxes.get(ownerKey(owner)) ?? [];
  }

  addVoicemail(message: SimVoicemail): void {
    if (this.messages.has(message.id)) {
      throw new RangeError(`Duplicate simulated voicemail id: ${message.id}`);
    }
    const copy = this.copyOf(message);
    this.messages.set(copy.id, copy);
    const key = messageOwnerKey(copy);
    if (key === undefined || copy.deleted) return;
    const mailbox = this.mailboxes.get(key) ?? [];
    this.mailboxes.set(key, mailbox);
    mailbox.splice(this.insertionIndex(mailbox, copy), 0, copy);
  }

  /**
   * Copies `source` into the recipient's mailbox as a new unread message that keeps the caller,
   * date and duration, and records the copy on the source's `copiedTo`.
   */
  copyVoicemail(source: SimVoicemail, to: MailboxOwner, newId: string, date: string): SimVoicemail {
    const copy: SimVoicemail = {
      id: newId,
      read: false,
      createdDate: source.createdDate,
      copiedFrom: { userId: source.ownerUserId, groupId: source.ownerGroupId, date },
    };
    if ('userId' in to) copy.ownerUserId = to.userId;
    else copy.ownerGroupId = to.groupId;
    if (source.callerName !== undefined) copy.callerName = source.callerName;
    if (source.callerAddress !== undefined) copy.callerAddress = source.callerAddress;
    if (source.durationSeconds !== undefined) copy.durationSeconds = source.durationSeconds;
    this.addVoicemail(copy);

    // Copy-on-write: the array may still be shared with the caller's seed.
    source.copiedTo = [...(source.copiedTo ?? []), { ...to, date }];
    return copy;
  }

  private copyOf(message: SimVoicemail): SimVoicemail {
    return { ...message, createdDate: canonicalDate(message.createdDate) };
  }

  private indexMessage(message: SimVoicemail): void {
    if (this.messages.has(message.id)) {
      throw new RangeError(`Duplicate simulated voicemail id: ${message.id}`);
    }
    this.messages.set(message.id, message);
    const key = messageOwnerKey(message);
    if (key === undefined || message.deleted) return;
    const mailbox = this.mailboxes.get(key);
    if (mailbox) mailbox.push(message);
    else this.mailboxes.set(key, [message]);
  }

  private insertionIndex(mailbox: SimVoicemail[], message: SimVoicemail): number {
    let low = 0;
    let high = mailbox.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = mailbox[middle];
      if (other !== undefined && newestFirst(other, message) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private emailIndex(state: StateFilter): EmailEntry[] {
    let entries = this.byEmail.get(state);
    if (!entries) {
      entries = this.usersIn(state).map((user) => ({ email: user.email.toLowerCase(), user }));
      entries.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
      this.byEmail.set(state, entries);
    }
    return entries;
  }
}
