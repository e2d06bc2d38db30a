import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody, SimHttpError } from './errors.js';
import { issueToken } from './oauth-route.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { OrgState } from './org-state.js';
import { RateLimiter } from './rate-limiter.js';
import type { RouteAnswer, RouteContext } from './route-context.js';
import { matchRoute } from './router.js';
import { SimStatsCounter } from './stats.js';
import { TokenIssuer } from './tokens.js';
import type { OrgSeed, SimUser, Simulator, SimulatorOptions, SimVoicemail } from './types.js';
import { UserSearch } from './user-search.js';

const MAX_BODY_BYTES = 1024 * 1024;
const API_PREFIX = '/api/v2/';

interface RawRequest {
  method: string;
  url: URL;
  authorization: string | undefined;
  body: string;
  tooLarge: boolean;
}

function readRequest(request: IncomingMessage): Promise<RawRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () =>
      resolve({
        method: request.method ?? 'GET',
        url: new URL(request.url ?? '/', 'http://127.0.0.1'),
        authorization: request.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
        tooLarge: size > MAX_BODY_BYTES,
      }),
    );
  });
}

function failure(error: SimHttpError): RouteAnswer {
  // The body is built when written, so that it carries that answer's contextId.
  return { kind: 'json', status: error.status, body: error, headers: error.headers };
}

function parseJsonBody(raw: RawRequest): unknown {
  if (raw.tooLarge) throw new SimHttpError(413, 'request.entity.too.large', 'Body too large');
  if (raw.method !== 'POST' && raw.method !== 'PUT' && raw.method !== 'PATCH') return undefined;
  if (raw.body.trim() === '') return undefined;
  try {
    return JSON.parse(raw.body);
  } catch {
    throw new SimHttpError(400, 'bad.request', 'The request body is not valid JSON');
  }
}

/** The running simulator: org state, auth, limits and faults behind one node:http server. */
class RunningSimulator {
  readonly org: OrgState;
  readonly search: UserSearch;
  readonly stats = new SimStatsCounter();
  readonly tokens: TokenIssuer;
  options: ResolvedOptions;
  limiter: RateLimiter;
  readonly pendingAnswers = new Set<NodeJS.Timeout>();

  constructor(seed: OrgSeed, options: SimulatorOptions) {
    this.options = resolveOptions(options);
    this.org = new OrgState(seed);
    this.search = new UserSearch(this.org);
    this.tokens = new TokenIssuer(seed.clients, () => this.options.now());
    this.limiter = this.newLimiter();
  }

  newLimiter(): RateLimiter {
    const { requestsPerMinute, burstSeconds } = this.options;
    return new RateLimiter(requestsPerMinute, burstSeconds, () => this.options.now());
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.stats.enter();
    response.on('close', () => this.stats.leave());
    const raw = await readRequest(request);
    const path = raw.url.pathname;

    if (path === '/oauth/token' && raw.method === 'POST') {
      this.stats.countRequest('POST /oauth/token');
      const answer = issueToken(
        this.tokens,
        raw.authorization,
        raw.body,
        this.options.tokenLifetimeSeconds,
      );
      if (answer.token) {
        this.stats.tokensIssued++;
        this.options.logger?.debug({ clientId: answer.token.clientId }, 'sim.token.issued');
      }
      this.write(response, { kind: 'json', status: answer.status, body: answer.body }, false);
      return;
    }

    const match = path.startsWith(API_PREFIX) ? matchRoute(raw.method, path) : undefined;
    this.stats.countRequest(match?.name ?? `${raw.method} (unmatched)`);
    const answer = this.answerApi(raw, match);
    if (answer.kind === 'hang') return;
    this.delayThenWrite(response, answer, path.startsWith(API_PREFIX));
  }

  /** Auth, then rate limit, then injected 503s, then the route: a refused request never acts. */
  answerApi(raw: RawRequest, match: ReturnType<typeof matchRoute>): RouteAnswer {
    try {
      if (!raw.url.pathname.startsWith(API_PREFIX)) {
        throw new SimHttpError(404, 'not.found', `No resource at ${raw.url.pathname}`);
      }
      const auth = this.tokens.check(raw.authorization);
      if (!auth.ok) {
        throw auth.reason === 'missing'
          ? new SimHttpError(
              401,
              'authentication.required',
              'No authentication bearer token specified in authorization header.',
            )
          : new SimHttpError(401, 'bad.credentials', 'Invalid login credentials.');
      }
      this.applyLimits(auth.token.accessToken);
      if (!match) {
        throw new SimHttpError(
          404,
          'not.found',
          `No ${raw.method} resource at ${raw.url.pathname}`,
        );
      }
      const context: RouteContext = {
        org: this.org,
        search: this.search,
        options: this.options,
        stats: this.stats,
        token: auth.token,
        params: match.params,
        query: raw.url.searchParams,
        body: parseJsonBody(raw),
      };
      return match.handler(context);
    } catch (error) {
      if (error instanceof SimHttpError) return failure(error);
      this.options.logger?.error({ err: error, path: raw.url.pathname }, 'sim.handler.failed');
      return failure(new SimHttpError(500, 'internal.server.error', 'The simulator failed'));
    }
  }

  applyLimits(accessToken: string): void {
    const decision = this.limiter.take(accessToken);
    if (!decision.allowed) {
      this.stats.rateLimited++;
      this.options.logger?.debug(
        { retryAfterSeconds: decision.retryAfterSeconds },
        'sim.rate.limited',
      );
      throw new SimHttpError(
        429,
        'too.many.requests',
        `Rate limit exceeded the maximum. Retry the request in [${decision.retryAfterSeconds}] seconds`,
        { headers: { 'retry-after': String(decision.retryAfterSeconds) } },
      );
    }
    const { serverErrorShare, random } = this.options;
    if (serverErrorShare > 0 && random() < serverErrorShare) {
      this.stats.serverErrors++;
      this.options.logger?.debug({}, 'sim.server.error.injected');
      throw new SimHttpError(503, 'service.unavailable', 'Service Unavailable');
    }
  }

  delayThenWrite(
    response: ServerResponse,
    answer: Exclude<RouteAnswer, { kind: 'hang' }>,
    api: boolean,
  ): void {
    const latency = api ? this.options.latencyMs : 0;
    if (latency <= 0) {
      this.write(response, answer, api);
      return;
    }
    const timer = setTimeout(() => {
      this.pendingAnswers.delete(timer);
      this.write(response, answer, api);
    }, latency);
    this.pendingAnswers.add(timer);
  }

  write(response: ServerResponse, answer: Exclude<RouteAnswer, { kind: 'hang' }>, api: boolean) {
    if (response.destroyed) return;
    const contextId = randomUUID();
    const body =
      answer.body instanceof SimHttpError ? errorBody(answer.body, contextId) : answer.body;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=UTF-8',
      ...answer.headers,
    };
    if (api) headers['inin-correlation-id'] = contextId;
    response.writeHead(answer.status, headers);
    response.end(JSON.stringify(body));
  }
}

const copyOf = <T extends object>(value: T | undefined): T | undefined =>
  value === undefined ? undefined : { ...value };

/**
 * Starts a Genesys Cloud simulator for `org` on 127.0.0.1 (login and API on one origin).
 * Resolves once listening; `close()` ends every connection, including hanging ones.
 */
export async function startSimulator(
  org: OrgSeed,
  options: SimulatorOptions = {},
): Promise<Simulator> {
  const sim = new RunningSimulator(org, options);
  const server = createServer((request, response) => {
    sim.handle(request, response).catch((error: unknown) => {
      sim.options.logger?.error({ err: error }, 'sim.request.failed');
      response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sim.options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  sim.options.logger?.info({ port }, 'sim.started');

  const viewOf = (message: SimVoicemail): SimVoicemail => ({ ...sim.org.view(message) });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      for (const timer of sim.pendingAnswers) clearTimeout(timer);
      sim.pendingAnswers.clear();
      server.close((error) => (error ? reject(error) : resolve()));
      // Ends keep-alive sockets and deliberately hanging copies, which would block close().
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    /** Idempotent: later calls return the first call's promise. */
    close,
    stats: () => sim.stats.snapshot(),
    resetStats: () => sim.stats.reset(),
    /** `port` cannot change while listening and is ignored here. */
    configure: (changes) => {
      sim.options = resolveOptions(changes, sim.options);
      sim.limiter = sim.newLimiter();
    },
    mailbox: (userId) => sim.org.mailbox({ userId }).map(viewOf),
    groupMailbox: (groupId) => sim.org.mailbox({ groupId }).map(viewOf),
    voicemail: (id) => {
      const message = sim.org.message(id);
      return message ? viewOf(message) : undefined;
    },
    user: (id) => copyOf<SimUser>(sim.org.user(id)),
    setUserState: (id, state) => sim.org.setUserState(id, state),
    addVoicemail: (message) => sim.org.addVoicemail(message),
  };
}
