import type { Connector, Page, ResourceSyncer } from '../connector/contract.js';
import { resourceKey } from '../model/ids.js';
import type { ResourceId } from '../model/types.js';

/** A paging problem seen while a connector ran under the test harness. */
export interface PagingProblem {
  /** Which listing: `list user`, `grants team:901`, ... */
  stream: string;
  kind: 'token-unchanged' | 'token-repeated' | 'too-many-pages';
  message: string;
}

/** What the recorder saw: page counts per listing and the problems found. */
export interface PagingRecord {
  /** Pages fetched per listing, keyed like {@link PagingProblem.stream}. */
  pages: Map<string, number>;
  problems: PagingProblem[];
}

interface StreamState {
  pages: number;
  tokens: Set<string>;
}

/**
 * Wraps a connector so every page it returns is checked: a listing that returns the token it
 * was given, repeats an earlier token, or runs past `maxPages` is recorded as a problem and
 * ended there (its last page is returned without a next token), so the sync still finishes
 * and the conformance check can report it instead of the test hanging.
 */
export function recordPaging(connector: Connector, maxPages: number): { connector: Connector; record: PagingRecord } {
  const record: PagingRecord = { pages: new Map(), problems: [] };
  const streams = new Map<string, StreamState>();

  async function observe<T>(stream: string, pageToken: string, fetchPage: () => Promise<Page<T>>): Promise<Page<T>> {
    let state = streams.get(stream);
    if (pageToken === '' || !state) {
      state = { pages: 0, tokens: new Set() };
      streams.set(stream, state);
    }
    const page = await fetchPage();
    state.pages += 1;
    record.pages.set(stream, state.pages);
    const next = page.nextPageToken ?? '';
    if (next === '') return page;
    let problem: PagingProblem | undefined;
    if (next === pageToken) {
      problem = { stream, kind: 'token-unchanged', message: `${stream}: page ${state.pages} returned the token it was given` };
    } else if (state.tokens.has(next)) {
      problem = { stream, kind: 'token-repeated', message: `${stream}: page ${state.pages} returned a token seen earlier (a paging loop)` };
    } else if (state.pages >= maxPages) {
      problem = { stream, kind: 'too-many-pages', message: `${stream}: still had a next page after ${maxPages} pages` };
    }
    if (problem) {
      record.problems.push(problem);
      const { nextPageToken: _dropped, ...ended } = page;
      return ended;
    }
    state.tokens.add(next);
    return page;
  }

  const wrap = (syncer: ResourceSyncer): ResourceSyncer => {
    const type = syncer.resourceType.id;
    const at = (id: ResourceId) => resourceKey(id);
    const wrapped: ResourceSyncer = {
      ...syncer,
      list: (request) =>
        observe(`list ${type}${request.parentId ? ` under ${at(request.parentId)}` : ''}`, request.pageToken, () => syncer.list(request)),
    };
    const { entitlements, staticEntitlements, grants } = syncer;
    if (entitlements) {
      wrapped.entitlements = (resource, request) =>
        observe(`entitlements ${at(resource.id)}`, request.pageToken, () => entitlements.call(syncer, resource, request));
    }
    if (staticEntitlements) {
      wrapped.staticEntitlements = (request) =>
        observe(`static entitlements ${type}`, request.pageToken, () => staticEntitlements.call(syncer, request));
    }
    if (grants) {
      wrapped.grants = (resource, request) =>
        observe(`grants ${at(resource.id)}`, request.pageToken, () => grants.call(syncer, resource, request));
    }
    return wrapped;
  };

  return { connector: { ...connector, resourceSyncers: connector.resourceSyncers.map(wrap) }, record };
}
