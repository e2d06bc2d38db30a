import type { StoreContext } from './context.js';
import type { PlannedForward } from './types.js';

// A pair planned twice (a listing that shifted while it was paged) is kept once.
const INSERT_PLANNED = `
  INSERT OR IGNORE INTO planned_forwards (run_id, message_id, recipient_type, recipient_id,
    recipient_name, leaver_id, leaver_name, leaver_email, leaver_state, rule, message_created,
    caller_name, caller_address, duration_seconds)
  VALUES (@runId, @messageId, @recipientType, @recipientId, @recipientName, @leaverId,
    @leaverName, @leaverEmail, @leaverState, @rule, @messageCreated, @callerName, @callerAddress,
    @durationSeconds)`;

// Keyset paging over the order index: each page starts strictly after the last row returned.
const SELECT_PAGE = `
  SELECT message_id AS messageId, recipient_type AS recipientType, recipient_id AS recipientId,
    recipient_name AS recipientName, leaver_id AS leaverId, leaver_name AS leaverName,
    leaver_email AS leaverEmail, leaver_state AS leaverState, rule,
    message_created AS messageCreated, caller_name AS callerName,
    caller_address AS callerAddress, duration_seconds AS durationSeconds
  FROM planned_forwards
  WHERE run_id = @runId
    AND (message_created, message_id, recipient_type, recipient_id)
      > (@messageCreated, @messageId, @recipientType, @recipientId)
  ORDER BY message_created, message_id, recipient_type, recipient_id
  LIMIT @limit`;

/** Adds planned copies in one transaction; returns how many were new. */
export function addPlannedForwards(
  ctx: StoreContext,
  runId: string,
  planned: PlannedForward[],
): number {
  const insert = ctx.statement(INSERT_PLANNED);
  let added = 0;
  ctx.sqlite.transaction(() => {
    for (const row of planned) added += insert.run({ runId, ...row }).changes;
  })();
  return added;
}

/**
 * A run's planned copies, oldest message first, read a page at a time so that neither memory
 * nor an open statement grows with the backlog.
 */
export function* readPlannedForwards(
  ctx: StoreContext,
  runId: string,
  pageSize = 500,
): Generator<PlannedForward> {
  const page = ctx.statement(SELECT_PAGE);
  let after = { messageCreated: '', messageId: '', recipientType: '', recipientId: '' };
  for (;;) {
    const rows = page.all({ runId, ...after, limit: pageSize }) as PlannedForward[];
    for (const row of rows) yield row;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = {
      messageCreated: last.messageCreated,
      messageId: last.messageId,
      recipientType: last.recipientType,
      recipientId: last.recipientId,
    };
  }
}

export function countPlannedForwards(ctx: StoreContext, runId: string): number {
  const row = ctx
    .statement('SELECT count(*) AS n FROM planned_forwards WHERE run_id = ?')
    .get(runId) as { n: number };
  return row.n;
}

/** Empties the scratch table: at the end of a run, and at the start of the next after a crash. */
export function clearPlannedForwards(ctx: StoreContext): void {
  ctx.statement('DELETE FROM planned_forwards').run();
}
