import type { ReportItem } from '@handover/store';
import type { Options } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import { itemCells, REPORT_COLUMNS } from './columns.js';
import { neutraliseCell } from './neutralise-cell.js';

/** csv-stringify settings shared by the streamed and the in-memory writer, so bytes agree. */
export const CSV_OPTIONS: Options = {
  // RFC 4180: CRLF line ends; quotes only where a cell needs them, doubled inside.
  record_delimiter: 'windows',
  // csv-stringify only quotes a cell containing the whole CRLF delimiter; a lone CR or LF in a
  // caller name or error detail would otherwise split the row for every RFC 4180 reader.
  quoted_match: /[\r\n]/,
  eof: true,
};

/** The byte-order mark lets spreadsheet programs read the UTF-8 accents right. */
export const BOM = '\uFEFF';

/** The header row followed by one row per item, every cell neutralised. */
export function* reportRows(items: Iterable<ReportItem>): Generator<string[]> {
  yield [...REPORT_COLUMNS];
  for (const item of items) yield itemCells(item).map(neutraliseCell);
}

/**
 * Renders a report in memory: BOM, header, RFC 4180 rows. Gives exactly the bytes writeReport
 * writes, for small reports and tests.
 */
export function renderReport(items: Iterable<ReportItem>): string {
  return BOM + stringify([...reportRows(items)], CSV_OPTIONS);
}
