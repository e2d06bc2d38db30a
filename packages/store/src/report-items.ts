import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { chunks } from './chunks.js';
import type { StoreContext } from './context.js';
import { reportItems, runs } from './schema.js';
import type { Outcome, ReportItem } from './types.js';

const PAGE = 1000;

// Outcomes that settle a message for good: a later run reports them no more.
const FINAL_OUTCOMES: Outcome[] = ['retained', 'skipped_read', 'skipped_old'];

// Prepared once and run per row: far cheaper than drizzle building multi-row inserts.
const INSERT_ITEM = `
  INSERT INTO report_items (run_id, run_mode, leaver_id, leaver_name, leaver_email, leaver_state,
    rule, recipient_type, recipient_id, recipient_name, message_id, message_created, caller_name,
    caller_address, duration_seconds, outcome, detail, forwarded_at)
  VALUES (@runId, @runMode, @leaverId, @leaverName, @leaverEmail, @leaverState, @rule,
    @recipientType, @recipientId, @recipientName, @messageId, @messageCreated, @callerName,
    @callerAddress, @durationSeconds, @outcome, @detail, @forwardedAt)`;

/** Appends report rows in one transaction; their order is the report's order. */
export function addReportItems(ctx: StoreContext, items: ReportItem[]): void {
  const insert = ctx.statement(INSERT_ITEM);
  ctx.sqlite.transaction(() => {
    for (const item of items) {
      insert.run({
        runId: item.runId,
        runMode: item.runMode,
        leaverId: item.leaverId,
        leaverName: item.leaverName,
        leaverEmail: item.leaverEmail,
        leaverState: item.leaverState,
        rule: item.rule,
        recipientType: item.recipientType,
        recipientId: item.recipientId,
        recipientName: item.recipientName,
        messageId: item.messageId,
        messageCreated: item.messageCreated,
        callerName: item.callerName,
        callerAddress: item.callerAddress,
        durationSeconds: item.durationSeconds,
        outcome: item.outcome,
        detail: item.detail,
        forwardedAt: item.forwardedAt,
      });
    }
  })();
}

/**
 * A run's report rows in insertion order. Read a page at a time rather than through one open
 * statement, so the connection stays free for writes (a lock heartbeat) while a consumer awaits.
 */
export function* readReportItems(ctx: StoreContext, runId: string): Generator<ReportItem> {
  let after = 0;
  for (;;) {
    const rows = ctx.db
      .select()
      .from(reportItems)
      .where(and(eq(reportItems.runId, runId), gt(reportItems.seq, after)))
      .orderBy(asc(reportItems.seq))
      .limit(PAGE)
      .all();
    for (const { seq, ...item } of rows) {
      after = seq;
      yield item;
    }
    if (rows.length < PAGE) return;
  }
}

/**
 * Final outcomes (retained, skipped_read, skipped_old) that live runs already reported for these
 * messages, latest first wins. Dry runs do not count: they only preview.
 */
export function reportedMessageOutcomes(
  ctx: StoreContext,
  messageIds: string[],
): Map<string, Outcome> {
  const outcomes = new Map<string, Outcome>();
  for (const chunk of chunks([...new Set(messageIds)])) {
    const rows = ctx.db
      .select({ messageId: reportItems.messageId, outcome: reportItems.outcome })
      .from(reportItems)
      .innerJoin(runs, eq(runs.id, reportItems.runId))
      .where(
        and(
          inArray(reportItems.messageId, chunk),
          inArray(reportItems.outcome, FINAL_OUTCOMES),
          eq(runs.mode, 'live'),
        ),
      )
      .orderBy(asc(reportItems.seq))
      .all();
    for (const row of rows) outcomes.set(row.messageId, row.outcome);
  }
  return outcomes;
}
