import { stat } from 'node:fs/promises';
import { sha256File } from '@handover/reports';
import type { RunRecord, Store } from '@handover/store';

/**
 * The hash-chain state of one run, with the same meaning as `handover runs verify`:
 * ok; missing (no report file or hash); modified (the file's SHA-256 differs from the one
 * recorded); chain-broken (the run does not record the previous report's hash); none (the run
 * has no report yet, e.g. still running, so it is not part of the chain).
 */
export interface ChainStatus {
  state: 'ok' | 'missing' | 'modified' | 'chain-broken' | 'none';
  detail: string;
}

interface HashedFile {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * Checks the chain status of a page of runs. The chain itself (one small row per run) is read
 * whole, since a link needs the previous run; only the report files of the runs asked about are
 * hashed, and a file's hash is remembered until its size or modification time changes.
 */
export class ChainChecker {
  readonly #store: Store;
  readonly #hashes = new Map<string, HashedFile>();

  constructor(store: Store) {
    this.#store = store;
  }

  async statusOf(runs: RunRecord[]): Promise<Map<string, ChainStatus>> {
    const chain = this.#store.chain();
    const position = new Map(chain.map((run, i) => [run.id, i]));
    const statuses = new Map<string, ChainStatus>();
    for (const run of runs) {
      const at = position.get(run.id);
      if (at === undefined) {
        statuses.set(run.id, { state: 'none', detail: 'no report recorded for this run' });
        continue;
      }
      const chained = chain[at] ?? run;
      statuses.set(run.id, await this.#check(chained, at > 0 ? chain[at - 1] : undefined));
    }
    return statuses;
  }

  async #check(run: RunRecord, previous: RunRecord | undefined): Promise<ChainStatus> {
    if (run.reportPath === undefined || run.reportSha256 === undefined) {
      return { state: 'missing', detail: 'the run records no report file or hash' };
    }
    let actual: string;
    try {
      actual = await this.#hash(run.reportPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      return { state: 'missing', detail: `report file ${code}` };
    }
    if (actual !== run.reportSha256) {
      return { state: 'modified', detail: `file SHA-256 ${actual}, recorded ${run.reportSha256}` };
    }
    if (run.prevReportSha256 !== previous?.reportSha256) {
      return {
        state: 'chain-broken',
        detail: `records previous hash ${run.prevReportSha256 ?? 'none'}, the previous run has ${
          previous?.reportSha256 ?? 'none'
        }`,
      };
    }
    return { state: 'ok', detail: `SHA-256 ${actual}` };
  }

  async #hash(file: string): Promise<string> {
    const info = await stat(file);
    const known = this.#hashes.get(file);
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known.sha256;
    const sha256 = await sha256File(file);
    this.#hashes.set(file, { size: info.size, mtimeMs: info.mtimeMs, sha256 });
    return sha256;
  }
}
