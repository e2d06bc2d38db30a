import type { DirectoryUser, Group, Mailbox, UserState, Voicemail } from './types.js';
import type { WireGroup, WireMailbox, WireUser, WireVoicemail } from './wire-types.js';

const userStates: ReadonlySet<string> = new Set(['active', 'inactive', 'deleted']);

/** Maps a Genesys user; undefined when it has no id (nothing could be done with it). */
export function toDirectoryUser(wire: WireUser): DirectoryUser | undefined {
  if (wire.id === undefined) return undefined;
  // An unknown state is treated as active: the safe reading for a job that acts on leavers.
  const state = (
    wire.state !== undefined && userStates.has(wire.state) ? wire.state : 'active'
  ) as UserState;
  const user: DirectoryUser = {
    id: wire.id,
    name: wire.name ?? '',
    state,
    groupIds: (wire.groups ?? []).flatMap((group) => (group.id === undefined ? [] : [group.id])),
    locationNames: (wire.locations ?? []).flatMap((location) => {
      const name = location.locationDefinition?.name;
      return name === undefined ? [] : [name];
    }),
  };
  if (wire.email !== undefined) user.email = wire.email;
  if (wire.department !== undefined) user.department = wire.department;
  if (wire.title !== undefined) user.title = wire.title;
  if (wire.division?.id !== undefined) {
    user.division =
      wire.division.name === undefined
        ? { id: wire.division.id }
        : { id: wire.division.id, name: wire.division.name };
  }
  if (wire.manager?.id !== undefined) user.managerId = wire.manager.id;
  return user;
}

export function toGroup(wire: WireGroup): Group | undefined {
  if (wire.id === undefined) return undefined;
  return { id: wire.id, name: wire.name ?? '', state: wire.state ?? 'active' };
}

export function toMailbox(wire: WireMailbox): Mailbox {
  const mailbox: Mailbox = { totalCount: wire.totalCount ?? 0, unreadCount: wire.unreadCount ?? 0 };
  if (wire.oldestUnreadDate !== undefined) mailbox.oldestUnreadDate = wire.oldestUnreadDate;
  if (wire.newestUnreadDate !== undefined) mailbox.newestUnreadDate = wire.newestUnreadDate;
  return mailbox;
}

export function toVoicemail(wire: WireVoicemail): Voicemail | undefined {
  if (wire.id === undefined) return undefined;
  const voicemail: Voicemail = {
    id: wire.id,
    read: wire.read === true,
    createdDate: wire.createdDate ?? '',
    deleted: wire.deleted === true,
    copiedTo: (wire.copiedTo ?? []).map((record) => {
      const copy: { userId?: string; groupId?: string; date?: string } = {};
      if (record.user?.id !== undefined) copy.userId = record.user.id;
      if (record.group?.id !== undefined) copy.groupId = record.group.id;
      if (record.date !== undefined) copy.date = record.date;
      return copy;
    }),
  };
  if (wire.callerName !== undefined) voicemail.callerName = wire.callerName;
  if (wire.callerAddress !== undefined) voicemail.callerAddress = wire.callerAddress;
  if (wire.audioRecordingDurationSeconds !== undefined) {
    voicemail.durationSeconds = wire.audioRecordingDurationSeconds;
  }
  if (wire.user?.id !== undefined) voicemail.ownerUserId = wire.user.id;
  if (wire.group?.id !== undefined) voicemail.ownerGroupId = wire.group.id;
  return voicemail;
}

/** Maps every item, dropping the ones the mapper rejects. */
export function mapAll<W, D>(items: W[] | undefined, map: (wire: W) => D | undefined): D[] {
  const result: D[] = [];
  for (const item of items ?? []) {
    const mapped = map(item);
    if (mapped !== undefined) result.push(mapped);
  }
  return result;
}
