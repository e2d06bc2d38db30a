import type { RunRecord } from '@handover/store';
import { sha256File } from './sha256-file.js';

export interface ChainCheck {
  runId: string;
  ok: boolean;
  problem?: 'missing' | 'modified' | 'chain-broken';
  detail?: string;
}

async function fileProblem(run: RunRecord): Promise<Omit<ChainCheck, 'runId' | 'ok'> | undefined> {
  if (run.reportPath === undefined || run.reportSha256 === undefined) {
    return { problem: 'missing', detail: 'the run row records no report file or hash' };
  }
  let actual: string;
  try {
    actual = await sha256File(run.reportPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { problem: 'missing', detail: `${run.reportPath}: ${code}` };
  }
  if (actual !== run.reportSha256) {
    return {
      problem: 'modified',
      detail: `${run.reportPath} has SHA-256 ${actual}, the run recorded ${run.reportSha256}`,
    };
  }
  return undefined;
}

/**
 * Checks the report hash chain, oldest run first: each report file must exist with the SHA-256
 * its run recorded ('missing', 'modified'), and each run must record the previous run's hash
 * ('chain-broken', which also catches a run row deleted or edited in the database). The first
 * run must record no previous hash. One result per run, in the given order.
 */
export async function verifyChain(runs: RunRecord[]): Promise<ChainCheck[]> {
  const checks: ChainCheck[] = [];
  let previous: RunRecord | undefined;
  for (const run of runs) {
    const problem = await fileProblem(run);
    const expectedPrev = previous?.reportSha256;
    if (problem) {
      checks.push({ runId: run.id, ok: false, ...problem });
    } else if (run.prevReportSha256 !== expectedPrev) {
      checks.push({
        runId: run.id,
        ok: false,
        problem: 'chain-broken',
        detail: previous
          ? `records previous hash ${run.prevReportSha256 ?? 'none'}, but run ${previous.id} ` +
            `recorded ${expectedPrev ?? 'none'}`
          : `records previous hash ${run.prevReportSha256 ?? 'none'}, but no earlier run is left`,
      });
    } else {
      checks.push({ runId: run.id, ok: true });
    }
    previous = run;
  }
  return checks;
}
