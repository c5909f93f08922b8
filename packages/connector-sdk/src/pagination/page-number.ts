import type { Page } from '../connector/contract.js';
import { checkPageSize, nextToken, readNumberToken } from './tokens.js';

/** What a page-numbered response says about the pages after it; any subset will do. */
export interface PageNumberInfo {
  /** The next page's number; null on the last page (Scalr's `meta.pagination.next-page`). */
  nextPage?: number | null;
  /** Whether a next page exists (e.g. a `links.next` is present). */
  hasNext?: boolean;
  /** Total pages (`meta.page-count`, `total-pages`). */
  totalPages?: number;
  /** Total items (`meta.record-count`, `total-count`). */
  totalCount?: number;
}

/** One page of a page-numbered listing. */
export interface PageNumberListPage<T> extends PageNumberInfo {
  items: T[];
}

/** What {@link pageNumberPage} takes. */
export interface PageNumberPageOptions<T> {
  /** Items to ask for per page. */
  pageSize: number;
  /** The first page's number. Default 1. */
  firstPage?: 0 | 1;
  /** Reads page `page` with `pageSize` items. */
  fetch: (page: number, pageSize: number) => Promise<PageNumberListPage<T>>;
}

/**
 * One page of a page-numbered listing (`page[number]` + `page[size]`). Whether another page
 * follows comes from the most direct signal the response gives: `nextPage`, then `hasNext`,
 * then `totalPages`, then `totalCount`, else a short page ends it. An empty page always ends it.
 * The token is the next page number.
 */
export async function pageNumberPage<T>(pageToken: string, options: PageNumberPageOptions<T>): Promise<Page<T>> {
  checkPageSize('pageSize', options.pageSize);
  const firstPage = options.firstPage ?? 1;
  const page = readNumberToken(pageToken, firstPage, firstPage);
  const result = await options.fetch(page, options.pageSize);
  const { items } = result;
  if (items.length === 0 || !hasNextPage(result, page, firstPage, options.pageSize)) return { items };
  const nextPage = typeof result.nextPage === 'number' && result.nextPage > page ? result.nextPage : page + 1;
  const next = nextToken(pageToken, String(nextPage));
  return next === undefined ? { items } : { items, nextPageToken: next };
}

function hasNextPage<T>(result: PageNumberListPage<T>, page: number, firstPage: number, pageSize: number): boolean {
  if (result.nextPage !== undefined) return result.nextPage !== null && result.nextPage > page;
  if (result.hasNext !== undefined) return result.hasNext;
  const pagesSoFar = page - firstPage + 1;
  if (result.totalPages !== undefined) return pagesSoFar < result.totalPages;
  if (result.totalCount !== undefined) return pagesSoFar * pageSize < result.totalCount;
  return result.items.length >= pageSize;
}

/**
 * Reads the paging facts of a JSON:API document: `links.next` (a paging `links` object without
 * it means the last page), `meta.page-count`,
 * `meta.record-count` / `total-count`, and `meta.pagination` (`next-page`, `total-pages`,
 * `total-count`). Unknown shapes give an empty result.
 */
export function jsonApiPageInfo(document: unknown): PageNumberInfo {
  const info: PageNumberInfo = {};
  const doc = asRecord(document);
  const links = asRecord(doc?.links);
  if (links && ['next', 'prev', 'first', 'last'].some((key) => key in links))
    info.hasNext = typeof links.next === 'string' ? links.next !== '' : asRecord(links.next) !== undefined;
  const meta = asRecord(doc?.meta);
  const pagination = asRecord(meta?.pagination);
  const nextPage = pagination?.['next-page'];
  if (pagination && 'next-page' in pagination) info.nextPage = typeof nextPage === 'number' ? nextPage : null;
  const totalPages = numberField(pagination?.['total-pages']) ?? numberField(meta?.['page-count']);
  if (totalPages !== undefined) info.totalPages = totalPages;
  const totalCount = numberField(pagination?.['total-count']) ?? numberField(meta?.['record-count']) ?? numberField(meta?.['total-count']);
  if (totalCount !== undefined) info.totalCount = totalCount;
  return info;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function numberField(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
