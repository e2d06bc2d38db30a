import type { RunRecord } from '@handover/store';
import type { ChainStatus } from './chain-status.js';
import { html, type SafeHtml } from './html.js';
import { formatDate, layout, pager, type Viewer } from './layout.js';

const CHAIN_LABELS: Record<ChainStatus['state'], string> = {
  ok: 'verified',
  missing: 'file missing',
  modified: 'file modified',
  'chain-broken': 'chain broken',
  none: '—',
};

/** One run's chain status as a badge with its detail on hover. */
export function chainBadge(status: ChainStatus | undefined): SafeHtml {
  const state = status?.state ?? 'none';
  return html`<span class="chain chain-${state}" title="${status?.detail ?? ''}">${CHAIN_LABELS[state]}</span>`;
}

/** The runs list, newest first, one page of it. */
export function runsPage(input: {
  runs: RunRecord[];
  chain: Map<string, ChainStatus>;
  page: number;
  pages: number;
  total: number;
  viewer: Viewer;
}): SafeHtml {
  const rows = input.runs.map(
    (run) => html`<tr>
<td><a href="/runs/${run.id}">${formatDate(run.startedAt)}</a></td>
<td>${run.mode}</td>
<td><span class="status status-${run.status}">${run.status}</span></td>
<td class="num">${run.counts.leavers}</td>
<td class="num">${run.mode === 'dry-run' ? `${run.counts.planned} planned` : run.counts.forwarded}</td>
<td class="num">${run.counts.retained}</td>
<td class="num">${run.counts.noRecipient}</td>
<td class="num">${run.counts.failed}</td>
<td>${chainBadge(input.chain.get(run.id))}</td>
<td>${
      run.reportSha256 === undefined
        ? ''
        : html`<a class="download" href="/runs/${run.id}/report.csv">CSV</a>`
    }</td>
</tr>`,
  );
  const body = html`<h1>Runs</h1>
<p class="lead">${input.total} run(s), newest first. Each report's file is checked against the SHA-256 its run recorded and against the chain of runs.</p>
${
  input.total === 0
    ? html`<p>No runs yet.</p>`
    : html`<table class="runs">
<thead><tr><th>Started</th><th>Mode</th><th>Status</th><th class="num">Leavers</th><th class="num">Forwarded</th><th class="num">Retained</th><th class="num">No recipient</th><th class="num">Failed</th><th>Hash chain</th><th>Report</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${pager('/runs', new URLSearchParams(), input.page, input.pages)}`
}`;
  return layout('Runs', body, input.viewer);
}
