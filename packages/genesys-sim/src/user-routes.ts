import { badRequest, notFound } from './errors.js';
import type { StateFilter } from './org-state.js';
import { enforceListingCap, entityListing, parsePage, searchAnswer } from './paging.js';
import { ok, type RouteAnswer, type RouteContext, requirePermission } from './route-context.js';
import { parseSearchRequest } from './search-query.js';
import { parseExpansion, userJson } from './serialize.js';
import type { SimUser } from './types.js';
import { USER_SEARCH_FIELDS } from './user-search.js';

const VIEW_USERS = 'directory:user:view';
const STATE_FILTERS = new Set<string>(['active', 'inactive', 'deleted', 'any']);

function stateFilter(raw: string | null): StateFilter {
  const state = raw ?? 'active';
  if (!STATE_FILTERS.has(state)) throw badRequest(`Invalid value for state: ${state}`);
  return state as StateFilter;
}

/** The `id` query values; Genesys accepts a comma-joined list as well as repeated params. */
function requestedIds(query: URLSearchParams): string[] {
  return query
    .getAll('id')
    .flatMap((value) => value.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

function usersForListing(context: RouteContext, state: StateFilter): readonly SimUser[] {
  const ids = requestedIds(context.query);
  if (ids.length === 0) return context.org.usersIn(state);
  const unique = [...new Set(ids)].sort();
  return unique.flatMap((id) => {
    const user = context.org.user(id);
    return user && (state === 'any' || user.state === state) ? [user] : [];
  });
}

/** GET /api/v2/users: paged by id, filtered by state and optional ids. */
export function listUsers(context: RouteContext): RouteAnswer {
  requirePermission(context, VIEW_USERS);
  const { query, org, options } = context;
  const page = parsePage(
    {
      pageSize: query.get('pageSize') ?? undefined,
      pageNumber: query.get('pageNumber') ?? undefined,
    },
    options.maxPageSize.users,
  );
  enforceListingCap(page, options.listingCap);
  const expand = parseExpansion(query.getAll('expand'));
  const users = usersForListing(context, stateFilter(query.get('state')));
  return ok(
    entityListing(users, page, '/api/v2/users', query, (user) => userJson(org, user, expand)),
  );
}

/** GET /api/v2/users/{id}: deleted users only with state=deleted, as in Genesys. */
export function getUser(context: RouteContext): RouteAnswer {
  requirePermission(context, VIEW_USERS);
  const id = context.params.id ?? '';
  const state = context.query.get('state');
  if (state !== null && !STATE_FILTERS.has(state)) {
    throw badRequest(`Invalid value for state: ${state}`);
  }
  const user = context.org.user(id);
  if (!user || (user.state === 'deleted' && state !== 'deleted')) throw notFound('user', id);
  return ok(userJson(context.org, user, parseExpansion(context.query.getAll('expand'))));
}

/** POST /api/v2/users/search: Genesys' search answer `{total, pageSize, pageNumber, ..., results}`. */
export function searchUsers(context: RouteContext): RouteAnswer {
  requirePermission(context, VIEW_USERS);
  const request = parseSearchRequest(context.body, USER_SEARCH_FIELDS);
  const page = parsePage(request, context.options.maxPageSize.search);
  enforceListingCap(page, context.options.listingCap);
  const expand = parseExpansion(request.expand);
  const users = context.search.run(request);
  return ok(
    searchAnswer(users, page, '/api/v2/users/search', 'users', (user) =>
      userJson(context.org, user, expand),
    ),
  );
}
