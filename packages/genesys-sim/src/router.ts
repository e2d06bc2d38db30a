import { getGroup, searchGroups } from './group-routes.js';
import type { RouteHandler } from './route-context.js';
import { getUser, listUsers, searchUsers } from './user-routes.js';
import { copyMessage, getMessage, getUserMailbox, listUserMessages } from './voicemail-routes.js';

interface Route {
  method: string;
  template: string;
  segments: string[];
  handler: RouteHandler;
}

export interface RouteMatch {
  /** e.g. 'GET /api/v2/users/{id}', the key used in stats. */
  name: string;
  handler: RouteHandler;
  params: Record<string, string>;
}

function route(method: string, template: string, handler: RouteHandler): Route {
  return { method, template, segments: template.split('/'), handler };
}

const ROUTES: readonly Route[] = [
  route('GET', '/api/v2/users', listUsers),
  route('POST', '/api/v2/users/search', searchUsers),
  route('GET', '/api/v2/users/{id}', getUser),
  route('GET', '/api/v2/groups/{id}', getGroup),
  route('POST', '/api/v2/groups/search', searchGroups),
  route('GET', '/api/v2/voicemail/users/{userId}/mailbox', getUserMailbox),
  route('GET', '/api/v2/voicemail/users/{userId}/messages', listUserMessages),
  route('GET', '/api/v2/voicemail/messages/{messageId}', getMessage),
  route('POST', '/api/v2/voicemail/messages', copyMessage),
];

function matchSegments(route: Route, segments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, expected] of route.segments.entries()) {
    const actual = segments[index] ?? '';
    if (expected.startsWith('{') && expected.endsWith('}')) {
      if (actual === '') return undefined;
      params[expected.slice(1, -1)] = decodeURIComponent(actual);
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

/** Finds the /api/v2 route for a request; literal routes win over parameterised ones. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.replace(/\/+$/, '').split('/');
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const params = matchSegments(candidate, segments);
    if (params) {
      return { name: `${method} ${candidate.template}`, handler: candidate.handler, params };
    }
  }
  return undefined;
}
