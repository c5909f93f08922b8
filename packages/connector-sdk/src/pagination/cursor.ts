import type { Page } from '../connector/contract.js';
import { nextToken } from './tokens.js';

/** One page of a cursor listing. */
export interface CursorListPage<T> {
  items: T[];
  /** The cursor of the next page; null, undefined or `''` on the last page. */
  nextCursor?: string | null;
}

/** What {@link cursorPage} takes. */
export interface CursorPageOptions<T> {
  /** Reads the page at `cursor`; undefined for the first page. */
  fetch: (cursor: string | undefined) => Promise<CursorListPage<T>>;
}

/** One page of an opaque-cursor listing; the token is the API's cursor. */
export async function cursorPage<T>(pageToken: string, options: CursorPageOptions<T>): Promise<Page<T>> {
  const page = await options.fetch(pageToken === '' ? undefined : pageToken);
  const next = nextToken(pageToken, page.nextCursor ?? undefined);
  return next === undefined ? { items: page.items } : { items: page.items, nextPageToken: next };
}
