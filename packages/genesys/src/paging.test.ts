import { describe, expect, it } from 'vitest';
import { nextPageOf } from './paging.js';

describe('nextPageOf', () => {
  it('follows nextUri, taking the page size the server actually used', () => {
    const next = nextPageOf(
      {
        pageNumber: 1,
        pageSize: 100,
        next: '/api/v2/users?pageSize=100&pageNumber=2&state=inactive',
        itemCount: 100,
      },
      { pageNumber: 1, pageSize: 500 },
    );
    expect(next).toEqual({ pageNumber: 2, pageSize: 100 });
  });

  it('falls back to pageCount when there is no nextUri', () => {
    expect(
      nextPageOf(
        { pageNumber: 2, pageSize: 25, pageCount: 3, itemCount: 25 },
        {
          pageNumber: 2,
          pageSize: 25,
        },
      ),
    ).toEqual({ pageNumber: 3, pageSize: 25 });
    expect(
      nextPageOf(
        { pageNumber: 3, pageSize: 25, pageCount: 3, itemCount: 5 },
        {
          pageNumber: 3,
          pageSize: 25,
        },
      ),
    ).toBeUndefined();
  });

  it('stops on an empty page and never goes backwards', () => {
    expect(
      nextPageOf(
        { pageNumber: 4, next: '/x?pageNumber=5', itemCount: 0 },
        {
          pageNumber: 4,
          pageSize: 10,
        },
      ),
    ).toBeUndefined();
    expect(
      nextPageOf(
        { pageNumber: 4, next: '/x?pageNumber=4', itemCount: 10 },
        {
          pageNumber: 4,
          pageSize: 10,
        },
      ),
    ).toEqual({ pageNumber: 5, pageSize: 10 });
  });
});
