import type { OrgState, StateFilter } from './org-state.js';
import { type Criterion, matchesCriterion, type SearchRequest } from './search-query.js';
import type { SimUser, UserState } from './types.js';

export const USER_SEARCH_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'name',
  'email',
  'state',
  'department',
  'title',
  'divisionId',
  'managerId',
]);

const USER_STATES: readonly UserState[] = ['active', 'inactive', 'deleted'];
const CACHE_LIMIT = 64;

function userField(user: SimUser, name: string): string | undefined {
  switch (name) {
    case 'id':
      return user.id;
    case 'name':
      return user.name;
    case 'email':
      return user.email;
    case 'state':
      return user.state;
    case 'department':
      return user.department;
    case 'title':
      return user.title;
    case 'divisionId':
      return user.divisionId;
    case 'managerId':
      return user.managerId;
    default:
      return undefined;
  }
}

function onlyField(criterion: Criterion, name: string): boolean {
  return criterion.fields.length === 1 && criterion.fields[0] === name;
}

function compareBy(name: string | undefined, order: 'ASC' | 'DESC') {
  const sign = order === 'DESC' ? -1 : 1;
  return (a: SimUser, b: SimUser): number => {
    const left = (name === undefined ? undefined : userField(a, name)?.toLowerCase()) ?? '';
    const right = (name === undefined ? undefined : userField(b, name)?.toLowerCase()) ?? '';
    if (left !== right) return left < right ? -sign : sign;
    return a.id < b.id ? -sign : a.id > b.id ? sign : 0;
  };
}

/**
 * Evaluates `POST /api/v2/users/search` queries. Without a criterion on `state` only active users
 * match, as in Genesys. The cheapest index narrows the candidates (an EXACT id/email lookup or an
 * email prefix range) before every criterion is checked, and whole result lists are cached per
 * query so that walking the pages of one query costs one evaluation.
 */
export class UserSearch {
  private readonly cache = new Map<string, { version: number; users: SimUser[] }>();

  constructor(private readonly org: OrgState) {}

  /** All users matching `request`, in the requested order (default: by id). */
  run(request: SearchRequest): SimUser[] {
    const key = JSON.stringify([request.criteria, request.sortBy, request.sortOrder]);
    const cached = this.cache.get(key);
    if (cached && cached.version === this.org.version) return cached.users;

    const criteria = [...request.criteria];
    if (!criteria.some((criterion) => criterion.fields.includes('state'))) {
      criteria.push({ type: 'EXACT', fields: ['state'], values: ['active'] });
    }
    const users = this.candidates(criteria).filter((user) =>
      criteria.every((criterion) => matchesCriterion(user, criterion, userField)),
    );
    users.sort(compareBy(request.sortBy, request.sortOrder));

    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, { version: this.org.version, users });
    return users;
  }

  private candidates(criteria: Criterion[]): readonly SimUser[] {
    const lookup = criteria.find(
      (criterion) =>
        (criterion.type === 'EXACT' || criterion.type === 'TERM') && onlyField(criterion, 'id'),
    );
    if (lookup) {
      return lookup.values.flatMap((id) => {
        const user = this.org.user(id);
        return user ? [user] : [];
      });
    }

    const states = this.statesOf(criteria);
    const prefix = criteria.find(
      (criterion) =>
        (criterion.type === 'STARTS_WITH' || criterion.type === 'EXACT') &&
        onlyField(criterion, 'email'),
    );
    if (prefix) {
      const found = new Set<SimUser>();
      for (const state of states) {
        for (const value of prefix.values) {
          for (const user of this.org.usersByEmailPrefix(state, value)) found.add(user);
        }
      }
      return [...found];
    }
    if (states.length === 1 && states[0] !== undefined) return this.org.usersIn(states[0]);
    return this.org.usersIn('any');
  }

  /** The states an EXACT state criterion allows, or 'any' when state is not narrowed that way. */
  private statesOf(criteria: Criterion[]): StateFilter[] {
    const stateCriterion = criteria.find(
      (criterion) =>
        (criterion.type === 'EXACT' || criterion.type === 'TERM') && onlyField(criterion, 'state'),
    );
    if (!stateCriterion) return ['any'];
    return USER_STATES.filter((state) => stateCriterion.values.includes(state));
  }
}
