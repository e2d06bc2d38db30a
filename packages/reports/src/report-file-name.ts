import type { RunRecord } from '@handover/store';

/** The report's file name in the data folder: `handover-<runId>-<mode>.csv`. */
export function reportFileName(run: Pick<RunRecord, 'id' | 'mode'>): string {
  return `handover-${run.id}-${run.mode}.csv`;
}
