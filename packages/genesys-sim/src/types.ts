/** Genesys user states; `deleted` users only appear when asked for explicitly. */
export type UserState = 'active' | 'inactive' | 'deleted';

export interface SimUser {
  id: string;
  name: string;
  email: string;
  state: UserState;
  department?: string;
  title?: string;
  divisionId?: string;
  managerId?: string;
  groupIds?: string[];
  locationIds?: string[];
}

export interface SimGroup {
  id: string;
  name: string;
  state?: 'active' | 'inactive' | 'deleted';
}

export interface SimDivision {
  id: string;
  name: string;
}

export interface SimLocation {
  id: string;
  name: string;
}

/** A voicemail owned by exactly one user or one group. */
export interface SimVoicemail {
  id: string;
  ownerUserId?: string;
  ownerGroupId?: string;
  read: boolean;
  /** ISO 8601 timestamp. */
  createdDate: string;
  callerName?: string;
  callerAddress?: string;
  durationSeconds?: number;
  deleted?: boolean;
  copiedFrom?: { userId?: string; groupId?: string; date: string };
  copiedTo?: Array<{ userId?: string; groupId?: string; date: string }>;
}

/** An OAuth client; `permissions` defaults to all permissions. */
export interface SimClient {
  clientId: string;
  clientSecret: string;
  permissions?: string[];
}

export interface OrgSeed {
  users: SimUser[];
  groups: SimGroup[];
  divisions: SimDivision[];
  locations: SimLocation[];
  voicemails: SimVoicemail[];
  clients: SimClient[];
}

/** pino-compatible logger; the simulator never prints. */
export interface Logger {
  debug(fields: object, msg: string): void;
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

export interface SimulatorOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Added before every /api/v2 answer; default 0. */
  latencyMs?: number;
  /** Per-token limit; default Infinity (off). Exceeding it answers 429 with Retry-After. */
  requestsPerMinute?: number;
  /** Token-bucket capacity in seconds of rate; default 1. */
  burstSeconds?: number;
  /** Default 86400. */
  tokenLifetimeSeconds?: number;
  /** 0..1 share of /api/v2 requests answered 503 without acting. */
  serverErrorShare?: number;
  /** 0..1 share of copies that are performed, then answered badly. */
  ambiguousCopyShare?: number;
  /**
   * 'error': 503/504 ErrorBody; 'hang': no answer until the client gives up (the socket stays
   * open and is closed on close()).
   */
  ambiguousCopyMode?: 'error' | 'hang';
  /** Copying to an inactive/deleted user or group; default 'reject' (400). */
  inactiveRecipients?: 'reject' | 'accept';
  /**
   * Whether a copy is recorded on the source message's `copiedTo`; default true. Genesys does not
   * document that it always is, so clients must stay safe when it is not.
   */
  recordCopiedTo?: boolean;
  /** Voicemail listing of a deleted user; default 'messages'. */
  deletedUserMailbox?: 'empty' | 'not-found' | 'messages';
  /** Default 10000: user listings and searches refuse pages reaching beyond it with 400. */
  listingCap?: number;
  maxPageSize?: { users?: number; search?: number; voicemail?: number };
  /** Fault dice; default a seeded PRNG. */
  random?: () => number;
  /** Wall clock in epoch milliseconds, for token expiry, rate limit and copy dates; default Date.now. */
  now?: () => number;
  logger?: Logger;
}

export interface SimStats {
  total: number;
  /** Counts by route template, e.g. 'GET /api/v2/users/{id}'. */
  byRoute: Record<string, number>;
  rateLimited: number;
  serverErrors: number;
  ambiguousCopies: number;
  copies: number;
  tokensIssued: number;
  peakInFlight: number;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:43121 (login and API on one origin). */
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): SimStats;
  resetStats(): void;
  /** Changes faults and limits at run time; rate-limit buckets restart full. */
  configure(options: Partial<SimulatorOptions>): void;
  /** Non-deleted messages owned by the user, newest first. */
  mailbox(userId: string): SimVoicemail[];
  groupMailbox(groupId: string): SimVoicemail[];
  voicemail(id: string): SimVoicemail | undefined;
  user(id: string): SimUser | undefined;
  setUserState(id: string, state: UserState): void;
  /** Adds a late voicemail, e.g. one arriving during a run. */
  addVoicemail(message: SimVoicemail): void;
}
