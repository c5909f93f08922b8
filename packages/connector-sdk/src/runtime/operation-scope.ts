import { AsyncLocalStorage } from 'node:async_hooks';
import type { Connector, OperationContext, Provisioner, ResourceSyncer } from '../connector/contract.js';

const scope = new AsyncLocalStorage<OperationContext>();
const SCOPED = Symbol.for('@c1/connector-sdk/scoped-operations');

/** Runs `run` as part of the operation `ctx`: HTTP clients made by the runtime follow its signal. */
export function runInOperation<T>(ctx: OperationContext, run: () => T): T {
  return scope.run(ctx, run);
}

/** The operation under way in this async context, if any. */
export function currentOperation(): OperationContext | undefined {
  return scope.getStore();
}

/** The abort signal of the operation under way, if any. */
export function currentOperationSignal(): AbortSignal | undefined {
  return scope.getStore()?.signal;
}

type Method<A extends unknown[], R> = ((...args: A) => Promise<R>) | undefined;

function scoped<A extends unknown[], R>(method: Method<A, R>, target: object, ctxOf: (args: A) => OperationContext): Method<A, R> {
  if (!method) return undefined;
  return (...args: A) => runInOperation(ctxOf(args), () => method.apply(target, args));
}

function scopedProvisioner(provisioner: Provisioner): Provisioner {
  return {
    grant: (principal, entitlement, ctx) => runInOperation(ctx, () => provisioner.grant(principal, entitlement, ctx)),
    revoke: (grant, ctx) => runInOperation(ctx, () => provisioner.revoke(grant, ctx)),
  };
}

function scopedSyncer(syncer: ResourceSyncer): ResourceSyncer {
  const wrapped: ResourceSyncer = { ...syncer, list: (request) => runInOperation(request.ctx, () => syncer.list(request)) };
  const entitlements = scoped(syncer.entitlements, syncer, ([, request]) => request.ctx);
  const staticEntitlements = scoped(syncer.staticEntitlements, syncer, ([request]) => request.ctx);
  const grants = scoped(syncer.grants, syncer, ([, request]) => request.ctx);
  const deleteResource = scoped(syncer.deleteResource, syncer, ([, , ctx]) => ctx);
  if (entitlements) wrapped.entitlements = entitlements;
  if (staticEntitlements) wrapped.staticEntitlements = staticEntitlements;
  if (grants) wrapped.grants = grants;
  if (deleteResource) wrapped.deleteResource = deleteResource;
  if (syncer.provisioner) wrapped.provisioner = scopedProvisioner(syncer.provisioner);
  return wrapped;
}

/**
 * The connector with every call (validate, list, entitlements, grants, provisioning, account
 * creation) run inside its operation, so the runtime's HTTP clients follow the operation's
 * abort signal without the connector passing it. Wrapping twice is harmless.
 */
export function scopeOperations(connector: Connector): Connector {
  if ((connector as { [SCOPED]?: true })[SCOPED]) return connector;
  const manager = connector.accountManager;
  const result: Connector = {
    ...connector,
    validate: (ctx) => runInOperation(ctx, () => connector.validate(ctx)),
    resourceSyncers: connector.resourceSyncers.map(scopedSyncer),
  };
  const close = connector.close;
  if (close) result.close = () => close.call(connector);
  if (manager) {
    result.accountManager = {
      ...manager,
      createAccount: (info, credentials, ctx) => runInOperation(ctx, () => manager.createAccount(info, credentials, ctx)),
    };
  }
  Object.defineProperty(result, SCOPED, { value: true });
  return result;
}
