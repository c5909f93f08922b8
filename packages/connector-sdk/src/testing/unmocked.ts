import type { Connector, ResourceSyncer } from '../connector/contract.js';
import { ConnectorError } from '../errors/connector-error.js';
import { isMockNotMatchedError } from './mock-agent.js';

/**
 * Wraps a connector so a request no MockAgent interceptor matched fails the sync at once:
 * the HTTP client reports it as a network error (`unavailable`), which the engine would
 * otherwise keep retrying for minutes. It becomes `failed-precondition`, naming the request.
 */
export function failFastWhenUnmocked(connector: Connector): Connector {
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (!isMockNotMatchedError(error)) throw error;
      throw new ConnectorError(`request not mocked: ${(error as Error).message}`, { code: 'failed-precondition', cause: error });
    }
  };
  const wrap = (syncer: ResourceSyncer): ResourceSyncer => {
    const wrapped: ResourceSyncer = { ...syncer, list: (request) => guard(() => syncer.list(request)) };
    const { entitlements, staticEntitlements, grants } = syncer;
    if (entitlements) wrapped.entitlements = (res, request) => guard(() => entitlements.call(syncer, res, request));
    if (staticEntitlements) wrapped.staticEntitlements = (request) => guard(() => staticEntitlements.call(syncer, request));
    if (grants) wrapped.grants = (res, request) => guard(() => grants.call(syncer, res, request));
    return wrapped;
  };
  return {
    ...connector,
    validate: (ctx) => guard(() => connector.validate(ctx)),
    resourceSyncers: connector.resourceSyncers.map(wrap),
  };
}
