import { access, constants, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  connectGenesys,
  type DirectoryUser,
  type GenesysClient,
  GenesysError,
  type Voicemail,
} from '@handover/genesys';
import {
  loadPolicy,
  type Policy,
  PolicyError,
  type ResolvedPolicy,
  resolvePolicy,
} from '@handover/policy';
import { reportFileName, writeReport } from '@handover/reports';
import {
  emptyRunCounts,
  LockHeldError,
  openStore,
  type PlannedForward,
  type ReportItem,
  type RunCounts,
  type RunLock,
  type RunMode,
  type RunStatus,
  type RunTrigger,
  type Store,
  StoreError,
} from '@handover/store';
import type { Environment } from '../env.js';
import { requireGenesys } from '../env.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Settings } from '../settings.js';
import { CopiedToWitness } from './copied-to-witness.js';
import { Directory } from './directory.js';
import { findLeavers, type Leaver } from './find-leavers.js';
import { forwardAll, settleFromCopiedTo } from './forward.js';
import { forwardItem, planLeaver, plannedCopy } from './plan.js';
import { type Progress, silentProgress } from './progress.js';

export interface JobContext {
  env: Environment;
  settings: Settings;
  logger: Logger;
  version: string;
}

export interface RunRequest {
  mode: RunMode;
  trigger: RunTrigger;
  scheduledFor?: Date;
  /**
   * No new copy starts after this moment (the scheduler's window); the rest is deferred to the
   * next run. The settings' time budget, counted from the start of the run, applies as well.
   */
  deadline?: Date;
  /** Aborting stops new copies, lets those in flight settle, and finishes the run cleanly. */
  signal?: AbortSignal;
  progress?: Progress;
}

export interface RunSummary extends RunCounts {
  runId: string;
  mode: RunMode;
  status: RunStatus;
  report: string;
  reportSha256: string;
  /** How many more runs like this one the deferred backlog needs, when something was deferred. */
  runsToClearBacklog?: number;
  durationMs: number;
}

const itemBatch = 500;

/** The database file inside a data folder. */
export function databasePath(dataDir: string): string {
  return path.join(dataDir, 'handover.db');
}

/** Opens the run history, turning storage problems into errors that name the path. */
export async function openDataStore(dataDir: string, logger: Logger): Promise<Store> {
  try {
    await mkdir(path.join(dataDir, 'reports'), { recursive: true });
    await access(path.join(dataDir, 'reports'), constants.W_OK);
    return openStore(databasePath(dataDir), { logger });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('store.unavailable', `Data folder ${dataDir} is not usable: ${reason}`, {
      cause: error,
    });
  }
}

/** Logs in with the environment's credentials and the settings' pacing. */
export async function connect(ctx: JobContext): Promise<GenesysClient> {
  const connection = requireGenesys(ctx.env);
  try {
    return await connectGenesys({
      ...connection,
      requestsPerMinute: ctx.settings.genesys.requestsPerMinute,
      concurrency: ctx.settings.genesys.concurrency,
      timeoutMs: ctx.settings.genesys.timeoutSeconds * 1000,
      logger: ctx.logger,
    });
  } catch (error) {
    throw fromGenesys(error);
  }
}

/** Reads and validates the policy file: no network, so it fails before anything else. */
export async function readPolicy(
  ctx: JobContext,
): Promise<{ policy: Policy; file: string; sha256: string }> {
  try {
    return await loadPolicy(path.join(ctx.env.configDir, 'policy.yaml'));
  } catch (error) {
    throw asPolicyError(error);
  }
}

/** Resolves every name the policy mentions against the directory. */
export async function resolveNames(
  loaded: { policy: Policy; file: string },
  directory: Directory,
): Promise<ResolvedPolicy> {
  try {
    return await resolvePolicy(loaded.policy, loaded.file, directory);
  } catch (error) {
    throw fromGenesys(asPolicyError(error));
  }
}

function asPolicyError(error: unknown): unknown {
  return error instanceof PolicyError
    ? new AppError('policy.invalid', error.message, { cause: error })
    : error;
}

/**
 * One run: settle copies an interrupted run left open, find leavers, plan, forward, report.
 * Everything that could stop the run from starting is checked before the lock is taken and the
 * run recorded, so a bad configuration changes nothing.
 */
export async function runJob(parent: JobContext, request: RunRequest): Promise<RunSummary> {
  const started = Date.now();
  // One logger for everything this run touches (client, store, job); it gains the run id as
  // soon as the run is recorded, so every later line carries it.
  const ctx = { ...parent, logger: parent.logger.child({}) };
  // Everything that can be checked without side effects comes before the data folder is touched.
  requireGenesys(ctx.env);
  const loaded = await readPolicy(ctx);
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  let genesys: GenesysClient | undefined;
  let lock: RunLock | undefined;
  try {
    genesys = await connect(ctx);
    const directory = new Directory(genesys);
    const policy = await resolveNames(loaded, directory);
    const sha256 = loaded.sha256;
    lock = takeLock(ctx, store);
    // Losing the lock (taken over as stale) means another run may be starting: stop copying.
    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      try {
        lock?.heartbeat();
      } catch (error) {
        ctx.logger.error({ err: error }, 'run lock lost; no new copies start');
        lost.abort();
      }
    }, 30_000);
    heartbeat.unref();
    const signal = request.signal ? AbortSignal.any([request.signal, lost.signal]) : lost.signal;
    try {
      return await execute({
        ctx,
        request: { ...request, signal },
        store,
        genesys,
        directory,
        policy,
        sha256,
        started,
      });
    } finally {
      clearInterval(heartbeat);
    }
  } finally {
    lock?.release();
    genesys?.close();
    store.close();
  }
}

/** The run lock, with the configured staleness; a held lock becomes exit status 3. */
export function takeLock(ctx: JobContext, store: Store): RunLock {
  try {
    store.abandonStaleRuns();
    return store.acquireLock(
      { pid: process.pid, host: os.hostname() },
      { staleAfterMs: ctx.settings.run.lockStaleMinutes * 60_000 },
    );
  } catch (error) {
    if (error instanceof LockHeldError) {
      throw new AppError('run.locked', error.message, { cause: error });
    }
    if (error instanceof StoreError) {
      throw new AppError('store.unavailable', error.message, { cause: error });
    }
    throw error;
  }
}

interface Execution {
  ctx: JobContext;
  request: RunRequest;
  store: Store;
  genesys: GenesysClient;
  directory: Directory;
  policy: ResolvedPolicy;
  sha256: string;
  started: number;
}

async function execute(run: Execution): Promise<RunSummary> {
  const { ctx, request, store, genesys, directory, policy } = run;
  const record = store.startRun({
    mode: request.mode,
    trigger: request.trigger,
    policySha256: run.sha256,
    version: ctx.version,
    scheduledFor: request.scheduledFor,
  });
  const runId = record.id;
  ctx.logger.setBindings({ runId });
  // Copies planned by a run that died are planned afresh; the ledger keeps what they did.
  store.clearPlannedForwards();
  const logger = ctx.logger;
  const progress = request.progress ?? silentProgress;
  const counts: RunCounts = emptyRunCounts();
  const pendingItems: ReportItem[] = [];
  const addItem = (item: ReportItem) => {
    countOutcome(counts, item);
    pendingItems.push(item);
    if (pendingItems.length >= itemBatch) store.addReportItems(pendingItems.splice(0));
  };
  const budgetMs = ctx.settings.run.timeBudgetMinutes * 60_000;
  const stopAt = Math.min(
    request.deadline?.getTime() ?? Number.POSITIVE_INFINITY,
    budgetMs > 0 ? Date.now() + budgetMs : Number.POSITIVE_INFINITY,
  );
  const stopRequested = () => request.signal?.aborted === true || Date.now() >= stopAt;
  const scope = { runId, mode: request.mode, genesys, store, directory, policy, now: new Date() };
  const witness = new CopiedToWitness(genesys, store.lastForwarded());

  logger.info({ mode: request.mode, trigger: request.trigger }, 'run started');
  let fatal: unknown;
  let queueReported = false;
  try {
    const carried = request.mode === 'live' ? await settleInterrupted(scope, logger, addItem) : [];

    const leavers = await findLeavers({ genesys, store, directory, policy, logger });
    counts.leavers = leavers.length;
    progress.leaversFound(leavers.length);
    logger.info({ leavers: leavers.length }, 'leavers found');
    await directory.prefetchManagers(leavers.map((leaver) => leaver.user));

    await scanLeavers(run, scope, leavers, stopRequested, addItem, progress);
    // The store hands the queue back oldest first: when a night runs out, the messages
    // waiting longest have been delivered.
    const queue = store.plannedForwards(runId);
    const planned = store.countPlannedForwards(runId);
    logger.info({ copies: planned }, 'forwards planned');
    // From here on every planned copy is reported by the loop that consumes the queue.
    queueReported = true;

    if (request.mode === 'dry-run') {
      for (const copy of queue) addItem(forwardItem(scope, copy, 'planned', ''));
    } else {
      progress.forwardsPlanned(planned);
      const result = await forwardAll(
        {
          ...scope,
          logger,
          concurrency: ctx.settings.genesys.concurrency,
          shouldStop: stopRequested,
          now: () => new Date(),
          witness,
          plannedTotal: planned,
          onResult: (item) => {
            addItem(item);
            if (item.outcome === 'forwarded') progress.forwarded();
          },
        },
        queue,
        carried,
      );
      if (result.fatal) fatal = result.fatal;
    }
  } catch (error) {
    fatal = error;
  }

  // A run that broke off while planning still names every copy it had planned: deferred.
  if (!queueReported) {
    const detail = 'the run stopped before sending; planned again by the next run';
    for (const copy of store.plannedForwards(runId)) {
      addItem(forwardItem(scope, copy, 'deferred', detail));
    }
  }
  store.addReportItems(pendingItems.splice(0));
  store.clearPlannedForwards();
  const status: RunStatus = fatal
    ? 'failed'
    : counts.failed + counts.deferred + counts.noRecipient > 0
      ? 'partial'
      : 'succeeded';
  const file = path.join(ctx.env.dataDir, 'reports', reportFileName(record));
  const written = await writeReport(store.reportItems(runId), file);
  const error = fatal ? describeFatal(fatal) : undefined;
  store.finishRun(runId, {
    status,
    counts,
    reportPath: written.file,
    reportSha256: written.sha256,
    error,
  });
  progress.done();
  logger.info({ status, ...counts, report: written.file }, 'run finished');

  if (fatal) throw fromGenesys(fatal);
  return {
    runId,
    mode: request.mode,
    status,
    ...counts,
    report: written.file,
    reportSha256: written.sha256,
    runsToClearBacklog:
      counts.deferred > 0 ? Math.ceil(counts.deferred / Math.max(1, counts.forwarded)) : undefined,
    durationMs: Date.now() - run.started,
  };
}

/**
 * Lists each leaver's messages (a few leavers at a time) and returns the copies to make.
 * A leaver is recorded as seen only once its mailbox was read in full, so a run stopped early
 * leaves the rest as new for the next one.
 */
async function scanLeavers(
  run: Execution,
  scope: Parameters<typeof planLeaver>[0],
  leavers: Leaver[],
  stopRequested: () => boolean,
  addItem: (item: ReportItem) => void,
  progress: Progress,
): Promise<void> {
  const scanned: Leaver[] = [];
  let next = 0;
  const worker = async () => {
    while (next < leavers.length && !stopRequested()) {
      const leaver = leavers[next++];
      if (!leaver) break;
      const plan = await planLeaver(scope, leaver.user);
      for (const item of plan.items) addItem(item);
      for (const done of plan.alreadyCopied) {
        if (scope.mode === 'live') run.store.markForwarded(scope.runId, [done], new Date());
        addItem(forwardItem(scope, done, 'forwarded', 'already delivered (Genesys copiedTo)'));
      }
      // A listing that shifts while it is paged can show a message twice; the store keeps
      // each pair once.
      run.store.addPlannedForwards(scope.runId, plan.forwards);
      scanned.push(leaver);
      progress.leaverScanned();
    }
  };
  await Promise.all(Array.from({ length: run.ctx.settings.genesys.concurrency }, worker));

  if (scope.mode === 'live') {
    run.store.recordLeavers(
      scanned.map(({ user }) => ({
        userId: user.id,
        name: user.name,
        email: user.email,
        state: user.state,
      })),
      scope.policy.policy.leavers.watchDays,
    );
  }
}

/**
 * Copies an interrupted run left `pending` are settled by reading each message's `copiedTo`.
 * Present means delivered. Absent is returned to be decided by the forwarding step, which copies
 * it only once copiedTo is shown to be kept in this org. A message that cannot be read stays
 * pending and is reported as deferred on every run until it can.
 */
async function settleInterrupted(
  scope: {
    runId: string;
    mode: RunMode;
    genesys: GenesysClient;
    store: Store;
    directory: Directory;
  },
  logger: Logger,
  addItem: (item: ReportItem) => void,
): Promise<PlannedForward[]> {
  const pending = scope.store.pendingForwards();
  const undecided: PlannedForward[] = [];
  if (pending.length === 0) return undecided;
  logger.info({ pending: pending.length }, 'settling copies left pending by an interrupted run');
  for (const pair of pending) {
    const settled = await settleFromCopiedTo(scope.genesys, pair);
    const [leaver, name] = await Promise.all([
      scope.directory.directoryUser(pair.leaverId),
      recipientLabel(scope.directory, pair.recipientType, pair.recipientId),
    ]);
    const recipient = { type: pair.recipientType, id: pair.recipientId, name };
    const message = settled.message ?? unreadableMessage(pair.messageId);
    const copy = plannedCopy(leaver ?? unknownLeaver(pair.leaverId), message, recipient, pair.rule);
    if (settled.state === 'copied') {
      scope.store.markForwarded(scope.runId, [pair], new Date());
      addItem(
        forwardItem(scope, copy, 'forwarded', 'confirmed from copiedTo after an interruption'),
      );
    } else if (settled.state === 'absent' && settled.message) {
      undecided.push(copy);
    } else if (settled.state === 'absent') {
      scope.store.markFailed(scope.runId, [pair], 'the message no longer exists');
      addItem(forwardItem(scope, copy, 'failed', 'the message no longer exists in Genesys'));
    } else {
      const detail = 'an earlier copy is unconfirmed: the message could not be read back';
      addItem(forwardItem(scope, copy, 'deferred', detail));
    }
  }
  return undecided;
}

function unreadableMessage(id: string): Voicemail {
  return { id, read: false, createdDate: '', deleted: false, copiedTo: [] };
}

function unknownLeaver(id: string): DirectoryUser {
  return { id, name: '', state: 'deleted', groupIds: [], locationNames: [] };
}

async function recipientLabel(directory: Directory, type: 'user' | 'group', id: string) {
  const found = type === 'user' ? await directory.user(id) : await directory.group(id);
  return found?.name ?? '';
}

function countOutcome(counts: RunCounts, item: ReportItem): void {
  switch (item.outcome) {
    case 'forwarded':
      counts.forwarded++;
      return;
    case 'planned':
      counts.planned++;
      return;
    case 'retained':
      counts.retained++;
      return;
    case 'skipped_read':
    case 'skipped_old':
      counts.skipped++;
      return;
    case 'no_recipient':
      counts.noRecipient++;
      return;
    case 'failed':
      counts.failed++;
      return;
    case 'deferred':
      counts.deferred++;
      return;
  }
}

function describeFatal(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Genesys refusals that no retry can fix become start-up errors; anything else passes through. */
export function fromGenesys(error: unknown): unknown {
  if (!(error instanceof GenesysError)) return error;
  if (error.kind === 'auth') return new AppError('genesys.auth', error.message, { cause: error });
  if (error.kind === 'permission') {
    return new AppError('genesys.permission', error.message, { cause: error });
  }
  if (error.kind === 'network' || error.kind === 'config') {
    return new AppError('genesys.unreachable', error.message, { cause: error });
  }
  return error;
}
