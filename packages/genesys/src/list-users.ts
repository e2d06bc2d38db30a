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
      if (!isGenesysError(error, 'bad_request')) throw error;
      // A window smaller than one page: ask for smaller pages until one fits.
      if (page.pageNumber === 1 && page.pageSize > 1) {
        page = { pageNumber: 1, pageSize: Math.floor(page.pageSize / 2) };
        continue;
      }
      if (page.pageNumber === 1) throw error;
      // The window is smaller than we assumed: the server just told us where it ends.
      ceiling = (page.pageNumber - 1) * page.pageSize;
      logger?.info({ state, ceiling }, 'user listing hit the result window, searching instead');
      break;
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

interface Partition {
  prefix: string;
  /** Users a parent partition already yielded before it had to be split. */
  alreadyYielded?: ReadonlySet<string>;
}

async function* searchByEmailPrefix(
  source: UserPageSource,
  state: UserState,
  initialCeiling: number,
  listed: ReadonlySet<string>,
  logger?: Logger,
): AsyncGenerator<DirectoryUser[]> {
  const everyone = await source.searchPage(state, '', { pageNumber: 1, pageSize: 1 });
  const total = everyone.total ?? 0;
  let ceiling = initialCeiling;
  let yielded = listed.size;

  for (const firstCharacters of [alphanumerics, otherFirstCharacters]) {
    if (yielded >= total) break;
    const partitions: Partition[] = firstCharacters.map((prefix) => ({ prefix })).reverse();
    for (let partition = partitions.pop(); partition !== undefined; partition = partitions.pop()) {
      const { prefix } = partition;
      const seen = new Set<string>(partition.alreadyYielded);
      const outcome = yield* searchPartition(source, state, prefix, ceiling, listed, seen);
      yielded += outcome.yielded;
      if (outcome.type === 'done') continue;
      if (outcome.ceiling !== undefined) ceiling = outcome.ceiling;
      if (prefix.length >= maxPrefixLength) {
        throw new GenesysError(
          'config',
          `More than ${ceiling} ${state} users have emails starting with "${prefix}"`,
        );
      }
      const children = followingCharacters.map((next) => ({
        prefix: prefix + next,
        ...(seen.size === 0 ? {} : { alreadyYielded: seen }),
      }));
      partitions.push(...children.reverse());
    }
  }

  if (yielded < total) {
    // Addresses starting with characters outside our alphabet (non-ASCII) are not reachable
    // by prefix; say so loudly rather than pretend the listing is complete.
    logger?.warn({ state, total, yielded }, 'some users were not reachable by email prefix');
  }
}

type PartitionOutcome =
  | { type: 'done'; yielded: number }
  /** Too many users behind this prefix; `ceiling` is set when the server revealed a lower one. */
  | { type: 'split'; yielded: number; ceiling?: number };

/**
 * Yields one prefix's users page by page, skipping ids in `listed` and `seen` (and adding what
 * it yields to `seen`), or stops early when the prefix holds more users than the window.
 */
async function* searchPartition(
  source: UserPageSource,
  state: UserState,
  prefix: string,
  ceiling: number,
  listed: ReadonlySet<string>,
  seen: Set<string>,
): AsyncGenerator<DirectoryUser[], PartitionOutcome> {
  let page: NextPage | undefined = {
    pageNumber: 1,
    pageSize: Math.max(1, Math.min(searchPageSize, ceiling)),
  };
  let yielded = 0;
  while (page !== undefined) {
    let answer: WireSearchPage<WireUser>;
    try {
      answer = await source.searchPage(state, prefix, page);
    } catch (error) {
      if (page.pageNumber === 1 || !isGenesysError(error, 'bad_request')) throw error;
      return { type: 'split', yielded, ceiling: (page.pageNumber - 1) * page.pageSize };
    }
    if (page.pageNumber === 1 && (answer.total ?? 0) > ceiling) return { type: 'split', yielded };
    // Search results have no guaranteed order across pages; never yield a user twice.
    const users = mapAll(answer.results, toDirectoryUser).filter((user) => {
      if (seen.has(user.id) || listed.has(user.id)) return false;
      seen.add(user.id);
      return true;
    });
    yielded += users.length;
    if (users.length > 0) yield users;
    page = nextPageOf(
      { ...answer, next: answer.nextPage, itemCount: answer.results?.length ?? 0 },
      page,
    );
  }
  return { type: 'done', yielded };
}
