import type { Page } from '../connector/contract.js';
import { checkPageSize, nextToken, readNumberToken } from './tokens.js';

/** One SCIM `ListResponse` page, as {@link scimPage} needs it. */
export interface ScimListPage<T> {
  /** `Resources`. */
  items: T[];
  totalResults: number;
  /** The 1-based index of the first item, as the server reports it. */
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
 * One page of a SCIM listing (RFC 7644 §3.4.2.4): 1-based `startIndex` and `count`, advancing
 * by the items actually returned, ending on an empty page or once the page reaches `totalResults`.
 * The token is the next start index.
 */
export async function scimPage<T>(pageToken: string, options: ScimPageOptions<T>): Promise<Page<T>> {
  checkPageSize('count', options.count);
  const requested = readNumberToken(pageToken, 1, 1);
  const page = await options.fetch(requested, options.count);
  const items = page.items;
  if (items.length === 0) return { items };
  const start = page.startIndex !== undefined && page.startIndex >= 1 ? page.startIndex : requested;
  if (start + items.length - 1 >= page.totalResults) return { items };
  const next = nextToken(pageToken, String(Math.max(start + items.length, requested + 1)));
  return next === undefined ? { items } : { items, nextPageToken: next };
}
