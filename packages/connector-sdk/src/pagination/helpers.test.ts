import { describe, expect, it } from 'vitest';
import { cursorPage } from './cursor.js';
import { linkPage, nextLinkFromHeaders, parseLinkHeader } from './link.js';
import { offsetPage } from './offset.js';
import { jsonApiPageInfo, pageNumberPage } from './page-number.js';
import { scimPage } from './scim.js';

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** Runs a page helper to the end like the sync engine would; checks no token repeats. */
async function drain<T>(page: (token: string) => Promise<{ items: T[]; nextPageToken?: string }>): Promise<{ items: T[]; calls: number }> {
  const items: T[] = [];
  let token = '';
  let calls = 0;
  for (;;) {
    const result = await page(token);
    calls++;
    items.push(...result.items);
    if (!result.nextPageToken) return { items, calls };
    expect(result.nextPageToken).not.toBe(token);
    token = result.nextPageToken;
    if (calls > 1000) throw new Error('runaway paging');
  }
}

describe('offsetPage', () => {
  const listing = (total: number) => {
    const requests: [number, number][] = [];
    const fetch = async (offset: number, limit: number) => {
      requests.push([offset, limit]);
      return range(offset, Math.min(total, offset + limit));
    };
    return { requests, page: (token: string) => offsetPage(token, { pageSize: 10, fetch }) };
  };

  it.each([
    [0, 1],
    [10, 2], // exactly one full page: one empty request more, no more
    [15, 2],
    [30, 4],
    [95, 10],
  ])('reads %i items in %i requests', async (total, requests) => {
    const { page, requests: sent } = listing(total);
    const { items, calls } = await drain(page);
    expect(items).toEqual(range(0, total));
    expect(calls).toBe(requests);
    expect(sent[0]).toEqual([0, 10]);
  });

  it('rejects a corrupt token', async () => {
    await expect(offsetPage('ten', { pageSize: 10, fetch: async () => [] })).rejects.toThrow(/page token corrupt/);
  });
});

describe('pageNumberPage', () => {
  const source = (total: number, meta: 'none' | 'totals' | 'next-page' | 'links') => {
    const pages: number[] = [];
    const fetch = async (page: number, size: number) => {
      pages.push(page);
      const items = range((page - 1) * size, Math.min(total, page * size));
      const pageCount = Math.ceil(total / size);
      switch (meta) {
        case 'totals':
          return { items, ...jsonApiPageInfo({ meta: { 'page-count': pageCount, 'record-count': total } }) };
        case 'next-page':
          return {
            items,
            ...jsonApiPageInfo({ meta: { pagination: { 'next-page': page < pageCount ? page + 1 : null, 'total-pages': pageCount } } }),
          };
        case 'links':
          return {
            items,
            ...jsonApiPageInfo({ links: { first: 'f', ...(page < pageCount ? { next: `https://x/?page=${page + 1}` } : {}) } }),
          };
        default:
          return { items };
      }
    };
    return { pages, page: (token: string) => pageNumberPage(token, { pageSize: 5, fetch }) };
  };

  it.each(['totals', 'next-page', 'links'] as const)('stops exactly on the last page using %s', async (meta) => {
    for (const [total, requests] of [
      [0, 1],
      [5, 1],
      [7, 2],
      [25, 5],
    ] as const) {
      const { page, pages } = source(total, meta);
      const { items, calls } = await drain(page);
      expect(items).toEqual(range(0, total));
      expect(calls).toBe(requests);
      expect(pages[0]).toBe(1);
    }
  });

  it('falls back to the short-page rule without metadata', async () => {
    const { page } = source(10, 'none');
    const { items, calls } = await drain(page);
    expect(items).toHaveLength(10);
    expect(calls).toBe(3);
  });

  it('reads JSON:API totals given as record-count or total-count', () => {
    expect(jsonApiPageInfo({ meta: { 'record-count': 47, 'page-count': 2 }, links: { next: null } })).toEqual({
      hasNext: false,
      totalCount: 47,
      totalPages: 2,
    });
    expect(jsonApiPageInfo({ meta: { pagination: { 'total-count': '9', 'next-page': 3 } } })).toEqual({ nextPage: 3, totalCount: 9 });
    expect(jsonApiPageInfo('nope')).toEqual({});
  });
});

describe('scimPage', () => {
  const scim = (total: number, cap = Infinity) => {
    const starts: number[] = [];
    const fetch = async (startIndex: number, count: number) => {
      starts.push(startIndex);
      const size = Math.min(count, cap);
      const items = range(startIndex, Math.min(total + 1, startIndex + size));
      return { items, totalResults: total, startIndex, itemsPerPage: items.length };
    };
    return { starts, page: (token: string) => scimPage(token, { count: 10, fetch }) };
  };

  it.each([
    [0, 1],
    [10, 1],
    [15, 2],
    [30, 3],
  ])('reads %i users in %i requests', async (total, requests) => {
    const { page, starts } = scim(total);
    const { items, calls } = await drain(page);
    expect(items).toEqual(range(1, total + 1));
    expect(calls).toBe(requests);
    expect(starts[0]).toBe(1);
  });

  it('advances by the items received when the server caps the count', async () => {
    const { page, starts } = scim(12, 4);
    const { items } = await drain(page);
    expect(items).toEqual(range(1, 13));
    expect(starts).toEqual([1, 5, 9]);
  });

  it('fails on an empty page when totalResults says more, rather than end the listing early', async () => {
    const result = scimPage('11', { count: 10, fetch: async () => ({ items: [], totalResults: 50 }) });
    await expect(result).rejects.toThrow('SCIM page at startIndex 11 has no Resources though totalResults is 50');
    const past = await scimPage('51', { count: 10, fetch: async () => ({ items: [], totalResults: 50 }) });
    expect(past).toEqual({ items: [] });
  });

  it('advances by the items received, ignoring the startIndex the server echoes', async () => {
    const users = range(1, 26);
    for (const echoed of [() => 1, (start: number) => start - 1, () => 7]) {
      const starts: number[] = [];
      const fetch = async (startIndex: number, count: number) => {
        starts.push(startIndex);
        return { items: users.slice(startIndex - 1, startIndex - 1 + count), totalResults: 25, startIndex: echoed(startIndex) };
      };
      const { items } = await drain((token) => scimPage(token, { count: 10, fetch }));
      expect(items).toEqual(users);
      expect(starts).toEqual([1, 11, 21]);
    }
  });

  it('without totalResults, pages until an empty page, also past pages the server capped below count', async () => {
    const pagesOf = (total: number, cap: number) => {
      const starts: number[] = [];
      const fetch = async (startIndex: number, count: number) => {
        starts.push(startIndex);
        return { items: range(startIndex, Math.min(total + 1, startIndex + Math.min(count, cap))) };
      };
      return { starts, page: (token: string) => scimPage(token, { count: 10, fetch }) };
    };
    const short = pagesOf(25, 10);
    expect((await drain(short.page)).items).toEqual(range(1, 26));
    expect(short.starts).toEqual([1, 11, 21, 26]);
    const capped = pagesOf(12, 4);
    expect((await drain(capped.page)).items).toEqual(range(1, 13));
    expect(capped.starts).toEqual([1, 5, 9, 13]);
  });

  it('refuses a start index of 0', async () => {
    await expect(scimPage('0', { count: 10, fetch: async () => ({ items: [], totalResults: 0 }) })).rejects.toThrow(/page token corrupt/);
  });
});

describe('cursorPage', () => {
  it('passes cursors through and stops on a missing one', async () => {
    const cursors: (string | undefined)[] = [];
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      first: { items: [1, 2], nextCursor: 'c2' },
      c2: { items: [3], nextCursor: 'c3' },
      c3: { items: [], nextCursor: null },
    };
    const { items, calls } = await drain((token) =>
      cursorPage(token, {
        fetch: async (cursor) => {
          cursors.push(cursor);
          return pages[cursor ?? 'first'] as { items: number[]; nextCursor: string | null };
        },
      }),
    );
    expect(items).toEqual([1, 2, 3]);
    expect(calls).toBe(3);
    expect(cursors).toEqual([undefined, 'c2', 'c3']);
  });

  it('refuses to hand back the token it was given', async () => {
    await expect(cursorPage('same', { fetch: async () => ({ items: [1], nextCursor: 'same' }) })).rejects.toThrow(/same page token/);
  });
});

describe('linkPage', () => {
  it('follows links.next until it is absent, resolving relative links', async () => {
    const urls: string[] = [];
    const { items, calls } = await drain((token) =>
      linkPage(token, {
        first: 'users?page[size]=2',
        fetch: async (url) => {
          urls.push(url);
          if (url === 'users?page[size]=2')
            return { items: [1, 2], next: '/v1/users?page[number]=2', url: 'https://api.example.com/v1/users?page[size]=2' };
          return { items: [3], next: null };
        },
      }),
    );
    expect(items).toEqual([1, 2, 3]);
    expect(calls).toBe(2);
    expect(urls).toEqual(['users?page[size]=2', 'https://api.example.com/v1/users?page[number]=2']);
  });

  it('reads rel="next" from an RFC 8288 Link header', () => {
    const headers = new Headers({
      link: '<https://api.example.com/users?page=3>; rel="next", <https://api.example.com/users?page=9>; rel="last", </users?a=1,2>; rel="prev"; title="a, b"',
    });
    expect(nextLinkFromHeaders({ headers, url: 'https://api.example.com/users?page=2' })).toBe('https://api.example.com/users?page=3');
    expect(nextLinkFromHeaders({ headers: new Headers({ link: '</users?page=2>; rel=next' }), url: 'https://api.example.com/x' })).toBe(
      'https://api.example.com/users?page=2',
    );
    expect(nextLinkFromHeaders({ headers: new Headers(), url: 'https://api.example.com/x' })).toBeUndefined();
    expect(parseLinkHeader('</users?a=1,2>; rel="prev"; title="a, b"')).toEqual([
      { url: '/users?a=1,2', params: { rel: 'prev', title: 'a, b' } },
    ]);
  });
});
