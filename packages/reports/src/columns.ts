import type { ReportItem } from '@handover/store';

/** The report's header, in the order the compliance requirement fixes. */
export const REPORT_COLUMNS: readonly string[] = Object.freeze([
  'run_id',
  'run_mode',
  'leaver_id',
  'leaver_name',
  'leaver_email',
  'leaver_state',
  'rule',
  'recipient_type',
  'recipient_id',
  'recipient_name',
  'message_id',
  'message_created',
  'caller_name',
  'caller_address',
  'duration_seconds',
  'outcome',
  'detail',
  'forwarded_at',
]);

/** One item as the cells of a row, in REPORT_COLUMNS order, before neutralising. */
export function itemCells(item: ReportItem): string[] {
  return [
    item.runId,
    item.runMode,
    item.leaverId,
    item.leaverName,
    item.leaverEmail,
    item.leaverState,
    item.rule,
    item.recipientType,
    item.recipientId,
    item.recipientName,
    item.messageId,
    item.messageCreated,
    item.callerName,
    item.callerAddress,
    item.durationSeconds === null ? '' : String(item.durationSeconds),
    item.outcome,
    item.detail,
    item.forwardedAt,
  ];
}
