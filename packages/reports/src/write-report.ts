import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReportItem } from '@handover/store';
import { stringify } from 'csv-stringify';
import { BOM, CSV_OPTIONS, reportRows } from './render-report.js';

export interface WrittenReport {
  file: string;
  sha256: string;
  /** Data rows, not counting the header. */
  rows: number;
}

/**
 * Streams a run's report to `file` (absolute path returned): UTF-8 BOM, header, RFC 4180 rows
 * with CRLF, every cell neutralised. It is written to a temporary file in the same folder and
 * renamed into place, so a reader never sees half a report. The same items give the same bytes,
 * which is what lets a report regenerated from the database match its recorded SHA-256.
 */
export async function writeReport(
  items: Iterable<ReportItem>,
  file: string,
): Promise<WrittenReport> {
  const target = resolve(file);
  const folder = dirname(target);
  await mkdir(folder, { recursive: true });
  const temp = join(folder, `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);

  const hash = createHash('sha256');
  let rows = -1;
  const source = Readable.from(
    (function* () {
      for (const row of reportRows(items)) {
        rows += 1;
        yield row;
      }
    })(),
  );
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const bom = Buffer.from(BOM, 'utf8');
  hash.update(bom);
  const out = createWriteStream(temp, { flush: true });
  out.write(bom);

  try {
    await pipeline(source, stringify(CSV_OPTIONS), hashing, out);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { file: target, sha256: hash.digest('hex'), rows };
}
