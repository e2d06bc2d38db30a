import path from 'node:path';
import type { RunSummary } from './job/run.js';

/** The object `handover run --json` prints as its last line; its keys are a stable interface. */
export function summaryJson(summary: RunSummary) {
  return {
    runId: summary.runId,
    status: summary.status,
    leavers: summary.leavers,
    forwarded: summary.forwarded,
    planned: summary.planned,
    retained: summary.retained,
    skipped: summary.skipped,
    noRecipient: summary.noRecipient,
    failed: summary.failed,
    deferred: summary.deferred,
    runsToClearBacklog: summary.runsToClearBacklog ?? 0,
    report: summary.report,
    durationMs: summary.durationMs,
  };
}

/** A short, human summary of a run. */
export function summaryText(summary: RunSummary): string {
  const rows: Array<[string, number]> = [
    ['leavers', summary.leavers],
    [
      summary.mode === 'dry-run' ? 'planned' : 'forwarded',
      summary.mode === 'dry-run' ? summary.planned : summary.forwarded,
    ],
    ['retained', summary.retained],
    ['skipped', summary.skipped],
    ['no recipient', summary.noRecipient],
    ['failed', summary.failed],
    ['deferred', summary.deferred],
  ];
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const lines = [
    `Run ${summary.runId} (${summary.mode}) ${summary.status} in ${seconds} s`,
    ...rows.map(([label, value]) => `  ${label.padEnd(13)}${value}`),
  ];
  if (summary.deferred > 0 && summary.runsToClearBacklog !== undefined) {
    lines.push(
      `  ${summary.deferred} copies were deferred; about ${summary.runsToClearBacklog} ` +
        'more run(s) like this one clear the backlog',
    );
  }
  const relative = path.relative(process.cwd(), summary.report);
  lines.push(`Report: ${relative.startsWith('..') ? summary.report : relative}`);
  return lines.join('\n');
}
