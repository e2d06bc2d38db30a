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

/**
 * The simulator's in-memory org with the indexes that keep listings cheap: users sorted by id per
 * state, users sorted by email per state (for STARTS_WITH searches), and messages by owner,
 * newest first. Seed objects are never mutated.
 */
export class OrgState {
  private readonly users = new Map<string, SimUser>();
  private readonly groups = new Map<string, SimGroup>();
  private readonly divisions = new Map<string, SimDivision>();
  private readonly locations = new Map<string, SimLocation>();
  private readonly messages = new Map<string, SimVoicemail>();
  private readonly userMailboxes = new Map<string, SimVoicemail[]>();
  private readonly groupMailboxes = new Map<string, SimVoicemail[]>();
  private readonly groupMembers = new Map<string, number>();
  /** copiedTo entries recorded by the simulator, kept apart so seed objects stay untouched. */
  private readonly copiedTo = new Map<
    string,
    Array<{ userId?: string; groupId?: string; date: string }>
  >();
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

    // Seed messages are indexed as they are (no per-message copy: a 900k-message org would pay
    // seconds and hundreds of MB for it); the only later change, copiedTo, goes to an overlay.
    for (const message of seed.voicemails) this.indexMessage(this.canonical(message));
    for (const mailbox of this.userMailboxes.values()) mailbox.sort(newestFirst);
    for (const mailbox of this.groupMailboxes.values()) mailbox.sort(newestFirst);
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
    const mailboxes = 'userId' in owner ? this.userMailboxes : this.groupMailboxes;
    return mailboxes.get('userId' in owner ? owner.userId : owner.groupId) ?? [];
  }

  addVoicemail(message: SimVoicemail): void {
    if (this.messages.has(message.id)) {
      throw new RangeError(`Duplicate simulated voicemail id: ${message.id}`);
    }
    const copy = { ...message, createdDate: canonicalDate(message.createdDate) };
    this.messages.set(copy.id, copy);
    const mailbox = this.mailboxOf(copy);
    mailbox?.splice(this.insertionIndex(mailbox, copy), 0, copy);
  }

  /**
   * Copies `source` into the recipient's mailbox as a new unread message that keeps the caller,
   * date and duration, and (unless `recordCopiedTo` is false) records it on the source's `copiedTo`.
   */
  copyVoicemail(
    source: SimVoicemail,
    to: MailboxOwner,
    newId: string,
    date: string,
    recordCopiedTo = true,
  ): SimVoicemail {
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
    if (!recordCopiedTo) return copy;

    const recorded = this.copiedTo.get(source.id);
    if (recorded) recorded.push({ ...to, date });
    else this.copiedTo.set(source.id, [{ ...to, date }]);
    return copy;
  }

  /**
   * The message as the API shows it now: with the copies recorded since the start. Returns a
   * fresh object whenever it differs from the stored one; callers must not mutate the result.
   */
  view(message: SimVoicemail): SimVoicemail {
    const recorded = this.copiedTo.get(message.id);
    if (!recorded) return message;
    return { ...message, copiedTo: [...(message.copiedTo ?? []), ...recorded] };
  }

  private canonical(message: SimVoicemail): SimVoicemail {
    if (CANONICAL_ISO.test(message.createdDate)) return message;
    return { ...message, createdDate: canonicalDate(message.createdDate) };
  }

  private indexMessage(message: SimVoicemail): void {
    const before = this.messages.size;
    this.messages.set(message.id, message);
    if (this.messages.size === before) {
      throw new RangeError(`Duplicate simulated voicemail id: ${message.id}`);
    }
    this.mailboxOf(message)?.push(message);
  }

  /** The (created on demand) mailbox array a non-deleted message belongs in. */
  private mailboxOf(message: SimVoicemail): SimVoicemail[] | undefined {
    if (message.deleted) return undefined;
    const [mailboxes, owner] =
      message.ownerUserId !== undefined
        ? [this.userMailboxes, message.ownerUserId]
        : [this.groupMailboxes, message.ownerGroupId];
    if (owner === undefined) return undefined;
    let mailbox = mailboxes.get(owner);
    if (!mailbox) {
      mailbox = [];
      mailboxes.set(owner, mailbox);
    }
    return mailbox;
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
