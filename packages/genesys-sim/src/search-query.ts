import { badRequest } from './errors.js';

export type CriterionType = 'EXACT' | 'STARTS_WITH' | 'CONTAINS' | 'TERM' | 'MATCH_ALL';

const CRITERION_TYPES = new Set<string>(['EXACT', 'STARTS_WITH', 'CONTAINS', 'TERM', 'MATCH_ALL']);

/** One search criterion with its values lower-cased, since matching is case-insensitive. */
export interface Criterion {
  type: CriterionType;
  fields: string[];
  values: string[];
}

/** The parts of a Genesys search body (`UserSearchRequest`, `GroupSearchRequest`) we honour. */
export interface SearchRequest {
  pageSize: unknown;
  pageNumber: unknown;
  sortBy: string | undefined;
  sortOrder: 'ASC' | 'DESC';
  expand: string[];
  criteria: Criterion[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw badRequest(`${what} must be an array of strings`);
  }
  return value as string[];
}

function parseCriterion(raw: unknown, fields: ReadonlySet<string>): Criterion {
  if (!isRecord(raw) || typeof raw.type !== 'string' || !CRITERION_TYPES.has(raw.type)) {
    throw badRequest(`Unsupported search criterion: ${JSON.stringify(raw)}`);
  }
  const type = raw.type as CriterionType;
  if (type === 'MATCH_ALL') return { type, fields: [], values: [] };

  const names =
    raw.fields === undefined && typeof raw.field === 'string' ? [raw.field] : raw.fields;
  const criterionFields = stringList(names, 'query.fields');
  const unknown = criterionFields.find((field) => !fields.has(field));
  if (criterionFields.length === 0 || unknown !== undefined) {
    throw badRequest(`Search field not supported: ${unknown ?? '(none)'}`);
  }
  const values = [
    ...(raw.values === undefined ? [] : stringList(raw.values, 'query.values')),
    ...(typeof raw.value === 'string' ? [raw.value] : []),
  ];
  if (values.length === 0) throw badRequest('A search criterion needs value or values');
  return { type, fields: criterionFields, values: values.map((value) => value.toLowerCase()) };
}

/** Validates a search body against the searchable `fields`; bad input is a 400. */
export function parseSearchRequest(body: unknown, fields: ReadonlySet<string>): SearchRequest {
  if (!isRecord(body)) throw badRequest('The search request body must be a JSON object');
  if (!Array.isArray(body.query) || body.query.length === 0) {
    throw badRequest('The search request needs a non-empty query');
  }
  const sortOrder = typeof body.sortOrder === 'string' ? body.sortOrder.toUpperCase() : 'ASC';
  if (sortOrder !== 'ASC' && sortOrder !== 'DESC' && sortOrder !== 'SCORE') {
    throw badRequest(`Unsupported sortOrder: ${String(body.sortOrder)}`);
  }
  const sortBy = typeof body.sortBy === 'string' ? body.sortBy : undefined;
  if (sortBy !== undefined && !fields.has(sortBy)) throw badRequest(`Cannot sort by ${sortBy}`);
  return {
    pageSize: body.pageSize,
    pageNumber: body.pageNumber,
    sortBy,
    sortOrder: sortOrder === 'DESC' ? 'DESC' : 'ASC',
    expand: body.expand === undefined ? [] : stringList(body.expand, 'expand'),
    criteria: body.query.map((criterion) => parseCriterion(criterion, fields)),
  };
}

function valueMatches(type: CriterionType, actual: string, wanted: string): boolean {
  switch (type) {
    case 'EXACT':
    case 'TERM':
      return actual === wanted;
    case 'STARTS_WITH':
      return actual.startsWith(wanted);
    case 'CONTAINS':
      return actual.includes(wanted);
    case 'MATCH_ALL':
      return true;
  }
}

/** True when any field of `item` matches any value of the criterion (case-insensitive). */
export function matchesCriterion<T>(
  item: T,
  criterion: Criterion,
  field: (item: T, name: string) => string | undefined,
): boolean {
  if (criterion.type === 'MATCH_ALL') return true;
  for (const name of criterion.fields) {
    const actual = field(item, name)?.toLowerCase();
    if (actual === undefined) continue;
    for (const wanted of criterion.values) {
      if (valueMatches(criterion.type, actual, wanted)) return true;
    }
  }
  return false;
}
