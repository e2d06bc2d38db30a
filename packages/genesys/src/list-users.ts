import { GenesysError, isGenesysError } from './genesys-error.js';
import { mapAll, toDirectoryUser } from './map-models.js';
import { type NextPage, nextPageOf } from './paging.js';
import type { DirectoryUser, Logger, UserState } from './types.js';
import type { WireListing, WireSearchPage, WireUser } from './wire-types.js';

/** The two ways to read users, as the client sends them. */
export interface UserPageSource {
  listPage(state: UserState, page: NextPage): Promise<WireListing<WireUser>>;
  /** Users in `state` whose email starts with `emailPrefix` ('' for all of them). */
  searchPage(
    state: UserState,
    emailPrefix: string,
    page: NextPage,
  ): Promise<WireSearchPage<WireUser>>;
}

/** Genesys refuses listing and search pages past this many results. */
export const listingCeiling = 10_000;
const searchPageSize = 100;
/** Email prefixes get no longer than this; more users than the ceiling behind it is an error. */
const maxPrefixLength = 32;
/** First characters tried first; the rest only when the alphanumerics did not cover everyone. */
const alphanumerics = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const otherFirstCharacters = [..."._-+'!#$%&*/=?^`{|}~"];
/** Characters that can follow within an address, '@' included. */
const followingCharacters = [...alphanumerics, ...otherFirstCharacters, '@'];

/**
 * Yields every user in `state` exactly once, page by page. Pages through GET /api/v2/users
 * while that stays under Genesys' result window; when the listing is bigger than the window (or
 * the server refuses a page), switches to /users/search partitioned by email prefix, splitting a
 * prefix further while it alone holds more users than the window. Memory holds at most one
 * window of ids, never the users.
 */
export async function* listUsersExhaustively(
  source: UserPageSource,
  state: UserState,
  pageSize: number,
  logger?: Logger,
): AsyncGenerator<DirectoryUser[]> {
  const listed = new Set<string>();
  let page: NextPage | undefined = { pageNumber: 1, pageSize };
  let ceiling = listingCeiling;

  while (page !== undefined) {
    let answer: WireListing<WireUser>;
    try {
      answer = await source.listPage(state, page);
    } catch (error) {
      // The window is smaller than we assumed: the server just told us where it ends.
      if (page.pageNumber > 1 && isGenesysError(error, 'bad_request')) {
        ceiling = (page.pageNumber - 1) * page.pageSize;
        logger?.info({ state, ceiling }, 'user listing hit the result window, searching instead');
        break;
      }
      throw error;
    }
    if (page.pageNumber === 1 && (answer.total ?? 0) > ceiling) {
      logger?.info({ state, total: answer.total, ceiling }, 'user listing over the result window');
      break;
    }
    const users = mapAll(answer.entities, toDirectoryUser);
    for (const user of users) listed.add(user.id);
    if (users.length > 0) yield users;
    page = nextPageOf(
      { ...answer, next: answer.nextUri, itemCount: answer.entities?.length ?? 0 },
      page,
    );
    if (page === undefined) return;
  }

  yield* searchByEmailPrefix(source, state, ceiling, listed, logger);
}

async function* searchByEmailPrefix(
  source: UserPageSource,
  state: UserState,
  ceiling: number,
  alreadyYielded: ReadonlySet<string>,
  logger?: Logger,
): AsyncGenerator<DirectoryUser[]> {
  const everyone = await source.searchPage(state, '', { pageNumber: 1, pageSize: 1 });
  const total = everyone.total ?? 0;
  let yielded = alreadyYielded.size;

  for (const firstCharacters of [alphanumerics, otherFirstCharacters]) {
    if (yielded >= total) break;
    const prefixes = [...firstCharacters].reverse();
    while (prefixes.length > 0) {
      const prefix = prefixes.pop() ?? '';
      const partition = searchPartition(source, state, prefix, ceiling);
      for await (const chunk of partition) {
        if (chunk === 'split') {
          if (prefix.length >= maxPrefixLength) {
            throw new GenesysError(
              'config',
              `More than ${ceiling} ${state} users have emails starting with "${prefix}"`,
            );
          }
          prefixes.push(...[...followingCharacters].reverse().map((next) => prefix + next));
          break;
        }
        const fresh = chunk.filter((user) => !alreadyYielded.has(user.id));
        yielded += fresh.length;
        if (fresh.length > 0) yield fresh;
      }
    }
  }

  if (yielded < total) {
    // Addresses starting with characters outside our alphabet (non-ASCII) are not reachable
    // by prefix; say so loudly rather than pretend the listing is complete.
    logger?.warn({ state, total, yielded }, 'some users were not reachable by email prefix');
  }
}

/**
 * One prefix's users page by page, or 'split' (before yielding anything) when the prefix holds
 * more users than the window allows.
 */
async function* searchPartition(
  source: UserPageSource,
  state: UserState,
  prefix: string,
  ceiling: number,
): AsyncGenerator<DirectoryUser[] | 'split'> {
  let page: NextPage | undefined = { pageNumber: 1, pageSize: searchPageSize };
  const seen = new Set<string>();
  while (page !== undefined) {
    const answer = await source.searchPage(state, prefix, page);
    if (page.pageNumber === 1 && (answer.total ?? 0) > ceiling) {
      yield 'split';
      return;
    }
    // Search results have no guaranteed order across pages; never yield a user twice.
    const users = mapAll(answer.results, toDirectoryUser).filter((user) => {
      if (seen.has(user.id)) return false;
      seen.add(user.id);
      return true;
    });
    if (users.length > 0) yield users;
    page = nextPageOf(
      { ...answer, next: answer.nextPage, itemCount: answer.results?.length ?? 0 },
      page,
    );
  }
}
