import { renderReport, verifyChain } from '@handover/reports';
import type { RunRecord } from '@handover/store';
import { AppError } from '../errors.js';
import { type JobContext, openDataStore } from '../job/run.js';

/** Recent runs, newest first, as a table. */
export async function listRuns(ctx: JobContext, limit: number): Promise<string> {
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    const runs = store.listRuns({ limit });
    if (runs.length === 0) return 'No runs yet.\n';
    const header = ['run', 'mode', 'status', 'started (UTC)', 'leavers', 'forwarded', 'failed'];
    const rows = runs.map((run) => [
      run.id,
      run.mode,
      run.status,
      run.startedAt.toISOString().slice(0, 19).replace('T', ' '),
      String(run.counts.leavers),
      String(run.mode === 'dry-run' ? run.counts.planned : run.counts.forwarded),
      String(run.counts.failed),
    ]);
    return table([header, ...rows]);
  } finally {
    store.close();
  }
}

/** Checks every report against its recorded hash and the chain between runs. */
export async function verifyRuns(ctx: JobContext): Promise<{ ok: boolean; text: string }> {
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    const checks = await verifyChain(store.chain());
    const lines = checks.map((check) =>
      check.ok
        ? `ok        ${check.runId}`
        : `${check.problem?.padEnd(9)} ${check.runId}: ${check.detail ?? ''}`,
    );
    const bad = checks.filter((check) => !check.ok).length;
    lines.push(
      bad === 0
        ? `${checks.length} report(s) verified; the chain is intact`
        : `${bad} of ${checks.length} report(s) failed verification`,
    );
    return { ok: bad === 0, text: `${lines.join('\n')}\n` };
  } finally {
    store.close();
  }
}

/** A run's report rebuilt from the database alone. */
export async function regenerateReport(ctx: JobContext, runId: string): Promise<string> {
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    const run: RunRecord | undefined = store.getRun(runId);
    if (!run) throw new AppError('run.not_found', `No run with id "${runId}" in ${store.file}`);
    return renderReport(store.reportItems(runId));
  } finally {
    store.close();
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return `${rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths?.[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
