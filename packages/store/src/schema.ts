import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { OUTCOMES } from './types.js';

/** One row per job run, live or dry; the report hash chain hangs off `chainSeq`. */
export const runs = sqliteTable(
  'runs',
  {
    id: text('id').primaryKey(),
    mode: text('mode', { enum: ['live', 'dry-run'] }).notNull(),
    trigger: text('trigger', { enum: ['scheduled', 'manual'] }).notNull(),
    status: text('status', {
      enum: ['running', 'succeeded', 'partial', 'failed', 'abandoned'],
    }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    scheduledFor: integer('scheduled_for', { mode: 'timestamp_ms' }),
    policySha256: text('policy_sha256').notNull(),
    version: text('version').notNull(),
    leavers: integer('leavers').notNull().default(0),
    forwarded: integer('forwarded').notNull().default(0),
    planned: integer('planned').notNull().default(0),
    retained: integer('retained').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    noRecipient: integer('no_recipient').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    deferred: integer('deferred').notNull().default(0),
    reportPath: text('report_path'),
    reportSha256: text('report_sha256'),
    prevReportSha256: text('prev_report_sha256'),
    // Position in the report hash chain; set once, when a finished run has a report.
    chainSeq: integer('chain_seq').unique(),
    error: text('error'),
  },
  (t) => [
    index('runs_started_at').on(t.startedAt),
    check('runs_mode', sql`${t.mode} in ('live', 'dry-run')`),
    check('runs_trigger', sql`${t.trigger} in ('scheduled', 'manual')`),
    check(
      'runs_status',
      sql`${t.status} in ('running', 'succeeded', 'partial', 'failed', 'abandoned')`,
    ),
  ],
);

/** Every user found inactive or deleted, kept so that late voicemails are still caught. */
export const leavers = sqliteTable('leavers', {
  userId: text('user_id').primaryKey(),
  name: text('name').notNull(),
  email: text('email'),
  state: text('state').notNull(),
  firstSeen: integer('first_seen', { mode: 'timestamp_ms' }).notNull(),
  lastChecked: integer('last_checked', { mode: 'timestamp_ms' }).notNull(),
  watchUntil: integer('watch_until', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * The exactly-once ledger: one row per (message, recipient) pair. `runId` is the run that made
 * the latest transition; the report items keep the per-run history.
 */
export const forwards = sqliteTable(
  'forwards',
  {
    messageId: text('message_id').notNull(),
    recipientType: text('recipient_type', { enum: ['user', 'group'] }).notNull(),
    recipientId: text('recipient_id').notNull(),
    // No foreign key to leavers: the ledger must accept a pair even if the leaver row is written
    // later in the run, and a missing leaver row must never block recording a copy.
    leaverId: text('leaver_id').notNull(),
    rule: text('rule').notNull(),
    status: text('status', { enum: ['pending', 'forwarded', 'failed'] }).notNull(),
    detail: text('detail').notNull().default(''),
    attempts: integer('attempts').notNull().default(1),
    attemptedAt: integer('attempted_at', { mode: 'timestamp_ms' }).notNull(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.recipientType, t.recipientId] }),
    index('forwards_status').on(t.status),
    check('forwards_recipient_type', sql`${t.recipientType} in ('user', 'group')`),
    check('forwards_status_values', sql`${t.status} in ('pending', 'forwarded', 'failed')`),
  ],
);

/**
 * The copies a run has planned and not yet finished with, oldest message first. It is scratch
 * space that keeps memory flat however large the backlog: the run plans into it leaver by leaver
 * and forwards from it a page at a time. Rows are removed when the run ends.
 */
export const plannedForwards = sqliteTable(
  'planned_forwards',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    messageId: text('message_id').notNull(),
    recipientType: text('recipient_type', { enum: ['user', 'group'] }).notNull(),
    recipientId: text('recipient_id').notNull(),
    recipientName: text('recipient_name').notNull(),
    leaverId: text('leaver_id').notNull(),
    leaverName: text('leaver_name').notNull(),
    leaverEmail: text('leaver_email').notNull(),
    leaverState: text('leaver_state').notNull(),
    rule: text('rule').notNull(),
    messageCreated: text('message_created').notNull(),
    callerName: text('caller_name').notNull(),
    callerAddress: text('caller_address').notNull(),
    durationSeconds: integer('duration_seconds'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.messageId, t.recipientType, t.recipientId] }),
    index('planned_forwards_order').on(
      t.runId,
      t.messageCreated,
      t.messageId,
      t.recipientType,
      t.recipientId,
    ),
  ],
);

/** The rows of each run's CSV report, so that any report can be regenerated from here alone. */
export const reportItems = sqliteTable(
  'report_items',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    runMode: text('run_mode', { enum: ['live', 'dry-run'] }).notNull(),
    leaverId: text('leaver_id').notNull(),
    leaverName: text('leaver_name').notNull(),
    leaverEmail: text('leaver_email').notNull(),
    leaverState: text('leaver_state').notNull(),
    rule: text('rule').notNull(),
    recipientType: text('recipient_type', { enum: ['', 'user', 'group'] }).notNull(),
    recipientId: text('recipient_id').notNull(),
    recipientName: text('recipient_name').notNull(),
    messageId: text('message_id').notNull(),
    messageCreated: text('message_created').notNull(),
    callerName: text('caller_name').notNull(),
    callerAddress: text('caller_address').notNull(),
    durationSeconds: integer('duration_seconds'),
    outcome: text('outcome', { enum: OUTCOMES }).notNull(),
    detail: text('detail').notNull(),
    forwardedAt: text('forwarded_at').notNull(),
  },
  (t) => [
    index('report_items_run').on(t.runId, t.seq),
    index('report_items_message').on(t.messageId),
    check(
      'report_items_outcome',
      sql`${t.outcome} in ('forwarded', 'planned', 'retained', 'skipped_read', 'skipped_old',
        'no_recipient', 'failed', 'deferred')`,
    ),
  ],
);

/** At most one row: the holder of the run lock. */
export const runLock = sqliteTable(
  'run_lock',
  {
    id: integer('id').primaryKey(),
    token: text('token').notNull(),
    holder: text('holder').notNull(),
    pid: integer('pid').notNull(),
    host: text('host').notNull(),
    runId: text('run_id'),
    acquiredAt: integer('acquired_at', { mode: 'timestamp_ms' }).notNull(),
    heartbeatAt: integer('heartbeat_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [check('run_lock_single_row', sql`${t.id} = 1`)],
);

/** Compliance portal accounts, managed from the CLI; the password is kept only as a scrypt hash. */
export const portalUsers = sqliteTable('portal_users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  salt: text('salt').notNull(),
  // JSON of the scrypt cost parameters, so they can be raised later without breaking old hashes.
  params: text('params').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Signed-in portal sessions. The id is the SHA-256 of the cookie token: a copy of the database
 * does not hand out live sessions. Removing a user ends its sessions.
 */
export const portalSessions = sqliteTable(
  'portal_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => portalUsers.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('portal_sessions_expires').on(t.expiresAt)],
);

/**
 * Who downloaded which report when. The user is kept by name, not by reference, so the log
 * outlives the account.
 */
export const portalDownloads = sqliteTable(
  'portal_downloads',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    userName: text('user_name').notNull(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    ip: text('ip'),
  },
  (t) => [index('portal_downloads_run').on(t.runId, t.at)],
);

/** Failed portal sign-ins, counted per user name and per client address to slow guessing. */
export const portalLoginFailures = sqliteTable(
  'portal_login_failures',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    userName: text('user_name').notNull(),
    ip: text('ip').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('portal_login_failures_user').on(t.userName, t.at),
    index('portal_login_failures_ip').on(t.ip, t.at),
  ],
);
