import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderReport, reportFileName } from '@handover/reports';
import type { Store } from '@handover/store';
import { ChainChecker } from './chain-status.js';
import { PortalError } from './errors.js';
import { attachment, readCookies, readForm, redirect, SECURITY_HEADERS, sendHtml } from './http.js';
import { messagePage, type Viewer } from './layout.js';
import { type Logger, silentLogger } from './logger.js';
import { loginPage } from './login-page.js';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './password.js';
import { runPage } from './run-page.js';
import { parseOutcome, readRunRows } from './run-rows.js';
import { runsPage } from './runs-page.js';
import {
  cookieName,
  csrfMatches,
  csrfToken,
  DEFAULT_SESSIONS,
  endSession,
  resumeSession,
  type SessionPolicy,
  sessionCookie,
  startSession,
} from './sessions.js';

export interface LoginLimit {
  /** Failed sign-ins allowed per user name inside the window before answering 429. */
  perUser: number;
  /** Failed sign-ins allowed per client address inside the window (several people may share one). */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = {
  perUser: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
};

export interface PortalOptions {
  store: Store;
  host: string;
  /** 0 picks a free port; the answer's url tells which. */
  port: number;
  /** Marks the session cookie Secure (and `__Host-`); set when users reach it over HTTPS. */
  secureCookies: boolean;
  logger?: Logger;
  now?: () => Date;
  loginLimit?: LoginLimit;
  sessions?: SessionPolicy;
}

export interface RunningPortal {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const RUNS_PER_PAGE = 25;
const ROWS_PER_PAGE = 50;
// Run ids are `20261203T020000Z-7f3a`; anything with dots, slashes or escapes is not one.
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const STYLE = readFileSync(new URL('./style.css', import.meta.url));

type Route =
  | { page: 'home' }
  | { page: 'login' }
  | { page: 'logout' }
  | { page: 'style' }
  | { page: 'favicon' }
  | { page: 'runs' }
  | { page: 'run'; runId: string }
  | { page: 'report'; runId: string };

/** Matches the raw, undecoded path: an encoded slash or dot can never reach a run id. */
function route(path: string): Route | undefined {
  if (path === '/') return { page: 'home' };
  if (path === '/login') return { page: 'login' };
  if (path === '/logout') return { page: 'logout' };
  if (path === '/style.css') return { page: 'style' };
  if (path === '/favicon.ico') return { page: 'favicon' };
  if (path === '/runs') return { page: 'runs' };
  const parts = path.split('/');
  const runId = parts[2] ?? '';
  if (parts[0] !== '' || parts[1] !== 'runs' || !RUN_ID.test(runId)) return undefined;
  if (parts.length === 3) return { page: 'run', runId };
  if (parts.length === 4 && parts[3] === 'report.csv') return { page: 'report', runId };
  return undefined;
}

/** Only our own page addresses are accepted as where to go after signing in. */
function safeNext(next: string | null): string | undefined {
  if (!next) return undefined;
  const [path = '', query] = next.split('?', 2);
  const target = route(path);
  if (!target || target.page === 'login' || target.page === 'logout') return undefined;
  return query === undefined ? path : `${path}?${new URLSearchParams(query).toString()}`;
}

function pageNumber(value: string | null, pages: number): number {
  const n = Number(value ?? '1');
  return Number.isInteger(n) && n >= 1 ? Math.min(n, pages) : 1;
}

/**
 * Serves the compliance portal on node:http until closed: sign-in, the runs list, a run's page
 * and its report download. Every page and download needs a session. It reads runs and report
 * rows and writes only sessions, failed sign-ins and the download log. Reports are rebuilt from
 * the database by run id and served only when their SHA-256 equals the one the run recorded;
 * no file is ever opened by a path taken from a request.
 */
export async function startPortal(options: PortalOptions): Promise<RunningPortal> {
  const store = options.store;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const limit = options.loginLimit ?? DEFAULT_LOGIN_LIMIT;
  const sessions = options.sessions ?? DEFAULT_SESSIONS;
  const secure = options.secureCookies;
  const chain = new ChainChecker(store);
  // Unknown user names are checked against this too, so timing does not tell which names exist.
  const decoy = hashPassword('decoy password that matches nothing', DEFAULT_SCRYPT);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    const queryAt = raw.indexOf('?');
    const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
    const query = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
    const target = route(path);
    const method = req.method ?? 'GET';
    const ip = req.socket.remoteAddress ?? 'unknown';

    if (!target) return sendHtml(res, 404, messagePage('Not found', 'There is no such page.'));
    if (target.page === 'style') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/css; charset=utf-8',
        'Content-Length': String(STYLE.length),
      });
      res.end(STYLE);
      return;
    }
    if (target.page === 'favicon') {
      // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
      res.writeHead(204, SECURITY_HEADERS);
      res.end();
      return;
    }
    if (target.page === 'login') {
      if (method === 'POST') return signIn(req, res, ip);
      return sendHtml(res, 200, loginPage({ next: safeNext(query.get('next')) }));
    }

    const token = readCookies(req).get(cookieName(secure));
    const session = resumeSession(store, token, now(), sessions);
    if (!session || token === undefined) {
      if (method !== 'GET') return redirect(res, '/login');
      const next = target.page === 'home' ? '' : `?next=${encodeURIComponent(raw)}`;
      return redirect(res, `/login${next}`);
    }
    const viewer: Viewer = { userName: session.userName, csrfToken: csrfToken(token) };

    if (target.page === 'logout') {
      const form = method === 'POST' ? await readForm(req) : undefined;
      if (!form || !csrfMatches(token, form.get('csrf') ?? '')) {
        return sendHtml(res, 403, messagePage('Refused', 'Use the Sign out button.', viewer));
      }
      endSession(store, token);
      logger.info({ userName: session.userName, ip }, 'portal.signed_out');
      return redirect(res, '/login', { 'Set-Cookie': sessionCookie('', secure, 0) });
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return sendHtml(res, 405, messagePage('Not allowed', 'This page only reads.', viewer), {
        Allow: 'GET, HEAD',
      });
    }
    if (target.page === 'home') return redirect(res, '/runs');
    if (target.page === 'runs') return listRuns(res, query, viewer);
    if (target.page === 'run') return showRun(res, target.runId, query, viewer);
    return download(res, target.runId, viewer, ip);
  }

  async function signIn(req: IncomingMessage, res: ServerResponse, ip: string): Promise<void> {
    const form = await readForm(req);
    if (!form) {
      return sendHtml(res, 400, loginPage({ error: 'The sign-in form was not understood.' }));
    }
    const userName = form.get('username') ?? '';
    const password = form.get('password') ?? '';
    const next = safeNext(form.get('next'));
    const at = now();

    const failures = store.countPortalLoginFailures({
      userName,
      ip,
      since: new Date(at.getTime() - limit.windowMs),
    });
    if (failures.byUser >= limit.perUser || failures.byIp >= limit.perAddress) {
      logger.warn({ userName, ip, ...failures }, 'portal.sign_in_limited');
      const minutes = Math.ceil(limit.windowMs / 60_000);
      return sendHtml(
        res,
        429,
        loginPage({
          error: `Too many failed sign-ins. Try again in ${minutes} minutes.`,
          userName,
        }),
        { 'Retry-After': String(Math.ceil(limit.windowMs / 1000)) },
      );
    }

    const credentials = store.portalCredentials(userName);
    const ok = await verifyPassword(password, credentials ?? (await decoy));
    if (!credentials || !ok) {
      store.recordPortalLoginFailure({ userName, ip, at });
      logger.warn({ userName, ip }, 'portal.sign_in_failed');
      return sendHtml(
        res,
        401,
        loginPage({ error: 'Wrong user name or password.', userName, ...(next && { next }) }),
      );
    }

    store.clearPortalLoginFailures({ userName });
    store.clearPortalLoginFailures({ before: new Date(at.getTime() - 24 * 3_600_000) });
    store.deleteStalePortalSessions(at, new Date(at.getTime() - sessions.idleMs));
    const token = startSession(store, userName, at, sessions);
    logger.info({ userName, ip }, 'portal.signed_in');
    return redirect(res, next ?? '/runs', {
      'Set-Cookie': sessionCookie(token, secure, Math.floor(sessions.lifetimeMs / 1000)),
    });
  }

  async function listRuns(res: ServerResponse, query: URLSearchParams, viewer: Viewer) {
    const total = store.countRuns();
    const pages = Math.max(1, Math.ceil(total / RUNS_PER_PAGE));
    const page = pageNumber(query.get('page'), pages);
    const runs = store.listRuns({ limit: RUNS_PER_PAGE, offset: (page - 1) * RUNS_PER_PAGE });
    const statuses = await chain.statusOf(runs);
    sendHtml(res, 200, runsPage({ runs, chain: statuses, page, pages, total, viewer }));
  }

  async function showRun(
    res: ServerResponse,
    runId: string,
    query: URLSearchParams,
    viewer: Viewer,
  ) {
    const run = store.getRun(runId);
    if (!run) return notFoundRun(res, viewer);
    const filter = {
      leaver: query.get('leaver') ?? '',
      outcome: parseOutcome(query.get('outcome')),
    };
    // One pass in the usual case; a page past the end is read again as the last page.
    const asked = pageNumber(query.get('page'), Number.MAX_SAFE_INTEGER);
    const read = (page: number) =>
      readRunRows(store.reportItems(runId), filter, {
        offset: (page - 1) * ROWS_PER_PAGE,
        limit: ROWS_PER_PAGE,
      });
    let rows = read(asked);
    const pages = Math.max(1, Math.ceil(rows.matching / ROWS_PER_PAGE));
    const page = Math.min(asked, pages);
    if (page !== asked) rows = read(page);
    const statuses = await chain.statusOf([run]);
    sendHtml(
      res,
      200,
      runPage({
        run,
        chain: statuses.get(run.id),
        rows,
        filter,
        page,
        pages,
        downloads: store.portalDownloads(runId),
        viewer,
      }),
    );
  }

  function download(res: ServerResponse, runId: string, viewer: Viewer, ip: string) {
    const run = store.getRun(runId);
    if (!run) return notFoundRun(res, viewer);
    if (run.reportSha256 === undefined) {
      return sendHtml(res, 404, messagePage('No report', 'This run has no report.', viewer));
    }
    const body = Buffer.from(renderReport(store.reportItems(runId)), 'utf8');
    const digest = createHash('sha256').update(body);
    const sha256 = digest.copy().digest('hex');
    if (sha256 !== run.reportSha256) {
      logger.error(
        { runId, recorded: run.reportSha256, rebuilt: sha256 },
        'portal.report_hash_mismatch',
      );
      return sendHtml(
        res,
        409,
        messagePage(
          'Report does not match its record',
          `The rows in the database give SHA-256 ${sha256}, but the run recorded ` +
            `${run.reportSha256}. Nothing was downloaded; ask an administrator to run ` +
            '"handover runs verify".',
          viewer,
        ),
      );
    }
    store.recordPortalDownload({ userName: viewer.userName, runId, at: now(), ip });
    logger.info({ runId, userName: viewer.userName, ip }, 'portal.report_downloaded');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(reportFileName(run)),
      'Content-Length': String(body.length),
      'Repr-Digest': `sha-256=:${digest.digest('base64')}:`,
    });
    res.end(body);
  }

  function notFoundRun(res: ServerResponse, viewer: Viewer) {
    sendHtml(res, 404, messagePage('Run not found', 'There is no run with this id.', viewer));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, 'portal.request_failed');
      if (!res.headersSent) {
        sendHtml(res, 500, messagePage('Something went wrong', 'The error has been logged.'));
      } else {
        res.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new PortalError(
          'portal.listen',
          `cannot listen on ${options.host}:${options.port}: ${error.message}`,
          { cause: error, context: { host: options.host, port: options.port } },
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url }, 'portal.listening');

  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
