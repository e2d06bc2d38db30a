import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

/** The sign-in form; it posts `username` and `password` to /login, plus where to go next. */
export function loginPage(options: { error?: string; next?: string; userName?: string }): SafeHtml {
  return layout(
    'Sign in',
    html`<section class="signin">
<h1>Sign in</h1>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="/login">
<label>User name <input name="username" autocomplete="username" required value="${options.userName ?? ''}"></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ''}
<button type="submit">Sign in</button>
</form>
</section>`,
  );
}
