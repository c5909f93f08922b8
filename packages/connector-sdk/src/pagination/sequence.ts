import type { Page } from '../connector/contract.js';
import { ConnectorError } from '../errors/connector-error.js';

/** One listing of {@link sequencePage}: reads the page its own token names (`''` for its first). */
export type SequencedListing<T> = (pageToken: string) => Promise<Page<T>>;

/**
 * One page of several listings read one after another as a single listing: all of the first,
 * then all of the second, and so on (users, then service accounts, as one resource type). The
 * page token is `<listing index>:<that listing's token>`; the last page of a listing hands on to
 * the next listing's first page without an extra request.
 */
export async function sequencePage<T>(pageToken: string, listings: readonly SequencedListing<T>[]): Promise<Page<T>> {
  const match = pageToken === '' ? ['', '0', ''] : /^(\d{1,4}):(.*)$/s.exec(pageToken);
  const index = match ? Number(match[1]) : Number.NaN;
  const listing = listings[index];
  if (!match || listing === undefined) {
    throw new ConnectorError(
      `page token corrupt: expected <listing>:<token> for ${listings.length} listings, got "${pageToken.slice(0, 40)}"`,
      { code: 'invalid-argument' },
    );
  }
  const page = await listing(match[2] ?? '');
  if (page.nextPageToken) return { ...page, nextPageToken: `${index}:${page.nextPageToken}` };
  const { nextPageToken: _ended, ...rest } = page;
  return index + 1 < listings.length ? { ...rest, nextPageToken: `${index + 1}:` } : rest;
}
