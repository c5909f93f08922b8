import { describe, expect, it } from 'vitest';
import type { Connector, OperationContext } from '../connector/contract.js';
import { silentLogger } from '../log/logger.js';
import { defineResourceType } from '../model/builders.js';
import { currentOperationSignal, scopeOperations } from './operation-scope.js';

const ctx = (): OperationContext => ({ signal: new AbortController().signal, logger: silentLogger });
const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });

describe('scopeOperations', () => {
  it('runs every connector call inside its operation, so the runtime sees its signal', async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const connector: Connector = {
      metadata: { displayName: 'Scoped' },
      validate: async () => {
        seen.push(currentOperationSignal());
        return [];
      },
      resourceSyncers: [
        {
          resourceType: userType,
          list: async () => {
            seen.push(currentOperationSignal());
            return { items: [] };
          },
          grants: async () => {
            seen.push(currentOperationSignal());
            return { items: [] };
          },
        },
      ],
    };
    const scoped = scopeOperations(scopeOperations(connector));
    const [validateCtx, listCtx, grantsCtx] = [ctx(), ctx(), ctx()];
    await scoped.validate(validateCtx);
    await scoped.resourceSyncers[0]?.list({ pageToken: '', ctx: listCtx });
    await scoped.resourceSyncers[0]?.grants?.(
      { id: { resourceType: 'user', resource: 'u1' }, displayName: 'U', annotations: [] },
      { pageToken: '', ctx: grantsCtx },
    );
    expect(seen).toEqual([validateCtx.signal, listCtx.signal, grantsCtx.signal]);
    expect(currentOperationSignal()).toBeUndefined();
    expect(scoped.resourceSyncers[0]?.entitlements).toBeUndefined();
  });
});
