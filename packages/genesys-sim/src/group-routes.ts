import { notFound } from './errors.js';
import { parsePage, searchAnswer } from './paging.js';
import { ok, type RouteAnswer, type RouteContext, requirePermission } from './route-context.js';
import { matchesCriterion, parseSearchRequest } from './search-query.js';
import { groupJson } from './serialize.js';
import type { SimGroup } from './types.js';

const VIEW_GROUPS = 'directory:group:view';
const GROUP_SEARCH_FIELDS: ReadonlySet<string> = new Set(['id', 'name', 'state']);

function groupField(group: SimGroup, name: string): string | undefined {
  if (name === 'id') return group.id;
  if (name === 'name') return group.name;
  if (name === 'state') return group.state ?? 'active';
  return undefined;
}

/** GET /api/v2/groups/{id}. */
export function getGroup(context: RouteContext): RouteAnswer {
  requirePermission(context, VIEW_GROUPS);
  const id = context.params.id ?? '';
  const group = context.org.group(id);
  if (!group || group.state === 'deleted') throw notFound('group', id);
  return ok(groupJson(context.org, group));
}

/** POST /api/v2/groups/search over name, id and state; deleted groups never match. */
export function searchGroups(context: RouteContext): RouteAnswer {
  requirePermission(context, VIEW_GROUPS);
  const request = parseSearchRequest(context.body, GROUP_SEARCH_FIELDS);
  const page = parsePage(request, context.options.maxPageSize.search);
  const groups = context.org
    .allGroups()
    .filter((group) => group.state !== 'deleted')
    .filter((group) => request.criteria.every((c) => matchesCriterion(group, c, groupField)));
  return ok(
    searchAnswer(groups, page, '/api/v2/groups/search', 'groups', (group) =>
      groupJson(context.org, group),
    ),
  );
}
