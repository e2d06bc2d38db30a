import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportItem } from '@handover/store';
import { onTestFinished } from 'vitest';

/** A fresh folder for one test, removed when the test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'handover-reports-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function item(overrides: Partial<ReportItem> = {}): ReportItem {
  return {
    runId: '20261203T020000Z-7f3a',
    runMode: 'live',
    leaverId: 'u-left',
    leaverName: 'Léa Départ',
    leaverEmail: 'lea@example.com',
    leaverState: 'inactive',
    rule: 'default',
    recipientType: 'user',
    recipientId: 'u-boss',
    recipientName: 'Boss',
    messageId: 'm-1',
    messageCreated: '2026-12-01T10:00:00.000Z',
    callerName: 'Caller',
    callerAddress: 'tel:5550100',
    durationSeconds: 12,
    outcome: 'forwarded',
    detail: '',
    forwardedAt: '2026-12-03T02:00:01.000Z',
    ...overrides,
  };
}

/**
 * A strict RFC 4180 reader for the tests, independent of csv-stringify: records end in CRLF,
 * a quoted field may hold anything with `""` for a quote, an unquoted one no quote, CR or LF.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string) => {
    throw new Error(`not RFC 4180 at offset ${i}: ${why}`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else {
          field += text[i];
          i += 1;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') fail('quote or LF in an unquoted field');
        field += text[i];
        i += 1;
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
    } else {
      fail('a field must end with a comma or CRLF');
    }
  }
  if (record.length > 0) fail('last record without CRLF');
  return records;
}
