import * as v from 'valibot';
import type { Page } from '../connector/contract.js';
import type { HttpClient, HttpMethod } from '../http/types.js';
import { scimPage, type ScimListPage } from '../pagination/scim.js';
import { scimEqualsFilter } from './filter.js';
import { SCIM_SCHEMAS, scimListResponseSchema, type ScimListResponse } from './schemas.js';

/** What a request is, for choosing the HTTP client (and so the rate limiter) that sends it. */
export interface ScimRoute {
  method: HttpMethod;
  /** The resource endpoint: `Users`, `Groups`. */
  endpoint: string;
}

/** What {@link createScimClient} takes. */
export interface ScimClientOptions {
  /**
   * The HTTP client for the SCIM base URL (`https://host/scim/v2`), or a function choosing one
   * per route, so that routes with their own rate limit get their own limiter. Pass
   * `scimErrorMessage` as the HTTP client's `errorMessage` so SCIM error details reach messages.
   */
  http: HttpClient | ((route: ScimRoute) => HttpClient);
}

/** Query options shared by list and get. */
export interface ScimAttributeOptions {
  /** Only these attributes (`attributes`). */
  attributes?: readonly string[];
  /** All but these attributes (`excludedAttributes`). */
  excludedAttributes?: readonly string[];
  signal?: AbortSignal;
}

/** Options of {@link ScimClient.list}. */
export interface ScimListOptions<S extends v.GenericSchema> extends ScimAttributeOptions {
  /** Validates each item of `Resources`. */
  schema: S;
  /** 1-based; default 1. */
  startIndex?: number;
  /** Items per page; the server may return fewer. */
  count?: number;
  /** An RFC 7644 filter, e.g. from {@link scimEqualsFilter}. */
  filter?: string;
}

/** One PATCH operation (RFC 7644 §3.5.2). */
export type ScimPatchOperation =
  | { op: 'add'; path?: string; value: unknown }
  | { op: 'replace'; path?: string; value: unknown }
  | { op: 'remove'; path: string; value?: unknown };

/** A SCIM 2.0 client over the SDK's HTTP client. */
export interface ScimClient {
  /** One `ListResponse` page of an endpoint (`GET /Users?startIndex=&count=`). */
  list<S extends v.GenericSchema>(endpoint: string, options: ScimListOptions<S>): Promise<ScimListPage<v.InferOutput<S>>>;
  /** One page for a resource syncer: the page token is the next `startIndex` (see `scimPage`). */
  listPage<S extends v.GenericSchema>(
    endpoint: string,
    pageToken: string,
    options: Omit<ScimListOptions<S>, 'startIndex' | 'count'> & { count: number },
  ): Promise<Page<v.InferOutput<S>>>;
  /** The first resource matching `attribute eq "value"`, or undefined. */
  findBy<S extends v.GenericSchema>(
    endpoint: string,
    attribute: string,
    value: string,
    options: { schema: S; signal?: AbortSignal },
  ): Promise<v.InferOutput<S> | undefined>;
  /** One resource (`GET /Users/{id}`); a missing one is a ConnectorError `not-found`. */
  get<S extends v.GenericSchema>(endpoint: string, id: string, options: ScimAttributeOptions & { schema: S }): Promise<v.InferOutput<S>>;
  /** Creates a resource (`POST /Users`) and returns what the server made of it; 409 is a ConnectorError `already-exists`. */
  create<S extends v.GenericSchema>(
    endpoint: string,
    body: Record<string, unknown>,
    options: { schema: S; signal?: AbortSignal },
  ): Promise<v.InferOutput<S>>;
  /**
   * Applies PATCH operations (`PATCH /Groups/{id}` with a PatchOp body). Returns the resource
   * when the server answers 200 with it and a schema is given, undefined on 204.
   */
  patch<S extends v.GenericSchema>(
    endpoint: string,
    id: string,
    operations: readonly ScimPatchOperation[],
    options?: { schema?: S; signal?: AbortSignal },
  ): Promise<v.InferOutput<S> | undefined>;
}

function joinList(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join(',') : undefined;
}

function resourcePath(endpoint: string, id: string): string {
  if (id === '') throw new RangeError('a SCIM resource id must not be empty');
  return `${endpoint}/${encodeURIComponent(id)}`;
}

/**
 * Creates a SCIM 2.0 client: paging with `startIndex`/`count`/`totalResults`, get, create and
 * PATCH, every response validated against the caller's valibot schema. Errors are the HTTP
 * client's ConnectorErrors (400 invalid-argument, 401 unauthenticated, 403 permission-denied,
 * 404 not-found, 409 already-exists, 429/5xx unavailable).
 */
export function createScimClient(options: ScimClientOptions): ScimClient {
  const { http } = options;
  const route = (method: HttpMethod, endpoint: string): HttpClient => (typeof http === 'function' ? http({ method, endpoint }) : http);

  const list = async <S extends v.GenericSchema>(
    endpoint: string,
    listOptions: ScimListOptions<S>,
  ): Promise<ScimListPage<v.InferOutput<S>>> => {
    const { schema, signal } = listOptions;
    const response = await route('GET', endpoint).get(endpoint, {
      schema: scimListResponseSchema(schema),
      searchParams: {
        startIndex: listOptions.startIndex,
        count: listOptions.count,
        filter: listOptions.filter,
        attributes: joinList(listOptions.attributes),
        excludedAttributes: joinList(listOptions.excludedAttributes),
      },
      ...(signal && { signal }),
    });
    const { totalResults, startIndex, itemsPerPage, Resources } = response.data as ScimListResponse<v.InferOutput<S>>;
    return {
      items: Resources ?? [],
      ...(typeof totalResults === 'number' && { totalResults }),
      ...(typeof startIndex === 'number' && { startIndex }),
      ...(typeof itemsPerPage === 'number' && { itemsPerPage }),
    };
  };

  return {
    list,
    listPage: (endpoint, pageToken, pageOptions) =>
      scimPage(pageToken, {
        count: pageOptions.count,
        fetch: (startIndex, count) => list(endpoint, { ...pageOptions, startIndex, count }),
      }),
    async findBy(endpoint, attribute, value, findOptions) {
      const page = await list(endpoint, { ...findOptions, filter: scimEqualsFilter(attribute, value), startIndex: 1, count: 1 });
      return page.items[0];
    },
    async get(endpoint, id, getOptions) {
      const { schema, signal } = getOptions;
      const response = await route('GET', endpoint).get(resourcePath(endpoint, id), {
        schema,
        searchParams: { attributes: joinList(getOptions.attributes), excludedAttributes: joinList(getOptions.excludedAttributes) },
        ...(signal && { signal }),
      });
      return response.data;
    },
    async create(endpoint, body, createOptions) {
      const response = await route('POST', endpoint).send('POST', endpoint, {
        schema: createOptions.schema,
        json: body,
        ...(createOptions.signal && { signal: createOptions.signal }),
      });
      return response.data;
    },
    async patch(endpoint, id, operations, patchOptions = {}) {
      if (operations.length === 0) throw new RangeError('a SCIM PATCH needs at least one operation');
      const json = { schemas: [SCIM_SCHEMAS.patchOp], Operations: operations };
      const signal = patchOptions.signal;
      const client = route('PATCH', endpoint);
      const path = resourcePath(endpoint, id);
      if (!patchOptions.schema) {
        await client.send('PATCH', path, { json, ...(signal && { signal }) });
        return undefined;
      }
      const response = await client.send('PATCH', path, { schema: v.optional(patchOptions.schema), json, ...(signal && { signal }) });
      return response.data;
    },
  };
}
