import type { Page } from '../connector/contract.js';
import { ConnectorError } from '../errors/connector-error.js';
import { checkPageSize, readNumberToken } from './tokens.js';

/** One SCIM `ListResponse` page, as {@link scimPage} needs it. */
export interface ScimListPage<T> {
  /** `Resources`. */
  items: T[];
  /** Matches in all pages; absent when the server leaves it out. */
  totalResults?: number;
  /** Informational: the 1-based index of the first item as the server reports it; paging never relies on it. */
  startIndex?: number;
  /** Informational: the server's count of `items`; paging advances by the items received. */
  itemsPerPage?: number;
}

/** What {@link scimPage} takes. */
export interface ScimPageOptions<T> {
  /** Items to ask for per page (`count`); the server may return fewer. */
  count: number;
  /** Reads the page starting at `startIndex` (1-based). */
  fetch: (startIndex: number, count: number) => Promise<ScimListPage<T>>;
}

/**
 * One page of a SCIM listing (RFC 7644 §3.4.2.4): 1-based `startIndex` and `count`. The next
 * page starts at the requested index plus the items received; the `startIndex` the server
 * echoes is ignored, so a server reporting the wrong one neither repeats nor skips items.
 * Paging ends once the items reach `totalResults`, or, when the server sends no `totalResults`,
 * on an empty page: servers may cap pages below `count` (RFC 7644 §3.4.2.4), so a short page
 * does not prove the end. An empty page that starts at or before `totalResults` cannot be right
 * (the server says more items are there): it throws ConnectorError `internal` rather than end
 * the listing early, which would write a file missing every item after it. The token is the
 * next start index.
 */
export async function scimPage<T>(pageToken: string, options: ScimPageOptions<T>): Promise<Page<T>> {
  checkPageSize('count', options.count);
  const requested = readNumberToken(pageToken, 1, 1);
  const page = await options.fetch(requested, options.count);
  const items = page.items;
  if (items.length === 0) {
    if (page.totalResults !== undefined && requested <= page.totalResults) throw emptyPageBeforeEnd(requested, page.totalResults);
    return { items };
  }
  const last = requested + items.length - 1;
  const done = page.totalResults !== undefined && last >= page.totalResults;
  return done ? { items } : { items, nextPageToken: String(last + 1) };
}

function emptyPageBeforeEnd(startIndex: number, totalResults: number): ConnectorError {
  return new ConnectorError(
    `SCIM page at startIndex ${startIndex} has no Resources though totalResults is ${totalResults}; stopping rather than writing a partial listing`,
    { code: 'internal' },
  );
}
