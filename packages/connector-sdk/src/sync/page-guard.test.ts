import { describe, expect, it } from 'vitest';
import { grant } from '../model/builders.js';
import { userResource } from '../model/builders.js';
import { runSync } from './engine.js';
import { fakeConnector, fakeTenant } from './fixtures.test-support.js';
import { createMemoryStore } from './memory-store.js';
import { MAX_PAGES_PER_LISTING } from './page-guard.js';
import { fakeClock } from '../testing/fake-clock.js';

/** A connector whose user listing is `list`; the rest is the fake tenant. */
function withUserListing(list: (pageToken: string) => { ids: number[]; next?: string }): ReturnType<typeof fakeConnector> {
  const connector = fakeConnector(fakeTenant(21));
  const users = connector.resourceSyncers.find((s) => s.resourceType.id === 'user')!;
  users.list = async ({ pageToken }) => {
    const { ids, next } = list(pageToken);
    const items = ids.map((id) => userResource({ type: 'user', id, displayName: `User ${id}` }));
    return next === undefined ? { items } : { items, nextPageToken: next };
  };
  return connector;
}

async function syncError(connector: ReturnType<typeof fakeConnector>): Promise<unknown> {
  return runSync({ connector, store: createMemoryStore(), timing: fakeClock() }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('paging that cannot be right', () => {
  it('fails on a page token cycle (A, B, C, A) rather than listing forever', async () => {
    const cycle: Record<string, string> = { '': 'A', A: 'B', B: 'C', C: 'A' };
    let pages = 0;
    const connector = withUserListing((token) => {
      pages++;
      return { ids: [pages], next: pages > 1000 ? undefined : cycle[token] };
    });
    const error = await syncError(connector);
    expect(error).toMatchObject({ name: 'ConnectorError', code: 'internal' });
    expect((error as Error).message).toMatch(/^list user resources: page token cycle: page \d+ asks again for a page already listed/);
    expect(pages).toBeLessThan(20);
  });

  it('fails on a page identical to the previous one even when the token moves on', async () => {
    let pages = 0;
    const connector = withUserListing(() => ({ ids: [1, 2, 3], next: pages++ > 1000 ? undefined : `offset-${pages}` }));
    const error = await syncError(connector);
    expect((error as Error).message).toContain('list user resources: page 2 repeats the previous page (the same 3 items)');
  });

  it('fails on a listing that runs away past the page limit', async () => {
    let pages = 0;
    const connector = withUserListing(() => {
      pages++;
      return { ids: [pages], next: pages > MAX_PAGES_PER_LISTING + 10 ? undefined : `p${pages}` };
    });
    const error = await syncError(connector);
    expect((error as Error).message).toContain(`list user resources: more than ${MAX_PAGES_PER_LISTING} pages`);
    expect(pages).toBe(MAX_PAGES_PER_LISTING);
  });

  it("fails on a resource's grant pages that repeat", async () => {
    const connector = fakeConnector(fakeTenant(22));
    const groups = connector.resourceSyncers.find((s) => s.resourceType.id === 'group')!;
    let pages = 0;
    groups.grants = async (resource, { pageToken }) => {
      pages++;
      const principal = userResource({ type: 'user', id: 1, displayName: 'One' });
      const items = [grant({ entitlement: { resource, slug: 'member' }, principal: principal.id })];
      return { items, nextPageToken: pages > 1000 ? '' : `${pageToken}x` };
    };
    const error = await syncError(connector);
    expect((error as Error).message).toMatch(/^list grants of group:\S+: page 2 repeats the previous page/);
  });
});
