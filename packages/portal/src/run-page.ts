import { OUTCOMES, type PortalDownload, type RunRecord } from '@handover/store';
import type { ChainStatus } from './chain-status.js';
import { html, type SafeHtml } from './html.js';
import { formatDate, layout, pager, type Viewer } from './layout.js';
import type { RowFilter, RunRows } from './run-rows.js';
import { chainBadge } from './runs-page.js';

/** A run: its facts, the summary by rule and recipient, its filtered rows and download log. */
export function runPage(input: {
  run: RunRecord;
  chain: ChainStatus | undefined;
  rows: RunRows;
  filter: RowFilter;
  page: number;
  pages: number;
  downloads: PortalDownload[];
  viewer: Viewer;
}): SafeHtml {
  const { run, rows } = input;
  const body = html`<p><a href="/runs">← All runs</a></p>
<h1>Run ${run.id}</h1>
${facts(run, input.chain)}
<h2>Summary by rule and recipient</h2>
${summary(rows)}
<h2>Rows</h2>
${filterForm(input.filter)}
<p class="lead">${rows.matching} matching row(s).</p>
${rowTable(rows)}
${input.pages > 1 ? pager(`/runs/${run.id}`, filterQuery(input.filter), input.page, input.pages) : ''}
<h2>Downloads</h2>
${downloadLog(input.downloads)}`;
  return layout(`Run ${run.id}`, body, input.viewer);
}

function facts(run: RunRecord, chain: ChainStatus | undefined): SafeHtml {
  const c = run.counts;
  return html`<dl class="facts">
<dt>Mode</dt><dd>${run.mode} (${run.trigger})</dd>
<dt>Status</dt><dd><span class="status status-${run.status}">${run.status}</span>${run.error ? html` — ${run.error}` : ''}</dd>
<dt>Started</dt><dd>${formatDate(run.startedAt)}</dd>
<dt>Finished</dt><dd>${formatDate(run.finishedAt) || '—'}</dd>
<dt>Counts</dt><dd>${c.leavers} leavers, ${c.forwarded} forwarded, ${c.planned} planned, ${c.retained} retained, ${c.noRecipient} no recipient, ${c.failed} failed, ${c.deferred} deferred, ${c.skipped} skipped</dd>
<dt>Hash chain</dt><dd>${chainBadge(chain)} <code>${chain?.detail ?? ''}</code></dd>
<dt>Report</dt><dd>${
    run.reportSha256 === undefined
      ? 'none'
      : html`<a class="download" href="/runs/${run.id}/report.csv">Download CSV</a> <code>SHA-256 ${run.reportSha256}</code>`
  }</dd>
<dt>Policy</dt><dd><code>SHA-256 ${run.policySha256}</code>, Handover ${run.version}</dd>
</dl>`;
}

function summary(rows: RunRows): SafeHtml {
  if (rows.summary.length === 0) return html`<p>This run has no rows.</p>`;
  return html`<table class="summary">
<thead><tr><th>Rule</th><th>Recipient</th>${rows.outcomes.map((o) => html`<th class="num">${o.replace('_', ' ')}</th>`)}<th class="num">Total</th></tr></thead>
<tbody>
${rows.summary.map(
  (line) =>
    html`<tr><td>${line.rule || '—'}</td><td>${line.recipient || '—'}</td>${rows.outcomes.map(
      (o) => html`<td class="num">${line.counts[o] ?? 0}</td>`,
    )}<td class="num">${line.total}</td></tr>`,
)}
</tbody>
</table>`;
}

function filterForm(filter: RowFilter): SafeHtml {
  return html`<form class="filter" method="get">
<label>Leaver <input name="leaver" value="${filter.leaver}" placeholder="name, email or id"></label>
<label>Outcome <select name="outcome">
<option value="">any</option>
${OUTCOMES.map((o) => html`<option value="${o}"${filter.outcome === o ? html` selected` : ''}>${o}</option>`)}
</select></label>
<button type="submit">Filter</button>
</form>`;
}

function rowTable(rows: RunRows): SafeHtml {
  if (rows.page.length === 0) return html``;
  return html`<table class="rows">
<thead><tr><th>Leaver</th><th>Rule</th><th>Recipient</th><th>Message</th><th>Caller</th><th>Outcome</th><th>Detail</th><th>Forwarded at</th></tr></thead>
<tbody>
${rows.page.map(
  (item) => html`<tr>
<td>${item.leaverName}<br><small>${item.leaverEmail || item.leaverId} · ${item.leaverState}</small></td>
<td>${item.rule}</td>
<td>${item.recipientName || item.recipientId || '—'}${item.recipientType ? html`<br><small>${item.recipientType}</small>` : ''}</td>
<td><code>${item.messageId}</code><br><small>${item.messageCreated}</small></td>
<td>${item.callerName}<br><small>${item.callerAddress}</small></td>
<td><span class="outcome outcome-${item.outcome}">${item.outcome}</span></td>
<td>${item.detail}</td>
<td>${item.forwardedAt}</td>
</tr>`,
)}
</tbody>
</table>`;
}

function downloadLog(downloads: PortalDownload[]): SafeHtml {
  if (downloads.length === 0) return html`<p>Nobody has downloaded this report yet.</p>`;
  return html`<table class="downloads">
<thead><tr><th>When</th><th>Who</th><th>From</th></tr></thead>
<tbody>
${downloads.map((d) => html`<tr><td>${formatDate(d.at)}</td><td>${d.userName}</td><td>${d.ip ?? ''}</td></tr>`)}
</tbody>
</table>`;
}

/** The filter as query parameters, for pager links. */
export function filterQuery(filter: RowFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.leaver !== '') query.set('leaver', filter.leaver);
  if (filter.outcome) query.set('outcome', filter.outcome);
  return query;
}
