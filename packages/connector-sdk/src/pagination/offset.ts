import type { Page } from '../connector/contract.js';
import { checkPageSize, nextToken, readNumberToken } from './tokens.js';

/** What {@link offsetPage} takes. */
export interface OffsetPageOptions<T> {
  /** Items to ask for per page; must not exceed what the API returns at most. */
  pageSize: number;
  /** Reads the items at `offset` (0-based), at most `limit` of them, as a bare array. */
  fetch: (offset: number, limit: number) => Promise<T[]>;
}

/**
 * One page of an offset + limit listing whose pages are bare arrays (no total). A page shorter
 * than `pageSize` is the last; after an exactly full page the next call costs one empty request.
 * The token is the next offset.
 */
export async function offsetPage<T>(pageToken: string, options: OffsetPageOptions<T>): Promise<Page<T>> {
  checkPageSize('pageSize', options.pageSize);
  const offset = readNumberToken(pageToken, 0, 0);
  const items = await options.fetch(offset, options.pageSize);
  if (items.length < options.pageSize) return { items };
  const next = nextToken(pageToken, String(offset + items.length));
  return next === undefined ? { items } : { items, nextPageToken: next };
}
