export interface PageInfo {
  pageNumber?: number;
  pageSize?: number;
  pageCount?: number;
  /** nextUri of a listing or nextPage of a search answer. */
  next?: string;
  itemCount: number;
}

export interface NextPage {
  pageNumber: number;
  pageSize: number;
}

/**
 * Where the server says the next page is, or undefined on the last page. Follows the answer
 * (nextUri, then pageCount), never the requested pageSize: a server may cap the page size below
 * what was asked for.
 */
export function nextPageOf(page: PageInfo, requested: NextPage): NextPage | undefined {
  if (page.itemCount === 0) return undefined;
  const current = page.pageNumber ?? requested.pageNumber;
  const pageSize = page.pageSize ?? requested.pageSize;
  if (page.next !== undefined && page.next !== '') {
    const query = new URL(page.next, 'http://genesys.invalid').searchParams;
    const number = Number(query.get('pageNumber'));
    const size = Number(query.get('pageSize'));
    return {
      pageNumber: Number.isInteger(number) && number > current ? number : current + 1,
      pageSize: Number.isInteger(size) && size > 0 ? size : pageSize,
    };
  }
  if (page.pageCount !== undefined && current < page.pageCount) {
    return { pageNumber: current + 1, pageSize };
  }
  return undefined;
}
