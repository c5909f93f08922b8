import type { Connector } from '../connector/contract.js';
import type { Logger } from '../log/logger.js';
import type { Entitlement, Grant, Resource, ResourceType } from '../model/types.js';
import { createMemoryStore, runSync, type SyncSummary } from '../sync/index.js';
import { recordPaging, type PagingRecord } from './paging-recorder.js';

/** What {@link runConnectorInMemory} takes. */
export interface RunInMemoryOptions {
  logger?: Logger;
  signal?: AbortSignal;
  workers?: number;
  resourceTypeIds?: string[];
  skipEntitlementsAndGrants?: boolean;
  /** Pages one listing may take before it is cut off and reported; default 10 000. */
  maxPagesPerListing?: number;
}

/** Everything one in-memory sync produced. */
export interface CollectedSync {
  summary: SyncSummary;
  resourceTypes: ResourceType[];
  resources: Resource[];
  entitlements: Entitlement[];
  grants: Grant[];
  /** Pages per listing and any paging problems (see `checkConformance`). */
  paging: PagingRecord;
}

/**
 * Runs a connector's whole sync through the real engine into an in-memory store and returns
 * what it wrote. The connector's HTTP traffic goes wherever undici's global dispatcher sends
 * it: install a MockAgent first (`installMockAgent`) to serve it from interceptors. The engine
 * validates the connector first, so mock the requests `validate` makes too. A request without
 * an interceptor fails the sync at once: the HTTP client reports it as `failed-precondition`,
 * which is never retried.
 */
export async function runConnectorInMemory(connector: Connector, options: RunInMemoryOptions = {}): Promise<CollectedSync> {
  const { maxPagesPerListing = 10_000, ...syncOptions } = options;
  const recorded = recordPaging(connector, maxPagesPerListing);
  const store = createMemoryStore();
  try {
    const summary = await runSync({ ...syncOptions, connector: recorded.connector, store });
    const syncId = summary.syncId;
    return {
      summary,
      resourceTypes: store.resourceTypes(syncId),
      resources: [...store.resources({ syncId })],
      entitlements: [...store.entitlements({ syncId })],
      grants: [...store.grants({ syncId })],
      paging: recorded.record,
    };
  } finally {
    store.close();
  }
}
