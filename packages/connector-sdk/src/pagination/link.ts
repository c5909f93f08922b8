import type { Page } from '../connector/contract.js';
import { nextToken } from './tokens.js';

/** One RFC 8288 link: its target and parameters (`rel`, `type`, ...). */
export interface WebLink {
  url: string;
  params: Record<string, string>;
}

/**
 * Parses an RFC 8288 `Link` header (`<https://a/b?page=2>; rel="next", <...>; rel="last"`).
 * Targets are returned as written; commas inside `<...>` or quoted values are handled.
 */
export function parseLinkHeader(header: string | null | undefined): WebLink[] {
  const links: WebLink[] = [];
  if (!header) return links;
  const pattern = /<([^>]*)>((?:\s*;\s*[^\s;,=]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^;,]*))?)*)/g;
  for (const match of header.matchAll(pattern)) {
    const params: Record<string, string> = {};
    const paramPattern = /;\s*([^\s;,=]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,]*)))?/g;
    for (const param of (match[2] ?? '').matchAll(paramPattern)) {
      const name = (param[1] ?? '').toLowerCase();
      if (name in params) continue;
      params[name] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : (param[3] ?? '').trim();
    }
    links.push({ url: match[1] ?? '', params });
  }
  return links;
}

/**
 * The absolute URL of the `rel="next"` link in a response's `Link` header, resolved against
 * the response URL; undefined when there is none.
 */
export function nextLinkFromHeaders(response: { headers: Headers; url: string }, rel = 'next'): string | undefined {
  const link = parseLinkHeader(response.headers.get('link')).find((candidate) =>
    (candidate.params.rel ?? '').toLowerCase().split(/\s+/).includes(rel),
  );
  return link ? new URL(link.url, response.url).href : undefined;
}

/** One page of a link-paged listing. */
export interface LinkListPage<T> {
  items: T[];
  /** The next page's URL (`links.next`, or {@link nextLinkFromHeaders}); absent on the last page. */
  next?: string | null;
  /** The URL the page came from; a relative `next` is resolved against it. */
  url?: string;
}

/** What {@link linkPage} takes. */
export interface LinkPageOptions<T> {
  /** The first page's path or URL, with its query (`users?page[size]=30`). */
  first: string;
  /** Reads one page from `url` (the first path, then each next link) with the HTTP client. */
  fetch: (url: string) => Promise<LinkListPage<T>>;
}

/**
 * One page of a listing paged by next links (JSON:API `links.next`, RFC 8288 `Link`). The
 * next URL is the token; the HTTP client's origin guard refuses a link to another origin, so
 * the credential never follows it.
 */
export async function linkPage<T>(pageToken: string, options: LinkPageOptions<T>): Promise<Page<T>> {
  const page = await options.fetch(pageToken === '' ? options.first : pageToken);
  let next = page.next ?? undefined;
  if (next && page.url) next = new URL(next, page.url).href;
  const token = nextToken(pageToken, next);
  return token === undefined ? { items: page.items } : { items: page.items, nextPageToken: token };
}
