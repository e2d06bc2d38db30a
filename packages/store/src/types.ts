export type RunMode = 'live' | 'dry-run';
export type RunTrigger = 'scheduled' | 'manual';

/**
 * succeeded: nothing failed; partial: some forwards failed, were deferred or had no recipient;
 * failed: the run broke off with an error; abandoned: a 'running' run found dead by a later run.
 */
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'abandoned';

/** What happened to a message (and recipient) in a run: the report's `outcome` column. */
export const OUTCOMES = [
  'forwarded',
  'planned',
  'retained',
  'skipped_read',
  'skipped_old',
  'no_recipient',
  'failed',
  'deferred',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

export interface RunCounts {
  leavers: number;
  forwarded: number;
  planned: number;
  retained: number;
  skipped: number;
  noRecipient: number;
  failed: number;
  deferred: number;
}

export interface RunRecord {
  id: string;
  mode: RunMode;
  trigger: RunTrigger;
  startedAt: Date;
  finishedAt?: Date;
  status: RunStatus;
  counts: RunCounts;
  policySha256: string;
  version: string;
  reportPath?: string;
  reportSha256?: string;
  prevReportSha256?: string;
  error?: string;
  scheduledFor?: Date;
}

export interface LeaverRecord {
  userId: string;
  name: string;
  email?: string;
  state: string;
  firstSeen: Date;
  lastChecked: Date;
  watchUntil: Date;
}

export interface ForwardKey {
  messageId: string;
  recipientType: 'user' | 'group';
  recipientId: string;
}

export interface ForwardPair extends ForwardKey {
  leaverId: string;
  rule: string;
}

/** A copy a run intends to make, with what its report row needs about leaver and message. */
export interface PlannedForward extends ForwardPair {
  recipientName: string;
  leaverName: string;
  leaverEmail: string;
  leaverState: string;
  messageCreated: string;
  callerName: string;
  callerAddress: string;
  durationSeconds: number | null;
}

export type ForwardStatus = 'pending' | 'forwarded' | 'failed';

/** One row of a run's CSV report; times are ISO 8601 UTC strings, '' when absent. */
export interface ReportItem {
  runId: string;
  runMode: RunMode;
  leaverId: string;
  leaverName: string;
  leaverEmail: string;
  leaverState: string;
  rule: string;
  recipientType: '' | 'user' | 'group';
  recipientId: string;
  recipientName: string;
  messageId: string;
  messageCreated: string;
  callerName: string;
  callerAddress: string;
  durationSeconds: number | null;
  outcome: Outcome;
  detail: string;
  forwardedAt: string;
}

export interface RunLock {
  readonly holder: string;
  /** Proves the holder is alive; throws StoreError 'store.lock_lost' if the lock was taken over. */
  heartbeat(): void;
  /** Gives the lock up; harmless when called twice or after a takeover. */
  release(): void;
}

/** Who asks for the lock; pid and host default to this process. */
export interface LockHolderInput {
  runId?: string;
  pid?: number;
  host?: string;
}

/** Scrypt cost parameters stored with each portal password hash. */
export interface PortalPasswordParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** A portal account as listed; never carries the password hash. */
export interface PortalUser {
  name: string;
  createdAt: Date;
}

/** A portal account with what is needed to check its password. */
export interface PortalCredentials extends PortalUser {
  passwordHash: string;
  salt: string;
  params: PortalPasswordParams;
}

export interface PortalSession {
  /** SHA-256 of the cookie token, hex; the token itself is never stored. */
  id: string;
  userName: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface PortalDownload {
  userName: string;
  runId: string;
  at: Date;
  ip?: string;
}
