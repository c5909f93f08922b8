import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { resourceKey } from '../model/ids.js';
import { defineResourceType, groupResource, resource, userResource } from '../model/builders.js';
import type { Connector } from '../connector/contract.js';
import { runSync } from './engine.js';
import { dumpSync, fakeConnector, fakeTenant, seededRandom, skip, type FakeCall, type FakeType } from './fixtures.test-support.js';
import { createMemoryStore } from './memory-store.js';
import { recordingLogger } from '../testing/recording-logger.js';
import type { SyncProgress } from './types.js';
import { fakeClock } from '../testing/fake-clock.js';

function withType(types: FakeType[], id: string, change: (spec: FakeType) => FakeType): FakeType[] {
  return types.map((spec) => (spec.type.id === id ? change(spec) : spec));
}

describe('runSync', () => {
  it('runs validate, then every phase in order, and ends the sync', async () => {
    const calls: FakeCall[] = [];
    const phases: string[] = [];
    const store = createMemoryStore();
    let validated = 0;
    const connector = fakeConnector(fakeTenant(1), {
      calls,
      validate: async () => {
        validated++;
        expect(calls).toEqual([]);
      },
    });
    const summary = await runSync({
      connector,
      store,
      timing: fakeClock(),
      onProgress: (event) => {
        if (phases.at(-1) !== event.phase) phases.push(event.phase);
      },
    });
    expect(validated).toBe(1);
    expect(phases).toEqual([
      'validate',
      'resource-types',
      'resources',
      'static-entitlements',
      'entitlements',
      'grants',
      'expansion',
      'done',
    ]);
    const order = calls.map((call) => call.kind);
    const last = (kind: string): number => order.lastIndexOf(kind as FakeCall['kind']);
    const first = (kind: string): number => order.indexOf(kind as FakeCall['kind']);
    expect(last('list')).toBeLessThan(first('static'));
    expect(last('static')).toBeLessThan(first('entitlements'));
    expect(last('entitlements')).toBeLessThan(first('grants'));
    expect(store.unfinishedSync()).toBeUndefined();
    expect(store.latestFinishedSync()?.syncId).toBe(summary.syncId);
    expect(summary).toMatchObject({ resumed: false, resourceTypes: 5, warnings: 0 });
    expect(summary.resources).toBe([...store.resources({ syncId: summary.syncId })].length);
    expect(summary.grants).toBeGreaterThan(0);
  });

  it('aborts before starting a sync when validate fails', async () => {
    const store = createMemoryStore();
    const connector = fakeConnector(fakeTenant(1), {
      validate: () => Promise.reject(new ConnectorError('ilert rejected the API token (401)', { code: 'unauthenticated' })),
    });
    await expect(runSync({ connector, store, timing: fakeClock() })).rejects.toThrow('rejected the API token');
    expect(store.syncs()).toEqual([]);
  });

  it('lists children declared by ChildResourceType under their parent', async () => {
    const calls: FakeCall[] = [];
    const store = createMemoryStore();
    const tenant = fakeTenant(2);
    const { syncId } = await runSync({ connector: fakeConnector(tenant, { calls, pageSize: 2 }), store, timing: fakeClock() });
    const orgs = tenant.find((spec) => spec.type.id === 'org')!.resources;
    for (const org of orgs) {
      const key = resourceKey(org.id);
      expect(calls.some((call) => call.kind === 'list' && call.typeId === 'project' && call.key === key)).toBe(true);
      const stored = [...store.resources({ syncId, resourceTypeId: 'project', parentId: org.id })];
      expect(stored.map((p) => resourceKey(p.id)).sort()).toEqual(
        tenant
          .find((spec) => spec.type.id === 'project')!
          .children![key]!.map((p) => resourceKey(p.id))
          .sort(),
      );
    }
    // Children's own entitlements are listed like any resource's.
    expect([...store.entitlements({ syncId, resourceTypeId: 'project' })].length).toBe(
      [...store.resources({ syncId, resourceTypeId: 'project' })].length,
    );
  });

  it('stamps static entitlements onto every resource of the type', async () => {
    const store = createMemoryStore();
    const { syncId } = await runSync({ connector: fakeConnector(fakeTenant(3)), store, timing: fakeClock() });
    const ids = [...store.entitlements({ syncId, resourceTypeId: 'role' })].map((e) => e.id).sort();
    expect(ids).toEqual(['role:r1:assigned', 'role:r2:assigned', 'role:r3:assigned']);
  });

  it('honours skip annotations on types and resources', async () => {
    const calls: FakeCall[] = [];
    let tenant = fakeTenant(4);
    tenant = withType(tenant, 'project', (spec) => ({ ...spec, type: { ...spec.type, annotations: [skip('entitlements-and-grants')] } }));
    tenant = withType(tenant, 'role', (spec) => ({ ...spec, type: { ...spec.type, annotations: [skip('grants')] } }));
    tenant = withType(tenant, 'group', (spec) => ({
      ...spec,
      resources: spec.resources.map((g, i) =>
        i === 0
          ? { ...g, annotations: [...g.annotations, skip('entitlements')] }
          : i === 1
            ? { ...g, annotations: [...g.annotations, skip('grants')] }
            : g,
      ),
    }));
    const store = createMemoryStore();
    await runSync({ connector: fakeConnector(tenant, { calls }), store, timing: fakeClock() });
    const about = (kind: string, key: string): boolean => calls.some((call) => call.kind === kind && call.key === key);
    expect(calls.some((call) => call.typeId === 'project' && call.kind !== 'list')).toBe(false);
    expect(calls.some((call) => call.typeId === 'role' && call.kind === 'grants')).toBe(false);
    expect(calls.some((call) => call.typeId === 'role' && call.kind === 'static')).toBe(true);
    expect(about('entitlements', 'group:g1')).toBe(false);
    expect(about('grants', 'group:g1')).toBe(true);
    expect(about('entitlements', 'group:g2')).toBe(true);
    expect(about('grants', 'group:g2')).toBe(false);
    expect(about('grants', 'group:g3')).toBe(true);
  });

  it('syncs only resources with skipEntitlementsAndGrants, as a resources_only sync', async () => {
    const calls: FakeCall[] = [];
    const store = createMemoryStore();
    const summary = await runSync({
      connector: fakeConnector(fakeTenant(5), { calls }),
      store,
      skipEntitlementsAndGrants: true,
      timing: fakeClock(),
    });
    expect(new Set(calls.map((call) => call.kind))).toEqual(new Set(['list']));
    expect(summary).toMatchObject({ entitlements: 0, grants: 0 });
    expect(store.syncs()[0]?.type).toBe('resources_only');
  });

  it('syncs only the requested resource types and names the valid ones for an unknown id', async () => {
    const calls: FakeCall[] = [];
    const store = createMemoryStore();
    const { syncId } = await runSync({
      connector: fakeConnector(fakeTenant(6), { calls }),
      store,
      resourceTypeIds: ['user', 'role'],
      timing: fakeClock(),
    });
    expect(store.resourceTypes(syncId).map((t) => t.id)).toEqual(['user', 'role']);
    expect(new Set(calls.map((call) => call.typeId))).toEqual(new Set(['user', 'role']));
    await expect(
      runSync({
        connector: fakeConnector(fakeTenant(6)),
        store: createMemoryStore(),
        resourceTypeIds: ['user', 'teams'],
        timing: fakeClock(),
      }),
    ).rejects.toThrow('unknown resource type "teams"; valid types: org, project, user, group, role');
  });

  it('fails naming a resource that lacks the trait its type declares', async () => {
    const tenant = withType(fakeTenant(7), 'user', (spec) => ({
      ...spec,
      resources: [...spec.resources, resource({ type: 'user', id: 999, displayName: 'No trait' })],
    }));
    const error = await runSync({ connector: fakeConnector(tenant), store: createMemoryStore(), timing: fakeClock() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toContain('resource user:999 was missing expected trait');
  });

  it('reports a connector that returns the page token it was given', async () => {
    const connector = fakeConnector(fakeTenant(8));
    const users = connector.resourceSyncers.find((s) => s.resourceType.id === 'user')!;
    users.list = async ({ pageToken }) => ({
      items: [userResource({ type: 'user', id: pageToken === '' ? 1 : 2, displayName: 'x' })],
      nextPageToken: 'same',
    });
    const error = await runSync({ connector, store: createMemoryStore(), timing: fakeClock() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConnectorError', code: 'internal' });
    expect((error as Error).message).toContain('list user resources: next page token unchanged');
  });

  it('gives up after three attempts by default', async () => {
    const timing = fakeClock();
    let calls = 0;
    const connector = fakeConnector(fakeTenant(9), {
      beforeCall: (call) => {
        if (call.kind !== 'grants' || call.key !== 'group:g1') return;
        calls++;
        throw new ConnectorError('bad gateway', { code: 'unavailable', status: 502 });
      },
    });
    await expect(runSync({ connector, store: createMemoryStore(), timing })).rejects.toThrow('bad gateway');
    expect(calls).toBe(3);
    expect(timing.sleeps).toEqual([1000, 2000]);
  });

  it('does not retry an error its thrower already retried', async () => {
    const timing = fakeClock();
    let calls = 0;
    const connector = fakeConnector(fakeTenant(9), {
      beforeCall: (call) => {
        if (call.kind !== 'grants' || call.key !== 'group:g1') return;
        calls++;
        throw new ConnectorError('still down after 5 attempts', { code: 'unavailable', status: 503, attempts: 5 });
      },
    });
    await expect(runSync({ connector, store: createMemoryStore(), timing })).rejects.toThrow('still down');
    expect(calls).toBe(1);
    expect(timing.sleeps).toEqual([]);
  });

  it('retries outages with linear backoff and waits for a rate limit to reset', async () => {
    const timing = fakeClock();
    const progress: SyncProgress[] = [];
    let failures = 0;
    const connector = fakeConnector(fakeTenant(9), {
      beforeCall: (call) => {
        if (call.kind !== 'grants' || call.key !== 'group:g1') return;
        failures++;
        if (failures === 1) {
          throw new ConnectorError('rate limited', {
            code: 'unavailable',
            status: 429,
            rateLimit: { resetAt: new Date(timing.now() + 7000) },
          });
        }
        if (failures <= 3) throw new ConnectorError('bad gateway', { code: 'unavailable', status: 502 });
        if (failures === 4) throw new ConnectorError('timeout', { code: 'deadline-exceeded' });
      },
    });
    const summary = await runSync({
      connector,
      store: createMemoryStore(),
      timing,
      retry: { maxAttempts: 5 },
      onProgress: (event) => progress.push(event),
    });
    expect(timing.sleeps).toEqual([7000, 2000, 3000, 4000]);
    expect(progress.filter((event) => event.waitingMs !== undefined).map((event) => [event.phase, event.waitingMs])).toEqual([
      ['grants', 7000],
      ['grants', 2000],
      ['grants', 3000],
      ['grants', 4000],
    ]);
    expect(summary.warnings).toBe(0);
  });

  it('caps waits at a minute and gives up after the last attempt', async () => {
    const timing = fakeClock();
    const connector = fakeConnector(fakeTenant(9), {
      beforeCall: (call) => {
        if (call.kind === 'list' && call.typeId === 'user') {
          throw new ConnectorError('rate limited', { code: 'unavailable', rateLimit: { resetAt: new Date(timing.now() + 3_600_000) } });
        }
      },
    });
    await expect(runSync({ connector, store: createMemoryStore(), timing, retry: { maxAttempts: 3 } })).rejects.toThrow('rate limited');
    expect(timing.sleeps).toEqual([60_000, 60_000]);
  });

  it('does not retry errors that retrying cannot fix', async () => {
    const timing = fakeClock();
    const connector = fakeConnector(fakeTenant(9), {
      beforeCall: (call) => {
        if (call.kind === 'grants') throw new ConnectorError('forbidden', { code: 'permission-denied', status: 403 });
      },
    });
    await expect(runSync({ connector, store: createMemoryStore(), timing })).rejects.toThrow('forbidden');
    expect(timing.sleeps).toEqual([]);
  });

  it('logs and skips not-found on one resource, and fails past the warning budget', async () => {
    const many = withType(fakeTenant(10, 4), 'user', (spec) => ({ ...spec, grants: () => [] }));
    const notFoundFor = (keys: (key: string) => boolean) => (call: FakeCall) => {
      if (call.kind === 'grants' && call.key && keys(call.key)) throw new ConnectorError('gone', { code: 'not-found', status: 404 });
    };
    const logger = recordingLogger();
    const few = await runSync({
      connector: fakeConnector(many, { beforeCall: notFoundFor((key) => key === 'group:g1' || key === 'group:g2') }),
      store: createMemoryStore(),
      timing: fakeClock(),
      logger,
    });
    expect(few.warnings).toBe(2);
    expect(logger.linesAt('warn').filter((line) => line.message.includes('not-found'))).toHaveLength(2);
    // Every user's grants fail: 48 warnings out of ~110 actions is over 10 and over 10%.
    await expect(
      runSync({
        connector: fakeConnector(many, { beforeCall: notFoundFor((key) => key.startsWith('user:')) }),
        store: createMemoryStore(),
        timing: fakeClock(),
      }),
    ).rejects.toThrow(/too many warnings: 11 of \d+ actions/);
  });

  it('writes the same objects with one worker or four', async () => {
    const tenant = fakeTenant(11, 3);
    const contents: string[][] = [];
    for (const workers of [1, 4]) {
      const random = seededRandom(workers);
      const connector = fakeConnector(tenant, {
        pageSize: 2,
        beforeCall: async () => {
          for (let i = Math.floor(random() * 4); i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
        },
      });
      const store = createMemoryStore();
      const { syncId } = await runSync({ connector, store, workers, timing: fakeClock() });
      contents.push(dumpSync(store, syncId));
    }
    expect(contents[1]).toEqual(contents[0]);
  });

  it('runs per-resource listings concurrently up to the worker count', async () => {
    let running = 0;
    let peak = 0;
    const connector = fakeConnector(fakeTenant(12, 3), {
      beforeCall: async (call) => {
        if (call.kind !== 'grants') return;
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
      },
    });
    await runSync({ connector, store: createMemoryStore(), workers: 3, timing: fakeClock() });
    expect(peak).toBe(3);
  });

  it('checkpoints and throws an AbortError when aborted, and the next run resumes', async () => {
    const tenant = fakeTenant(13, 2);
    const store = createMemoryStore();
    const controller = new AbortController();
    let grantCalls = 0;
    const connector = fakeConnector(tenant, {
      beforeCall: (call) => {
        if (call.kind === 'grants' && ++grantCalls === 4) controller.abort();
      },
    });
    const error = await runSync({ connector, store, signal: controller.signal, timing: fakeClock(), workers: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect((error as Error).message).toContain('run the same command again to resume');
    const unfinished = store.unfinishedSync();
    expect(JSON.parse(unfinished!.syncToken!)).toMatchObject({ phase: 'grants' });
    store.abandon();

    const calls: FakeCall[] = [];
    const resumed = await runSync({ connector: fakeConnector(tenant, { calls }), store, timing: fakeClock() });
    expect(resumed).toMatchObject({ resumed: true, syncId: unfinished!.syncId });
    expect(calls.some((call) => call.kind === 'list' || call.kind === 'entitlements')).toBe(false);

    const reference = createMemoryStore();
    const fresh = await runSync({ connector: fakeConnector(tenant), store: reference, timing: fakeClock() });
    expect(dumpSync(store, resumed.syncId)).toEqual(dumpSync(reference, fresh.syncId));
  });

  it('rejects a connector with two syncers for one type', async () => {
    const connector = fakeConnector(fakeTenant(1));
    connector.resourceSyncers.push({ ...connector.resourceSyncers[0]! });
    await expect(runSync({ connector, store: createMemoryStore(), timing: fakeClock() })).rejects.toThrow(
      'two resource syncers for type "org"',
    );
  });

  it('fails when a resource declares a child type the connector lacks', async () => {
    const tenant = withType(fakeTenant(1), 'org', (spec) => ({
      ...spec,
      resources: spec.resources.map((o) => ({
        ...o,
        annotations: [{ $type: 'c1.connector.v2.ChildResourceType' as const, resourceTypeId: 'repo' }],
      })),
    }));
    await expect(runSync({ connector: fakeConnector(tenant), store: createMemoryStore(), timing: fakeClock() })).rejects.toThrow(
      'declares child resource type "repo", which the connector does not sync',
    );
  });

  it('stops sibling workers when one fails, instead of waiting for them', async () => {
    const group = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });
    const connector: Connector = {
      metadata: { displayName: 'Stuck' },
      validate: async () => [],
      resourceSyncers: [
        {
          resourceType: group,
          list: async () => ({ items: ['slow', 'broken'].map((id) => groupResource({ type: group, id, displayName: id })) }),
          grants: (res, { ctx }) => {
            if (res.id.resource === 'broken') return Promise.reject(new ConnectorError('broken for good', { code: 'internal' }));
            // Stands for a call stuck in retries: it ends only when its signal fires.
            return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }));
          },
        },
      ],
    };
    await expect(runSync({ connector, store: createMemoryStore(), workers: 2, timing: fakeClock() })).rejects.toThrow('broken for good');
  });
});
