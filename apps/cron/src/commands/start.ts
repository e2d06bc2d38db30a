import { AppError } from '../errors.js';
import { databasePath, type JobContext, openDataStore, runJob } from '../job/run.js';
import { startScheduler } from '../scheduler.js';
import { summaryJson } from '../summary.js';

/**
 * The long-running scheduler. SIGTERM or SIGINT stops new ticks, lets the run in progress stop
 * starting copies and settle those in flight, then exits; a second signal exits at once (the
 * ledger makes that safe: copies left pending are settled by the next run).
 */
export async function startCommand(ctx: JobContext): Promise<void> {
  const { logger, settings } = ctx;
  let current: AbortController | undefined;

  const store = await openDataStore(ctx.env.dataDir, logger);
  const lastScheduledFor = () => store.lastScheduledRun()?.scheduledFor;

  const scheduler = startScheduler({
    settings,
    logger,
    lastScheduledFor,
    run: async (tick) => {
      current = new AbortController();
      try {
        const summary = await runJob(ctx, {
          mode: 'live',
          trigger: 'scheduled',
          scheduledFor: tick.scheduledFor,
          deadline: tick.deadline,
          signal: current.signal,
        });
        logger.info(summaryJson(summary), 'scheduled run done');
      } catch (error) {
        const code = error instanceof AppError ? error.code : undefined;
        logger.error({ err: error, code }, 'scheduled run could not complete');
      } finally {
        current = undefined;
      }
    },
  });
  logger.info({ database: databasePath(ctx.env.dataDir) }, 'waiting for the next tick');

  await new Promise<void>((resolve) => {
    let signals = 0;
    const shutdown = (signal: NodeJS.Signals) => {
      signals++;
      if (signals > 1) {
        logger.warn({ signal }, 'second signal: exiting now; pending copies settle next run');
        process.exit(130);
      }
      logger.info({ signal }, 'shutting down: no new copies, settling those in flight');
      current?.abort();
      void scheduler.stop().then(resolve);
    };
    process.on('SIGTERM', shutdown).on('SIGINT', shutdown);
  });
  store.close();
  logger.info({}, 'scheduler stopped');
}
