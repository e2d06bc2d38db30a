/** pino-compatible logger; the package logs events with fields and never prints. */
export interface Logger {
  debug(fields: object, msg: string): void;
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

export interface GenesysOptions {
  clientId: string;
  clientSecret: string;
  /** Host name of the region: 'mypurecloud.ie', 'usw2.pure.cloud', ... */
  region?: string;
  /** Full base URL of the API (gateway, proxy, test server); overrides region. */
  apiUrl?: string;
  /**
   * Full base URL of the login service; defaults to apiUrl. The SDK's gateway setting covers
   * both, so it must share protocol, host and port with apiUrl (its path may differ).
   */
  loginUrl?: string;
  /** Pacing target per token, default 300. */
  requestsPerMinute?: number;
  /** Maximum requests in flight, default 8. */
  concurrency?: number;
  /** Per request, default 30000. */
  timeoutMs?: number;
  /** Per call, default 8. */
  maxAttempts?: number;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export type UserState = 'active' | 'inactive' | 'deleted';

export interface DirectoryUser {
  id: string;
  name: string;
  email?: string;
  state: UserState;
  department?: string;
  title?: string;
  division?: { id: string; name?: string };
  managerId?: string;
  groupIds: string[];
  locationNames: string[];
}

export interface Group {
  id: string;
  name: string;
  state: string;
}

export interface Mailbox {
  totalCount: number;
  unreadCount: number;
  oldestUnreadDate?: string;
  newestUnreadDate?: string;
}

export interface Voicemail {
  id: string;
  read: boolean;
  createdDate: string;
  callerName?: string;
  callerAddress?: string;
  durationSeconds?: number;
  deleted: boolean;
  ownerUserId?: string;
  ownerGroupId?: string;
  copiedTo: Array<{ userId?: string; groupId?: string; date?: string }>;
}

export type Recipient = { type: 'user'; id: string } | { type: 'group'; id: string };

export interface ClientStats {
  /** HTTP requests sent, retries and token requests included. */
  requests: number;
  /** Requests by route template, e.g. 'GET /api/v2/users/{id}' or 'POST /oauth/token'. */
  byKind: Record<string, number>;
  retries: number;
  rateLimited: number;
  serverErrors: number;
  peakInFlight: number;
  tokenRenewals: number;
}

export interface GenesysClient {
  /** Every user in that state, page by page, even past the 10,000-result listing ceiling. */
  listUsers(state: UserState, options?: { pageSize?: number }): AsyncGenerator<DirectoryUser[]>;
  /** Bulk lookup in any state, chunked; ids that do not exist are simply absent. */
  getUsers(ids: string[]): Promise<DirectoryUser[]>;
  /** One user in any state (deleted included); undefined when Genesys has no such user. */
  getUser(id: string): Promise<DirectoryUser | undefined>;
  /** Users in any state whose email equals one of these (case-insensitive), batched. */
  findUsersByEmail(emails: string[]): Promise<DirectoryUser[]>;
  getGroup(id: string): Promise<Group | undefined>;
  /** Groups whose name equals one of these (case-insensitive), batched. */
  findGroupsByName(names: string[]): Promise<Group[]>;
  getMailbox(userId: string): Promise<Mailbox>;
  /** The user's voicemails page by page, following the server's paging (default pageSize 100). */
  listVoicemails(userId: string, options?: { pageSize?: number }): AsyncGenerator<Voicemail[]>;
  getVoicemail(id: string): Promise<Voicemail | undefined>;
  /**
   * Copies a message. Never retried after the server may have acted: a timeout, network error
   * after sending, or 5xx rejects with kind 'ambiguous' so the caller settles it by reading
   * copiedTo. A 429 (not acted) is retried as usual.
   */
  copyVoicemail(messageId: string, to: Recipient): Promise<Voicemail>;
  stats(): ClientStats;
  /** Stops timers and pending waits; the process must be able to exit. */
  close(): void;
}
