import { GenesysError, isGenesysError } from './genesys-error.js';
import { listUsersExhaustively, type UserPageSource } from './list-users.js';
import { mapAll, toDirectoryUser, toGroup, toMailbox, toVoicemail } from './map-models.js';
import { type NextPage, nextPageOf } from './paging.js';
import { RequestPacer } from './request-pacer.js';
import { createSdkClient, type SdkHandles } from './sdk-client.js';
import { TimerSet } from './timer-set.js';
import { TokenKeeper } from './token-keeper.js';
import { type Operation, Transport } from './transport.js';
import type {
  ClientStats,
  DirectoryUser,
  GenesysClient,
  GenesysOptions,
  Group,
  Mailbox,
  Recipient,
  UserState,
  Voicemail,
} from './types.js';
import type {
  WireGroup,
  WireListing,
  WireMailbox,
  WireSearchPage,
  WireUser,
  WireVoicemail,
} from './wire-types.js';

const userExpand = ['groups', 'locations'];
/** Ids per bulk GET /api/v2/users; the query string stays well under URL limits. */
const idsPerLookup = 100;
/** Values per search criterion. */
const valuesPerSearch = 50;
const searchPageSize = 100;
const allStates = ['active', 'inactive', 'deleted'];

/**
 * Logs in with the client-credentials grant and returns a client for the endpoints Handover
 * uses. Rejects with kind 'auth' when Genesys refuses the credentials and kind 'config' for
 * unusable options.
 */
export async function connectGenesys(options: GenesysOptions): Promise<GenesysClient> {
  validate(options);
  const timers = new TimerSet();
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = timers.wrap(options.sleep);
  const maxAttempts = options.maxAttempts ?? 8;
  // Capped exponential backoff (200 ms doubling to 5 s) with jitter over its upper half, so
  // retries from many calls spread out.
  const backoffMs = (attempt: number) =>
    Math.min(5_000, 200 * 2 ** (attempt - 1)) * (0.5 + random() / 2);

  const sdk = createSdkClient({
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }),
    ...(options.loginUrl === undefined ? {} : { loginUrl: options.loginUrl }),
  });
  const pacer = new RequestPacer({
    requestsPerMinute: options.requestsPerMinute ?? 300,
    now,
    sleep,
  });
  let transport: Transport | undefined;
  const tokens = new TokenKeeper({
    apiClient: sdk.apiClient,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    maxAttempts,
    now,
    sleep,
    backoffMs,
    onRequest: () => transport?.countRequest('POST /oauth/token'),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  transport = new Transport({
    pacer,
    tokens,
    concurrency: options.concurrency ?? 8,
    maxAttempts,
    now,
    sleep,
    backoffMs,
    secrets: () => [options.clientSecret, currentToken(sdk)].filter((s) => s !== ''),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });

  try {
    await tokens.ensureFresh();
  } catch (error) {
    timers.close();
    throw error;
  }
  return new SdkGenesysClient(sdk, transport, timers, options);
}

function validate(options: GenesysOptions): void {
  if (options.clientId === '' || options.clientSecret === '') {
    throw new GenesysError('config', 'Genesys client id and secret are required');
  }
  const positive = {
    requestsPerMinute: options.requestsPerMinute,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
  };
  for (const [name, value] of Object.entries(positive)) {
    if (value !== undefined && !(value > 0)) {
      throw new GenesysError('config', `${name} must be a positive number, got ${value}`);
    }
  }
}

function currentToken(sdk: SdkHandles): string {
  // The SDK keeps the token on an untyped field; read only to scrub it from messages.
  const holder = sdk.apiClient as unknown as { authData?: { accessToken?: unknown } };
  const token = holder.authData?.accessToken;
  return typeof token === 'string' ? token : '';
}

class SdkGenesysClient implements GenesysClient {
  readonly #sdk: SdkHandles;
  readonly #transport: Transport;
  readonly #timers: TimerSet;
  readonly #options: GenesysOptions;
  #closed = false;

  constructor(sdk: SdkHandles, transport: Transport, timers: TimerSet, options: GenesysOptions) {
    this.#sdk = sdk;
    this.#transport = transport;
    this.#timers = timers;
    this.#options = options;
  }

  listUsers(
    state: UserState,
    options: { pageSize?: number } = {},
  ): AsyncGenerator<DirectoryUser[]> {
    const source: UserPageSource = {
      listPage: (listState, page) =>
        this.#send<WireListing<WireUser>>(
          { method: 'GET', route: 'GET /api/v2/users', path: '/api/v2/users' },
          () => this.#sdk.users.getUsers({ ...page, state: listState, expand: userExpand }),
        ),
      searchPage: (searchState, prefix, page) =>
        this.#searchUsers(
          [
            { type: 'EXACT', fields: ['state'], values: [searchState] },
            ...(prefix === ''
              ? []
              : [{ type: 'STARTS_WITH', fields: ['email'], values: [prefix] }]),
          ],
          page,
        ),
    };
    return listUsersExhaustively(source, state, options.pageSize ?? 500, this.#options.logger);
  }

  async getUsers(ids: string[]): Promise<DirectoryUser[]> {
    const result: DirectoryUser[] = [];
    for (const chunk of chunks(unique(ids), idsPerLookup)) {
      let page: NextPage | undefined = { pageNumber: 1, pageSize: chunk.length };
      while (page !== undefined) {
        const request: NextPage = page;
        const answer = await this.#send<WireListing<WireUser>>(
          { method: 'GET', route: 'GET /api/v2/users', path: '/api/v2/users' },
          () =>
            this.#sdk.users.getUsers({ ...request, id: chunk, state: 'any', expand: userExpand }),
        );
        result.push(...mapAll(answer.entities, toDirectoryUser));
        const info = { ...answer, next: answer.nextUri, itemCount: answer.entities?.length ?? 0 };
        page = nextPageOf(info, request);
      }
    }
    return result;
  }

  async getUser(id: string): Promise<DirectoryUser | undefined> {
    // Genesys returns active and inactive users without a state, deleted ones only when asked.
    for (const state of [undefined, 'deleted']) {
      const operation: Operation = {
        method: 'GET',
        route: 'GET /api/v2/users/{id}',
        path: `/api/v2/users/${id}`,
      };
      const options = state === undefined ? { expand: userExpand } : { expand: userExpand, state };
      const wire = await this.#orNotFound(
        this.#send<WireUser>(operation, () => this.#sdk.users.getUser(id, options)),
      );
      if (wire !== undefined) return toDirectoryUser(wire);
    }
    return undefined;
  }

  async findUsersByEmail(emails: string[]): Promise<DirectoryUser[]> {
    const found = new Map<string, DirectoryUser>();
    for (const chunk of chunks(
      unique(emails.map((email) => email.toLowerCase())),
      valuesPerSearch,
    )) {
      const query = [
        { type: 'EXACT', fields: ['email'], values: chunk },
        { type: 'EXACT', fields: ['state'], values: allStates },
      ];
      for await (const users of this.#searchAllUsers(query)) {
        for (const user of users) {
          if (chunk.includes(user.email?.toLowerCase() ?? '')) found.set(user.id, user);
        }
      }
    }
    return [...found.values()];
  }

  async getGroup(id: string): Promise<Group | undefined> {
    const operation: Operation = {
      method: 'GET',
      route: 'GET /api/v2/groups/{id}',
      path: `/api/v2/groups/${id}`,
    };
    const wire = await this.#orNotFound(
      this.#send<WireGroup>(operation, () => this.#sdk.groups.getGroup(id)),
    );
    return wire === undefined ? undefined : toGroup(wire);
  }

  async findGroupsByName(names: string[]): Promise<Group[]> {
    const found = new Map<string, Group>();
    for (const chunk of chunks(unique(names.map((name) => name.toLowerCase())), valuesPerSearch)) {
      let page: NextPage | undefined = { pageNumber: 1, pageSize: searchPageSize };
      while (page !== undefined) {
        const request: NextPage = page;
        const answer = await this.#send<WireSearchPage<WireGroup>>(
          { method: 'POST', route: 'POST /api/v2/groups/search', path: '/api/v2/groups/search' },
          () =>
            this.#sdk.groups.postGroupsSearch({
              ...request,
              query: [{ type: 'EXACT', fields: ['name'], values: chunk }],
            }),
        );
        // Search matching is looser than equality on some fields; keep only exact names.
        for (const group of mapAll(answer.results, toGroup)) {
          if (chunk.includes(group.name.toLowerCase())) found.set(group.id, group);
        }
        const info = { ...answer, next: answer.nextPage, itemCount: answer.results?.length ?? 0 };
        page = nextPageOf(info, request);
      }
    }
    return [...found.values()];
  }

  async getMailbox(userId: string): Promise<Mailbox> {
    const operation: Operation = {
      method: 'GET',
      route: 'GET /api/v2/voicemail/users/{userId}/mailbox',
      path: `/api/v2/voicemail/users/${userId}/mailbox`,
    };
    const wire = await this.#send<WireMailbox>(operation, () =>
      this.#sdk.voicemail.getVoicemailUserMailbox(userId),
    );
    return toMailbox(wire);
  }

  async *listVoicemails(
    userId: string,
    options: { pageSize?: number } = {},
  ): AsyncGenerator<Voicemail[]> {
    const operation: Operation = {
      method: 'GET',
      route: 'GET /api/v2/voicemail/users/{userId}/messages',
      path: `/api/v2/voicemail/users/${userId}/messages`,
    };
    let page: NextPage | undefined = { pageNumber: 1, pageSize: options.pageSize ?? 100 };
    while (page !== undefined) {
      const request: NextPage = page;
      const answer = await this.#send<WireListing<WireVoicemail>>(operation, () =>
        this.#sdk.voicemail.getVoicemailUserMessages(userId, request),
      );
      const messages = mapAll(answer.entities, toVoicemail);
      if (messages.length > 0) yield messages;
      const info = { ...answer, next: answer.nextUri, itemCount: answer.entities?.length ?? 0 };
      page = nextPageOf(info, request);
    }
  }

  async getVoicemail(id: string): Promise<Voicemail | undefined> {
    const operation: Operation = {
      method: 'GET',
      route: 'GET /api/v2/voicemail/messages/{messageId}',
      path: `/api/v2/voicemail/messages/${id}`,
    };
    const wire = await this.#orNotFound(
      this.#send<WireVoicemail>(operation, () => this.#sdk.voicemail.getVoicemailMessage(id)),
    );
    return wire === undefined ? undefined : toVoicemail(wire);
  }

  async copyVoicemail(messageId: string, to: Recipient): Promise<Voicemail> {
    const operation: Operation = {
      method: 'POST',
      route: 'POST /api/v2/voicemail/messages',
      path: '/api/v2/voicemail/messages',
      unsafe: true,
    };
    const body =
      to.type === 'user'
        ? { voicemailMessageId: messageId, userId: to.id }
        : { voicemailMessageId: messageId, groupId: to.id };
    const wire = await this.#send<WireVoicemail>(operation, () =>
      this.#sdk.voicemail.postVoicemailMessages({ body }),
    );
    const copy = toVoicemail(wire);
    if (copy === undefined) {
      // The copy exists but we cannot name it; the caller settles it like any ambiguous copy.
      throw new GenesysError('ambiguous', `Copy of voicemail ${messageId} answered without an id`);
    }
    return copy;
  }

  stats(): ClientStats {
    return this.#transport.stats();
  }

  close(): void {
    this.#closed = true;
    this.#timers.close();
  }

  async *#searchAllUsers(query: object[]): AsyncGenerator<DirectoryUser[]> {
    let page: NextPage | undefined = { pageNumber: 1, pageSize: searchPageSize };
    while (page !== undefined) {
      const request: NextPage = page;
      const answer = await this.#searchUsers(query, request);
      yield mapAll(answer.results, toDirectoryUser);
      const info = { ...answer, next: answer.nextPage, itemCount: answer.results?.length ?? 0 };
      page = nextPageOf(info, request);
    }
  }

  #searchUsers(query: object[], page: NextPage): Promise<WireSearchPage<WireUser>> {
    return this.#send<WireSearchPage<WireUser>>(
      { method: 'POST', route: 'POST /api/v2/users/search', path: '/api/v2/users/search' },
      () =>
        this.#sdk.users.postUsersSearch({
          ...page,
          expand: userExpand,
          query: query as Array<{ type: string }>,
        }),
    );
  }

  #send<T>(operation: Operation, call: () => Promise<unknown>): Promise<T> {
    if (this.#closed) {
      return Promise.reject(
        new GenesysError('config', `Genesys client is closed (${operation.route})`),
      );
    }
    return this.#transport.send<T>(operation, call);
  }

  async #orNotFound<T>(pending: Promise<T>): Promise<T | undefined> {
    try {
      return await pending;
    } catch (error) {
      if (isGenesysError(error, 'not_found')) return undefined;
      throw error;
    }
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}
