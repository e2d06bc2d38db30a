import { OUTCOMES, type Outcome, type ReportItem } from '@handover/store';

export interface RowFilter {
  /** Case-insensitive text found in the leaver's id, name or email; '' matches all. */
  leaver: string;
  outcome?: Outcome;
}

export interface SummaryLine {
  rule: string;
  recipient: string;
  counts: Partial<Record<Outcome, number>>;
  total: number;
}

export interface RunRows {
  /** The rows of the asked page that pass the filter, in report order. */
  page: ReportItem[];
  /** How many rows pass the filter. */
  matching: number;
  /** Rows per rule and recipient over the whole run, unfiltered, in first-seen order. */
  summary: SummaryLine[];
  /** Outcomes that occur in the run, in OUTCOMES order. */
  outcomes: Outcome[];
}

export function parseOutcome(value: string | null): Outcome | undefined {
  return OUTCOMES.find((outcome) => outcome === value);
}

/**
 * One pass over a run's report rows: the filtered page and the summary by rule and recipient.
 * The store reads the rows a thousand at a time, so memory stays at one page plus the summary.
 */
export function readRunRows(
  items: Iterable<ReportItem>,
  filter: RowFilter,
  page: { offset: number; limit: number },
): RunRows {
  const needle = filter.leaver.trim().toLowerCase();
  const summary = new Map<string, SummaryLine>();
  const seen = new Set<Outcome>();
  const rows: ReportItem[] = [];
  let matching = 0;

  for (const item of items) {
    seen.add(item.outcome);
    const recipient = item.recipientType === '' ? '' : item.recipientName || item.recipientId;
    const key = `${item.rule}\u0000${item.recipientType}\u0000${item.recipientId}`;
    let line = summary.get(key);
    if (!line) {
      line = { rule: item.rule, recipient, counts: {}, total: 0 };
      summary.set(key, line);
    }
    line.counts[item.outcome] = (line.counts[item.outcome] ?? 0) + 1;
    line.total += 1;

    if (filter.outcome !== undefined && item.outcome !== filter.outcome) continue;
    if (needle !== '' && !leaverText(item).includes(needle)) continue;
    if (matching >= page.offset && rows.length < page.limit) rows.push(item);
    matching += 1;
  }
  return {
    page: rows,
    matching,
    summary: [...summary.values()],
    outcomes: OUTCOMES.filter((outcome) => seen.has(outcome)),
  };
}

function leaverText(item: ReportItem): string {
  return `${item.leaverId}\n${item.leaverName}\n${item.leaverEmail}`.toLowerCase();
}
