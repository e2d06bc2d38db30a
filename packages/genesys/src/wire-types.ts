/**
 * The parts of Genesys' JSON this client reads. Written out here rather than taken from the SDK
 * typings because with extended responses on, the SDK's declared return types are not what its
 * calls resolve with, and because everything on the wire is optional in practice.
 */
export interface WireRef {
  id?: string;
  name?: string;
}

export interface WireUser {
  id?: string;
  name?: string;
  email?: string;
  state?: string;
  department?: string;
  title?: string;
  division?: WireRef;
  manager?: WireRef;
  groups?: WireRef[];
  locations?: Array<{ id?: string; locationDefinition?: WireRef }>;
}

export interface WireGroup {
  id?: string;
  name?: string;
  state?: string;
}

export interface WireCopyRecord {
  user?: WireRef;
  group?: WireRef;
  date?: string;
}

export interface WireVoicemail {
  id?: string;
  read?: boolean;
  createdDate?: string;
  callerName?: string;
  callerAddress?: string;
  audioRecordingDurationSeconds?: number;
  deleted?: boolean;
  user?: WireRef;
  group?: WireRef;
  copiedTo?: WireCopyRecord[];
}

export interface WireMailbox {
  totalCount?: number;
  unreadCount?: number;
  oldestUnreadDate?: string;
  newestUnreadDate?: string;
}

/** Listing shape shared by GET collections. */
export interface WireListing<T> {
  entities?: T[];
  pageSize?: number;
  pageNumber?: number;
  total?: number;
  pageCount?: number;
  nextUri?: string;
}

/** Shape of POST .../search answers. */
export interface WireSearchPage<T> {
  results?: T[];
  pageSize?: number;
  pageNumber?: number;
  total?: number;
  pageCount?: number;
  nextPage?: string;
}
