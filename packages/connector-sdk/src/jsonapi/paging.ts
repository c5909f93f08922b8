import type * as v from 'valibot';
import type { Page, ResourceSyncer } from '../connector/contract.js';
import type { HttpClient, SearchParams } from '../http/types.js';
import type { Resource, ResourceType } from '../model/types.js';
import { linkPage } from '../pagination/link.js';
import { jsonApiPageInfo, pageNumberPage } from '../pagination/page-number.js';
import { indexIncluded, type JsonApiIncluded } from './included.js';
import { jsonApiAnyResourceSchema, jsonApiLinkHref, jsonApiListSchema, type JsonApiDocument } from './schemas.js';

type Identified = { type: string; id: string };

/** What {@link jsonApiPage} takes. */
export interface JsonApiListOptions<R extends v.GenericSchema, I extends v.GenericSchema<unknown, Identified>> {
  http: HttpClient;
  /** The collection's path, relative to the client's base URL: `users`. */
  path: string;
  /** Validates each item of `data`, e.g. `jsonApiResourceSchema({ type: 'users', attributes })`. */
  schema: R;
  /** Validates each item of `included`; default any resource object. */
  included?: I;
  /** Items per page (`page[size]`); the API's largest page. */
  pageSize: number;
  /**
   * `page-number` (default): `page[number]` + `page[size]`, ending on `meta.pagination.next-page:
   * null`, the page or record count, an absent `links.next`, or a short page. `links`: follow
   * `links.next` until it is absent (the first request sends `page[size]`).
   */
  paging?: 'page-number' | 'links';
  /** Further query parameters of every page (`include`, `filter[account]`). */
  searchParams?: SearchParams;
  /** The paging parameters' names. Default `page[number]` and `page[size]`. */
  pageParams?: { number?: string; size?: string };
}

/** One page of a JSON:API listing: the items, the `included` index and the document's `meta`. */
export interface JsonApiPage<T, I extends Identified = Identified> extends Page<T> {
  included: JsonApiIncluded<I>;
  meta?: Record<string, unknown>;
}

type Doc<R extends v.GenericSchema, I extends v.GenericSchema> = JsonApiDocument<v.InferOutput<R>[], v.InferOutput<I>>;

function firstLink(path: string, query: SearchParams): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const search = params.toString();
  return search === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

/**
 * One page of a JSON:API collection for a resource syncer. The page token is the next page
 * number, or the next link; the HTTP client's origin guard refuses a link to another origin.
 */
export async function jsonApiPage<
  R extends v.GenericSchema,
  I extends v.GenericSchema<unknown, Identified> = typeof jsonApiAnyResourceSchema,
>(pageToken: string, options: JsonApiListOptions<R, I>): Promise<JsonApiPage<v.InferOutput<R>, v.InferOutput<I>>> {
  const schema = jsonApiListSchema(options.schema, { included: (options.included ?? jsonApiAnyResourceSchema) as I });
  const sizeParam = options.pageParams?.size ?? 'page[size]';
  let last: Doc<R, I> | undefined;
  const read = async (path: string, searchParams?: SearchParams) => {
    const response = await options.http.get(path, { schema, ...(searchParams && { searchParams }) });
    last = response.data as Doc<R, I>;
    return { document: last, url: response.url };
  };
  let page: Page<v.InferOutput<R>>;
  if (options.paging === 'links') {
    const first = firstLink(options.path, { ...options.searchParams, [sizeParam]: options.pageSize });
    page = await linkPage(pageToken, {
      first,
      fetch: async (url) => {
        const { document, url: at } = await read(url);
        return { items: document.data, next: jsonApiLinkHref(document.links?.next), url: at };
      },
    });
  } else {
    const numberParam = options.pageParams?.number ?? 'page[number]';
    page = await pageNumberPage(pageToken, {
      pageSize: options.pageSize,
      fetch: async (number, size) => {
        const { document } = await read(options.path, { ...options.searchParams, [numberParam]: number, [sizeParam]: size });
        return { items: document.data, ...jsonApiPageInfo(document) };
      },
    });
  }
  const document = last as Doc<R, I>;
  return { ...page, included: indexIncluded(document.included), ...(document.meta && { meta: document.meta }) };
}

/** What {@link jsonApiSyncer} takes: a listing plus the resource type and mapping. */
export interface JsonApiSyncerOptions<R extends v.GenericSchema, I extends v.GenericSchema<unknown, Identified>> extends JsonApiListOptions<
  R,
  I
> {
  resourceType: ResourceType;
  /** Maps one item, with the page's `included` resources at hand. */
  toResource: (item: v.InferOutput<R>, included: JsonApiIncluded<v.InferOutput<I>>) => Resource;
}

/**
 * A resource syncer listing one JSON:API collection: paging, `included` and mapping. Add
 * `entitlements` and `grants` by spreading it: `{ ...jsonApiSyncer(options), grants }`.
 */
export function jsonApiSyncer<R extends v.GenericSchema, I extends v.GenericSchema<unknown, Identified> = typeof jsonApiAnyResourceSchema>(
  options: JsonApiSyncerOptions<R, I>,
): ResourceSyncer {
  return {
    resourceType: options.resourceType,
    async list({ pageToken }) {
      const page = await jsonApiPage(pageToken, options);
      const items = page.items.map((item) => options.toResource(item, page.included));
      return { items, ...(page.nextPageToken !== undefined && { nextPageToken: page.nextPageToken }) };
    },
  };
}
