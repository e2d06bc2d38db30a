import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from './logger.js';
import type { Settings } from './settings.js';

const minuteMs = 60_000;
/** How far back to look for the tick a stopped process missed. */
const catchUpHorizonMs = 32 * 24 * 60 * minuteMs;

export interface Tick {
  scheduledFor: Date;
  /** No new copy starts after this (the scheduler's window), when one is configured. */
  deadline?: Date;
  caughtUp: boolean;
}

export interface SchedulerOptions {
  settings: Settings;
  logger: Logger;
  /** Runs one scheduled run; the scheduler never calls it while a previous call is running. */
  run: (tick: Tick) => Promise<void>;
  /** When the latest scheduled run recorded was due, if any. */
  lastScheduledFor: () => Date | undefined;
  now?: () => Date;
}

export interface Scheduler {
  /** Resolves once the scheduler stopped and the run in progress, if any, has finished. */
  stop(): Promise<void>;
  nextRun(): Date | null;
}

/**
 * Runs the job on the configured cron expression and time zone. Ticks that arrive while a run
 * is still going are skipped (and logged), and a tick missed while the process was down is run
 * at start.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { settings, logger } = options;
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  let stopped = false;

  const fire = (scheduledFor: Date, caughtUp: boolean) => {
    if (stopped) return;
    if (running) {
      logger.warn({ scheduledFor }, 'tick skipped: the previous run is still going');
      return;
    }
    const windowMs = settings.schedule.windowMinutes * minuteMs;
    // A night caught up after a restart gets a whole window from now, not one already spent.
    const windowStart = caughtUp ? now().getTime() : scheduledFor.getTime();
    const tick: Tick = {
      scheduledFor,
      caughtUp,
      deadline: windowMs > 0 ? new Date(windowStart + windowMs) : undefined,
    };
    logger.info({ scheduledFor, caughtUp, deadline: tick.deadline }, 'tick');
    running = options
      .run(tick)
      .catch((error: unknown) => logger.error({ err: error }, 'scheduled run failed'))
      .finally(() => {
        running = undefined;
      });
  };

  // node-cron 4 starts a task the moment it is scheduled; createTask lets us set up first.
  const task: ScheduledTask = cron.createTask(
    settings.schedule.cron,
    (context) => fire(truncateToMinute(context.date), false),
    { timezone: settings.schedule.timezone, name: 'handover-nightly', noOverlap: true },
  );

  if (settings.schedule.catchUp) {
    const missed = missedTick(task, options.lastScheduledFor(), now());
    if (missed) fire(missed, true);
  }
  void task.start();
  logger.info({ cron: settings.schedule.cron, next: task.getNextRun() }, 'scheduler started');

  return {
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      await running;
    },
    nextRun: () => task.getNextRun(),
  };
}

/**
 * The most recent tick before `now`, when it is later than the last scheduled run recorded. With
 * no scheduled run ever recorded nothing was missed: the first run waits for its first tick.
 */
export function missedTick(
  task: Pick<ScheduledTask, 'match'>,
  lastScheduledFor: Date | undefined,
  now: Date,
): Date | undefined {
  if (!lastScheduledFor) return undefined;
  const earliest = Math.max(
    lastScheduledFor.getTime() + minuteMs,
    now.getTime() - catchUpHorizonMs,
  );
  for (let t = truncateToMinute(now).getTime(); t >= earliest; t -= minuteMs) {
    const candidate = new Date(t);
    if (task.match(candidate)) return candidate;
  }
  return undefined;
}

function truncateToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / minuteMs) * minuteMs);
}
