import type { OrgState } from './org-state.js';
import type { SimGroup, SimUser, SimVoicemail } from './types.js';

/** Which optional parts of a user Genesys adds on `expand`. */
export interface UserExpansion {
  groups: boolean;
  locations: boolean;
}

const BYTES_PER_SECOND = 8000;

export const userUri = (id: string): string => `/api/v2/users/${id}`;
export const groupUri = (id: string): string => `/api/v2/groups/${id}`;
export const voicemailUri = (id: string): string => `/api/v2/voicemail/messages/${id}`;

/** Parses Genesys' comma-joined (or repeated) `expand` values. */
export function parseExpansion(values: readonly string[]): UserExpansion {
  const names = new Set(values.flatMap((value) => value.split(',')).map((name) => name.trim()));
  return { groups: names.has('groups'), locations: names.has('locations') };
}

/** A user as Genesys' `User` JSON. */
export function userJson(org: OrgState, user: SimUser, expand: UserExpansion): object {
  const division = org.division(user.divisionId);
  const json: Record<string, unknown> = {
    id: user.id,
    name: user.name,
    email: user.email,
    state: user.state,
    division: {
      id: division.id,
      name: division.name,
      selfUri: `/api/v2/authorization/divisions/${division.id}`,
    },
  };
  if (user.department !== undefined) json.department = user.department;
  if (user.title !== undefined) json.title = user.title;
  if (user.managerId !== undefined) {
    json.manager = { id: user.managerId, selfUri: userUri(user.managerId) };
  }
  if (expand.groups) {
    json.groups = (user.groupIds ?? []).map((id) => ({ id, selfUri: groupUri(id) }));
  }
  if (expand.locations) {
    json.locations = (user.locationIds ?? []).map((id) => ({
      id,
      locationDefinition: {
        id,
        name: org.location(id)?.name ?? '',
        selfUri: `/api/v2/locations/${id}`,
      },
    }));
  }
  json.selfUri = userUri(user.id);
  return json;
}

/** A group as Genesys' `Group` JSON. */
export function groupJson(org: OrgState, group: SimGroup): object {
  return {
    id: group.id,
    name: group.name,
    state: group.state ?? 'active',
    memberCount: org.groupMemberCount(group.id),
    type: 'official',
    selfUri: groupUri(group.id),
  };
}

function ownerRefs(ref: { userId?: string; groupId?: string }): Record<string, object> {
  const json: Record<string, object> = {};
  if (ref.userId !== undefined) json.user = { id: ref.userId, selfUri: userUri(ref.userId) };
  if (ref.groupId !== undefined) json.group = { id: ref.groupId, selfUri: groupUri(ref.groupId) };
  return json;
}

export function audioSizeBytes(message: SimVoicemail): number {
  return (message.durationSeconds ?? 0) * BYTES_PER_SECOND;
}

/** A message as Genesys' `VoicemailMessage` JSON. */
export function voicemailJson(message: SimVoicemail): object {
  const json: Record<string, unknown> = {
    id: message.id,
    read: message.read,
    createdDate: message.createdDate,
  };
  if (message.callerName !== undefined) json.callerName = message.callerName;
  if (message.callerAddress !== undefined) json.callerAddress = message.callerAddress;
  if (message.durationSeconds !== undefined) {
    json.audioRecordingDurationSeconds = message.durationSeconds;
  }
  json.audioRecordingSizeBytes = audioSizeBytes(message);
  json.deleted = message.deleted ?? false;
  Object.assign(json, ownerRefs({ userId: message.ownerUserId, groupId: message.ownerGroupId }));
  if (message.copiedFrom) {
    json.copiedFrom = { ...ownerRefs(message.copiedFrom), date: message.copiedFrom.date };
  }
  if (message.copiedTo) {
    json.copiedTo = message.copiedTo.map((entry) => ({ ...ownerRefs(entry), date: entry.date }));
  }
  json.selfUri = voicemailUri(message.id);
  return json;
}

/** Genesys' `VoicemailMailboxInfo` over non-deleted messages (already newest first). */
export function mailboxJson(messages: readonly SimVoicemail[]): object {
  const json: Record<string, unknown> = { totalCount: messages.length, unreadCount: 0 };
  let unread = 0;
  let usage = 0;
  for (const message of messages) {
    usage += audioSizeBytes(message);
    const prefix = message.read ? 'Read' : 'Unread';
    if (!message.read) unread++;
    json[`newest${prefix}Date`] ??= message.createdDate;
    json[`oldest${prefix}Date`] = message.createdDate;
  }
  json.unreadCount = unread;
  json.usageSizeBytes = usage;
  return json;
}
