import { badRequest } from './errors.js';

export interface PageRequest {
  pageSize: number;
  pageNumber: number;
}

const DEFAULT_PAGE_SIZE = 25;

function positiveInteger(name: string, raw: unknown, fallback: number): number {
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw badRequest(`The value of ${name} must be a positive integer, got ${String(raw)}`);
  }
  return value;
}

/**
 * Reads pageSize/pageNumber like Genesys does: pageSize defaults to 25 and is silently capped at
 * `maxPageSize` (the answer reports the capped size, so clients must follow the paging fields).
 */
export function parsePage(
  raw: { pageSize?: unknown; pageNumber?: unknown },
  maxPageSize: number,
): PageRequest {
  const pageSize = Math.min(
    positiveInteger('pageSize', raw.pageSize, DEFAULT_PAGE_SIZE),
    maxPageSize,
  );
  return { pageSize, pageNumber: positiveInteger('pageNumber', raw.pageNumber, 1) };
}

/** Refuses pages beyond the result window, as Genesys' user listings do past 10,000 results. */
export function enforceListingCap(page: PageRequest, listingCap: number): void {
  if (page.pageNumber * page.pageSize > listingCap) {
    throw badRequest(
      `The result window is too large, pageSize * pageNumber must be less than or equal to ${listingCap}`,
    );
  }
}

export function pageCount(total: number, pageSize: number): number {
  return Math.ceil(total / pageSize);
}

export function pageSlice<T>(items: readonly T[], page: PageRequest): readonly T[] {
  const start = (page.pageNumber - 1) * page.pageSize;
  return items.slice(start, start + page.pageSize);
}

/**
 * Genesys' entity listing: `{entities, pageSize, pageNumber, total, pageCount, firstUri, selfUri,
 * nextUri?, lastUri}`; URIs are paths carrying the other query parameters of the request.
 */
export function entityListing<T>(
  items: readonly T[],
  page: PageRequest,
  path: string,
  query: URLSearchParams,
  toJson: (item: T) => object,
): object {
  const total = items.length;
  const pages = pageCount(total, page.pageSize);
  const uri = (pageNumber: number): string => {
    const params = new URLSearchParams();
    params.set('pageSize', String(page.pageSize));
    params.set('pageNumber', String(pageNumber));
    for (const [key, value] of query) {
      if (key !== 'pageSize' && key !== 'pageNumber') params.append(key, value);
    }
    return `${path}?${params.toString()}`;
  };
  const listing: Record<string, unknown> = {
    entities: pageSlice(items, page).map(toJson),
    pageSize: page.pageSize,
    pageNumber: page.pageNumber,
    total,
    pageCount: pages,
    firstUri: uri(1),
    selfUri: uri(page.pageNumber),
  };
  if (page.pageNumber < pages) listing.nextUri = uri(page.pageNumber + 1);
  if (page.pageNumber > 1)
    listing.previousUri = uri(Math.min(page.pageNumber - 1, Math.max(pages, 1)));
  listing.lastUri = uri(Math.max(pages, 1));
  return listing;
}

/**
 * Genesys' search answer: `{total, pageSize, pageNumber, pageCount, types, results?, nextPage?,
 * previousPage?}`. Like Genesys, `results` is left out when nothing matches (the SDK types it as
 * optional), so clients must not assume it.
 */
export function searchAnswer<T>(
  items: readonly T[],
  page: PageRequest,
  path: string,
  type: string,
  toJson: (item: T) => object,
): object {
  const pages = pageCount(items.length, page.pageSize);
  const answer: Record<string, unknown> = {
    total: items.length,
    pageSize: page.pageSize,
    pageNumber: page.pageNumber,
    pageCount: pages,
    types: [type],
  };
  if (items.length > 0) answer.results = pageSlice(items, page).map(toJson);
  const pageUri = (pageNumber: number): string =>
    `${path}?pageSize=${page.pageSize}&pageNumber=${pageNumber}`;
  if (page.pageNumber < pages) answer.nextPage = pageUri(page.pageNumber + 1);
  if (page.pageNumber > 1) answer.previousPage = pageUri(page.pageNumber - 1);
  return answer;
}
