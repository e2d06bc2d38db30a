import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { StoreContext } from './context.js';
import { StoreError } from './errors.js';
import * as leavers from './leavers.js';
import * as ledger from './ledger.js';
import { acquireLock, DEFAULT_STALE_AFTER_MS } from './lock.js';
import { type Logger, silentLogger } from './logger.js';
import { applyMigrations } from './migrate.js';
import * as queue from './planned-forwards.js';
import * as portal from './portal.js';
import { isProcessAlive } from './process-alive.js';
import * as reports from './report-items.js';
import * as runs from './runs.js';
import * as schema from './schema.js';
import type {
  ForwardKey,
  ForwardPair,
  ForwardStatus,
  LeaverRecord,
  LockHolderInput,
  Outcome,
  PlannedForward,
  PortalCredentials,
  PortalDownload,
  PortalSession,
  PortalUser,
  ReportItem,
  RunLock,
  RunRecord,
} from './types.js';

// Long enough to ride out another process's batch commit, short enough to surface a wedged one.
const BUSY_TIMEOUT_MS = 5000;

export interface Store {
  readonly file: string;
  close(): void;
  acquireLock(holder: LockHolderInput, options?: { staleAfterMs?: number }): RunLock;
  startRun(input: runs.StartRunInput): RunRecord;
  finishRun(id: string, result: runs.FinishRunInput): RunRecord;
  abandonStaleRuns(): number;
  getRun(id: string): RunRecord | undefined;
  listRuns(options?: { limit?: number; offset?: number }): RunRecord[];
  countRuns(): number;
  chain(): RunRecord[];
  lastScheduledRun(): RunRecord | undefined;
  recordLeavers(leavers: leavers.LeaverInput[], watchDays: number): void;
  knownLeaverIds(): Set<string>;
  watchedLeavers(): LeaverRecord[];
  markPending(runId: string, pairs: ForwardPair[]): void;
  markForwarded(runId: string, keys: ForwardKey[], at: Date): void;
  markFailed(runId: string, keys: ForwardKey[], detail: string): void;
  pendingForwards(): ForwardPair[];
  lastForwarded(): ForwardKey | undefined;
  forwardStatus(messageIds: string[]): Map<string, ForwardStatus>;
  addReportItems(items: ReportItem[]): void;
  reportItems(runId: string): Iterable<ReportItem>;
  reportedMessageOutcomes(messageIds: string[]): Map<string, Outcome>;
  /** Queues planned copies for a run (duplicates ignored); returns how many were new. */
  addPlannedForwards(runId: string, planned: PlannedForward[]): number;
  /** The run's planned copies, oldest message first, paged from disk. */
  plannedForwards(runId: string): Iterable<PlannedForward>;
  countPlannedForwards(runId: string): number;
  clearPlannedForwards(): void;
  addPortalUser(input: portal.AddPortalUserInput): PortalUser;
  removePortalUser(name: string): boolean;
  listPortalUsers(): PortalUser[];
  portalCredentials(name: string): PortalCredentials | undefined;
  createPortalSession(session: PortalSession): void;
  portalSession(id: string): PortalSession | undefined;
  touchPortalSession(id: string, at: Date): void;
  deletePortalSession(id: string): void;
  deleteStalePortalSessions(now: Date, idleSince: Date): number;
  recordPortalDownload(download: PortalDownload): void;
  portalDownloads(runId: string, limit?: number): PortalDownload[];
  recordPortalLoginFailure(failure: { userName: string; ip: string; at: Date }): void;
  countPortalLoginFailures(query: { userName: string; ip: string; since: Date }): {
    byUser: number;
    byIp: number;
  };
  clearPortalLoginFailures(which: { userName: string } | { before: Date }): number;
}

export interface OpenStoreOptions {
  logger?: Logger;
  now?: () => Date;
  /** Four random hex digits per call, for run ids and lock tokens. */
  randomHex?: () => string;
  /** Probe for a lock holder's pid on this host; tests can stand in a dead process. */
  isProcessAlive?: (pid: number) => boolean;
  hostname?: string;
}

function openDatabase(file: string): Database.Database {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const sqlite = new Database(file);
    try {
      sqlite.pragma('journal_mode = WAL');
      // FULL, not NORMAL: a `pending` row lost to a power cut after its copy request went out
      // would let the next run copy the voicemail a second time.
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      return sqlite;
    } catch (error) {
      sqlite.close();
      throw error;
    }
  } catch (error) {
    throw new StoreError('store.open', `cannot open database ${file}: ${String(error)}`, {
      cause: error,
      context: { file },
    });
  }
}

/**
 * Opens (creating if needed, with its folder) the SQLite file with WAL, foreign keys and a busy
 * timeout, and applies the committed migrations. Throws StoreError 'store.open' naming the path
 * when it cannot be opened or written, 'store.too_new' for a database from a newer Handover,
 * 'store.migrate' when a migration fails.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  const path = resolve(file);
  const logger = options.logger ?? silentLogger;
  const sqlite = openDatabase(path);
  try {
    applyMigrations(sqlite, path, logger);
  } catch (error) {
    sqlite.close();
    throw error;
  }

  const statements = new Map<string, Database.Statement>();
  const ctx: StoreContext = {
    file: path,
    db: drizzle(sqlite, { schema }),
    sqlite,
    statement(sql) {
      let prepared = statements.get(sql);
      if (prepared === undefined) {
        prepared = sqlite.prepare(sql);
        statements.set(sql, prepared);
      }
      return prepared;
    },
    logger,
    now: options.now ?? (() => new Date()),
    randomHex: options.randomHex ?? (() => randomBytes(2).toString('hex')),
    isProcessAlive: options.isProcessAlive ?? isProcessAlive,
    hostname: options.hostname ?? hostname(),
    heldLockToken: undefined,
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
  };
  logger.debug({ file: path }, 'store.opened');

  return {
    file: path,
    close: () => sqlite.close(),
    acquireLock: (holder, lockOptions) => acquireLock(ctx, holder, lockOptions),
    startRun: (input) => runs.startRun(ctx, input),
    finishRun: (id, result) => runs.finishRun(ctx, id, result),
    abandonStaleRuns: () => runs.abandonStaleRuns(ctx, ctx.staleAfterMs),
    getRun: (id) => runs.getRun(ctx, id),
    listRuns: (listOptions) => runs.listRuns(ctx, listOptions),
    countRuns: () => runs.countRuns(ctx),
    chain: () => runs.chain(ctx),
    lastScheduledRun: () => runs.lastScheduledRun(ctx),
    recordLeavers: (input, watchDays) => leavers.recordLeavers(ctx, input, watchDays),
    knownLeaverIds: () => leavers.knownLeaverIds(ctx),
    watchedLeavers: () => leavers.watchedLeavers(ctx),
    markPending: (runId, pairs) => ledger.markPending(ctx, runId, pairs),
    markForwarded: (runId, keys, at) => ledger.markForwarded(ctx, runId, keys, at),
    markFailed: (runId, keys, detail) => ledger.markFailed(ctx, runId, keys, detail),
    pendingForwards: () => ledger.pendingForwards(ctx),
    lastForwarded: () => ledger.lastForwarded(ctx),
    forwardStatus: (messageIds) => ledger.forwardStatus(ctx, messageIds),
    addReportItems: (items) => reports.addReportItems(ctx, items),
    reportItems: (runId) => reports.readReportItems(ctx, runId),
    reportedMessageOutcomes: (messageIds) => reports.reportedMessageOutcomes(ctx, messageIds),
    addPlannedForwards: (runId, planned) => queue.addPlannedForwards(ctx, runId, planned),
    plannedForwards: (runId) => queue.readPlannedForwards(ctx, runId),
    countPlannedForwards: (runId) => queue.countPlannedForwards(ctx, runId),
    clearPlannedForwards: () => queue.clearPlannedForwards(ctx),
    addPortalUser: (input) => portal.addPortalUser(ctx, input),
    removePortalUser: (name) => portal.removePortalUser(ctx, name),
    listPortalUsers: () => portal.listPortalUsers(ctx),
    portalCredentials: (name) => portal.portalCredentials(ctx, name),
    createPortalSession: (session) => portal.createPortalSession(ctx, session),
    portalSession: (id) => portal.portalSession(ctx, id),
    touchPortalSession: (id, at) => portal.touchPortalSession(ctx, id, at),
    deletePortalSession: (id) => portal.deletePortalSession(ctx, id),
    deleteStalePortalSessions: (now, idleSince) =>
      portal.deleteStalePortalSessions(ctx, now, idleSince),
    recordPortalDownload: (download) => portal.recordPortalDownload(ctx, download),
    portalDownloads: (runId, limit) => portal.portalDownloadsOf(ctx, runId, limit),
    recordPortalLoginFailure: (failure) => portal.recordPortalLoginFailure(ctx, failure),
    countPortalLoginFailures: (query) => portal.countPortalLoginFailures(ctx, query),
    clearPortalLoginFailures: (which) => portal.clearPortalLoginFailures(ctx, which),
  };
}
