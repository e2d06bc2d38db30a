import { html, type SafeHtml } from './html.js';

/** Who is signed in, for the page header and its sign-out form. */
export interface Viewer {
  userName: string;
  csrfToken: string;
}

/** A whole page: the shared head, the header with the sign-out form when signed in, the body. */
export function layout(title: string, body: SafeHtml, viewer?: Viewer): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Handover</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header class="top">
<a class="brand" href="/runs">Handover compliance</a>
${
  viewer
    ? html`<form class="signout" method="post" action="/logout">
<span>Signed in as <strong>${viewer.userName}</strong></span>
<input type="hidden" name="csrf" value="${viewer.csrfToken}">
<button type="submit">Sign out</button>
</form>`
    : ''
}
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** A short page for errors and refusals. */
export function messagePage(title: string, text: string, viewer?: Viewer): SafeHtml {
  return layout(
    title,
    html`<h1>${title}</h1>
<p>${text}</p>
<p><a href="/runs">Back to the runs</a></p>`,
    viewer,
  );
}

/** `2026-12-03 02:00:00 UTC`, or an empty string. */
export function formatDate(date: Date | undefined): string {
  return date ? `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '';
}

/** Newer/older links for page `page` of `pages`, keeping the other query parameters. */
export function pager(path: string, query: URLSearchParams, page: number, pages: number): SafeHtml {
  const link = (target: number) => {
    const params = new URLSearchParams(query);
    params.set('page', String(target));
    return `${path}?${params.toString()}`;
  };
  return html`<nav class="pager" aria-label="Pages">
${page > 1 ? html`<a rel="prev" href="${link(page - 1)}">← Newer</a>` : html`<span></span>`}
<span>Page ${page} of ${pages}</span>
${page < pages ? html`<a rel="next" href="${link(page + 1)}">Older →</a>` : html`<span></span>`}
</nav>`;
}
