import { SimHttpError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { OrgState } from './org-state.js';
import type { SimStatsCounter } from './stats.js';
import type { IssuedToken } from './tokens.js';
import type { UserSearch } from './user-search.js';

/** What a handler answers: JSON, or (for ambiguous copies) deliberately nothing. */
export type RouteAnswer =
  | { kind: 'json'; status: number; body: object; headers?: Record<string, string> }
  | { kind: 'hang' };

/** Everything an /api/v2 handler may use; one per request. */
export interface RouteContext {
  org: OrgState;
  search: UserSearch;
  options: ResolvedOptions;
  stats: SimStatsCounter;
  token: IssuedToken;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export type RouteHandler = (context: RouteContext) => RouteAnswer;

export function ok(body: object): RouteAnswer {
  return { kind: 'json', status: 200, body };
}

/** Throws Genesys' 403 unless the token's client holds `permission`. */
export function requirePermission(context: RouteContext, permission: string): void {
  const granted = context.token.permissions;
  if (granted === null || granted.has(permission)) return;
  throw new SimHttpError(
    403,
    'missing.permissions',
    `Unable to perform the requested action. You are missing the following permission(s): [${permission}]`,
    { messageParams: { permissions: permission } },
  );
}
