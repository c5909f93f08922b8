/**
 * Fake connectors and tenants for the sync engine's tests. Not exported from the package.
 */
import type { C1zReader } from '../c1z/store-types.js';
import type { Connector, Page, ResourceSyncer, StaticEntitlement } from '../connector/contract.js';
import { annotation, type Annotation } from '../model/annotations.js';
import { defineResourceType, entitlement, grant, groupResource, resource, roleResource, userResource } from '../model/builders.js';
import { resourceKey } from '../model/ids.js';
import type { Entitlement, Grant, Resource, ResourceId, ResourceType } from '../model/types.js';

/** One connector call, as the fake saw it. */
export interface FakeCall {
  kind: 'list' | 'entitlements' | 'grants' | 'static';
  typeId: string;
  /** The resource (entitlements, grants) or parent (list) the call is about. */
  key?: string;
  pageToken: string;
}

/** A resource type's data in a fake tenant. */
export interface FakeType {
  type: ResourceType;
  /** Resources listed without a parent. */
  resources: Resource[];
  /** Resources listed under a parent, by the parent's `<type>:<id>`. */
  children?: Record<string, Resource[]>;
  entitlements?: (resource: Resource) => Entitlement[];
  grants?: (resource: Resource) => Grant[];
  statics?: StaticEntitlement[];
}

/** What {@link fakeConnector} takes besides the data. */
export interface FakeConnectorOptions {
  pageSize?: number;
  /** Runs before every call; may throw, wait, or never settle. */
  beforeCall?: (call: FakeCall) => void | Promise<void>;
  /** Sees every call, in order. */
  calls?: FakeCall[];
  validate?: () => Promise<void>;
}

/** A connector serving `types` page by page with offset tokens. */
export function fakeConnector(types: FakeType[], options: FakeConnectorOptions = {}): Connector {
  const pageSize = options.pageSize ?? 3;
  const serve = async <T>(call: FakeCall, all: T[]): Promise<Page<T>> => {
    options.calls?.push(call);
    await options.beforeCall?.(call);
    const offset = call.pageToken === '' ? 0 : Number(call.pageToken);
    const items = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? String(offset + pageSize) : undefined;
    return next === undefined ? { items } : { items, nextPageToken: next };
  };
  const syncers = types.map((spec): ResourceSyncer => {
    const typeId = spec.type.id;
    const syncer: ResourceSyncer = {
      resourceType: spec.type,
      list: ({ pageToken, parentId }) => {
        const key = parentId && resourceKey(parentId);
        const all = key ? (spec.children?.[key] ?? []) : spec.resources;
        return serve({ kind: 'list', typeId, pageToken, ...(key && { key }) }, all);
      },
    };
    if (spec.entitlements) {
      const list = spec.entitlements;
      syncer.entitlements = (res, { pageToken }) => serve({ kind: 'entitlements', typeId, key: resourceKey(res.id), pageToken }, list(res));
    }
    if (spec.grants) {
      const list = spec.grants;
      syncer.grants = (res, { pageToken }) => serve({ kind: 'grants', typeId, key: resourceKey(res.id), pageToken }, list(res));
    }
    if (spec.statics) {
      const statics = spec.statics;
      syncer.staticEntitlements = ({ pageToken }) => serve({ kind: 'static', typeId, pageToken }, statics);
    }
    return syncer;
  });
  return {
    metadata: { displayName: 'Fake' },
    validate: async () => {
      await options.validate?.();
      return [{ name: 'fake' }];
    },
    resourceSyncers: syncers,
  };
}

/** A seeded pseudo-random generator (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resource types of the fake tenant. */
export const tenantTypes = {
  org: defineResourceType({ id: 'org', displayName: 'Org' }),
  project: defineResourceType({ id: 'project', displayName: 'Project' }),
  user: defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] }),
  group: defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] }),
  role: defineResourceType({ id: 'role', displayName: 'Role', traits: ['ROLE'] }),
};

/**
 * A deterministic tenant: orgs with projects (children), users, groups whose members are users
 * and nested groups (membership of a group by a group is expandable), roles with a static
 * entitlement granted to users. Sizes grow with `scale`.
 */
export function fakeTenant(seed: number, scale = 1): FakeType[] {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const { org, project, user, group, role } = tenantTypes;
  const users = Array.from({ length: 12 * scale }, (_, i) =>
    userResource({ type: user, id: i + 1, displayName: `User ${i + 1}`, user: { login: `u${i + 1}` } }),
  );
  const groups = Array.from({ length: 5 * scale }, (_, i) =>
    groupResource({ type: group, id: `g${i + 1}`, displayName: `Group ${i + 1}` }),
  );
  const roles = Array.from({ length: 3 }, (_, i) => roleResource({ type: role, id: `r${i + 1}`, displayName: `Role ${i + 1}` }));
  const orgs = Array.from({ length: 2 * scale }, (_, i) =>
    resource({
      type: org,
      id: `o${i + 1}`,
      displayName: `Org ${i + 1}`,
      annotations: [annotation('c1.connector.v2.ChildResourceType', { resourceTypeId: 'project' })],
    }),
  );
  const projects: Record<string, Resource[]> = {};
  for (const parent of orgs) {
    projects[resourceKey(parent.id)] = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) =>
      resource({ type: project, id: `${parent.id.resource}-p${i + 1}`, displayName: `Project ${i + 1}`, parent: parent.id }),
    );
  }
  const members = new Map<string, Resource[]>();
  for (const [i, g] of groups.entries()) {
    const list = new Set<Resource>();
    const count = Math.floor(random() * 7);
    for (let n = 0; n < count; n++) list.add(pick(users));
    // Nest the next group inside this one now and then (a chain, and a cycle at the end).
    if (random() < 0.5) list.add(groups[(i + 1) % groups.length]!);
    members.set(resourceKey(g.id), [...list]);
  }
  const memberOf = (g: Resource): Entitlement => entitlement({ resource: g, slug: 'member', purpose: 'ASSIGNMENT' });
  return [
    { type: org, resources: orgs },
    {
      type: project,
      resources: [],
      children: projects,
      entitlements: (p) => [entitlement({ resource: p, slug: 'admin', purpose: 'PERMISSION' })],
    },
    { type: user, resources: users },
    {
      type: group,
      resources: groups,
      entitlements: (g) => [memberOf(g)],
      grants: (g) =>
        (members.get(resourceKey(g.id)) ?? []).map((principal) =>
          grant({
            entitlement: memberOf(g),
            principal,
            ...(principal.id.resourceType === 'group' && {
              annotations: [annotation('c1.connector.v2.GrantExpandable', { entitlementIds: [memberOf(principal).id] })],
            }),
          }),
        ),
    },
    {
      type: role,
      resources: roles,
      statics: [{ slug: 'assigned', purpose: 'ASSIGNMENT', displayName: 'Assigned' }],
      grants: (r) =>
        users
          .filter((_, i) => (i + Number(r.id.resource.slice(1))) % 4 === 0)
          .map((principal) => grant({ entitlement: { resource: r, slug: 'assigned' }, principal })),
    },
  ];
}

/** Every object of a sync as sorted, canonical JSON lines: equal content compares equal. */
export function dumpSync(store: C1zReader, syncId: string): string[] {
  const lines: string[] = [];
  for (const item of store.resourceTypes(syncId)) lines.push(`type ${canonicalJson(item)}`);
  for (const item of store.resources({ syncId })) lines.push(`resource ${canonicalJson(item)}`);
  for (const item of store.entitlements({ syncId })) lines.push(`entitlement ${canonicalJson(item)}`);
  for (const item of store.grants({ syncId })) lines.push(`grant ${canonicalJson(item)}`);
  return lines.sort();
}

/** JSON with object keys sorted, so key order does not matter. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Date)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** A resource id from its parts. */
export function rid(resourceType: string, id: string): ResourceId {
  return { resourceType, resource: id };
}

/** Annotations for a resource or type that skip the given listings. */
export function skip(what: 'entitlements-and-grants' | 'entitlements' | 'grants'): Annotation {
  if (what === 'entitlements') return annotation('c1.connector.v2.SkipEntitlements', {});
  if (what === 'grants') return annotation('c1.connector.v2.SkipGrants', {});
  return annotation('c1.connector.v2.SkipEntitlementsAndGrants', {});
}
