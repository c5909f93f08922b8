import { annotation } from '../model/annotations.js';
import {
  appResource,
  defineResourceType,
  entitlement,
  grant,
  groupResource,
  resource,
  roleResource,
  secretResource,
  userResource,
} from '../model/builders.js';
import type { Entitlement, Grant, Resource, ResourceType } from '../model/types.js';

/** One sync's worth of objects using every trait, annotation, enum and optional field the codec knows. */
export interface C1zFixture {
  resourceTypes: ResourceType[];
  resources: Resource[];
  entitlements: Entitlement[];
  grants: Grant[];
}

/** The fixture's resource types, one per trait, with the skip annotations. */
function fixtureTypes() {
  const user = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'], description: 'People' });
  const group = defineResourceType({
    id: 'group',
    displayName: 'Group',
    traits: ['GROUP'],
    annotations: [annotation('c1.connector.v2.SkipEntitlements', {})],
  });
  const role = defineResourceType({
    id: 'role',
    displayName: 'Role',
    traits: ['ROLE'],
    annotations: [annotation('c1.connector.v2.SkipGrants', {})],
  });
  const app = defineResourceType({ id: 'app', displayName: 'App', traits: ['APP'] });
  const secret = defineResourceType({
    id: 'secret',
    displayName: 'Secret',
    traits: ['SECRET'],
    annotations: [annotation('c1.connector.v2.SkipEntitlementsAndGrants', {})],
  });
  const team = defineResourceType({ id: 'team', displayName: 'Team' });

  return { user, group, role, app, secret, team };
}

type FixtureTypes = ReturnType<typeof fixtureTypes>;

/** The fixture's users: a human with every user field set, a disabled service account and a deleted system account. */
function fixtureUsers({ user }: FixtureTypes, variant: number) {
  const ada = userResource({
    type: user,
    id: 2188373,
    displayName: variant === 0 ? 'Ada Lovelace' : 'Ada King',
    description: 'Analyst',
    annotations: [
      annotation('c1.connector.v2.ExternalLink', { url: 'https://example.ilert.com/users/2188373' }),
      annotation('c1.connector.v2.V1Identifier', { id: 'legacy-2188373' }),
    ],
    user: {
      emails: [
        { address: 'ada@example.com', isPrimary: true },
        { address: 'ada.l@example.org', isPrimary: false },
      ],
      status: { status: 'ENABLED', details: 'active since 2020' },
      accountType: 'HUMAN',
      profile: { role: 'ADMIN', shifts: [1, 2.5, -3], onCall: true, manager: null, nested: { tz: 'Europe/Berlin', empty: '' } },
      login: 'ada',
      loginAliases: ['ada.lovelace', 'countess'],
      employeeIds: ['E-1', 'E-2'],
      createdAt: new Date('2020-01-02T03:04:05.678Z'),
      lastLogin: new Date('2026-03-04T05:06:07Z'),
      mfaStatus: { mfaEnabled: true },
      ssoStatus: { ssoEnabled: false },
      structuredName: { givenName: 'Ada', familyName: 'Lovelace', middleNames: ['Augusta'], prefix: 'Lady', suffix: 'I' },
    },
  });
  const bob = userResource({
    type: user,
    id: 'bob',
    displayName: 'Bob',
    profile: { source: 'resource' },
    status: { status: 'DISABLED', details: 'left' },
    createdAt: new Date('1969-12-31T23:59:58.5Z'),
    user: { status: 'DISABLED', accountType: 'SERVICE' },
  });
  const svc = userResource({ type: user, id: 'svc', displayName: 'Robot', user: { accountType: 'SYSTEM', status: 'DELETED' } });
  return { ada, bob, svc };
}

/** The fixture's groups, role, app, secret and nested teams. */
function fixtureOtherResources({ group, role, app, secret, team }: FixtureTypes, ada: Resource) {
  const admins = groupResource({
    type: group,
    id: 'g1',
    displayName: 'Admins',
    group: { profile: { size: 2 }, groupSourceType: 'directory', rawGroupSourceType: 'LDAP' },
  });
  const nested = groupResource({ type: group, id: 'g2', displayName: 'Nested admins' });
  const owner = roleResource({ type: role, id: 'owner', displayName: 'Owner', role: { profile: { level: 9 } } });
  const portal = appResource({
    type: app,
    id: 'portal',
    displayName: 'Portal',
    app: { helpUrl: 'https://help.example.com', profile: { tier: 'gold' }, flags: ['SAML', 'HIDDEN'] },
  });
  const key = secretResource({
    type: secret,
    id: 'key-1',
    displayName: 'API key',
    secret: {
      profile: { scopes: ['read', 'write'] },
      createdAt: new Date('2025-05-05T05:05:05Z'),
      expiresAt: new Date('2027-01-01T00:00:00Z'),
      lastUsedAt: new Date('2026-06-06T06:06:06.006Z'),
      createdById: ada.id,
      identityId: { resourceType: 'user', resource: 'svc' },
      credentialType: 'ASYMMETRIC_KEY',
    },
  });
  const org = resource({
    type: team,
    id: 900,
    displayName: 'Org',
    annotations: [annotation('c1.connector.v2.ChildResourceType', { resourceTypeId: 'team' })],
  });
  const ops = resource({ type: team, id: 901, displayName: 'Ops', parent: org.id, status: 'ENABLED' });

  return { admins, nested, owner, portal, key, org, ops };
}

type FixtureOthers = ReturnType<typeof fixtureOtherResources>;

/** The fixture's entitlements, one per purpose. */
function fixtureEntitlements({ user, group }: FixtureTypes, { admins, nested, ops, portal }: FixtureOthers) {
  const member = entitlement({
    resource: admins,
    slug: 'member',
    purpose: 'ASSIGNMENT',
    description: 'Member of the group',
    grantableTo: [user, group],
    annotations: [annotation('c1.connector.v2.EntitlementImmutable', { sourceId: 'scim', metadata: { by: 'idp' } })],
  });
  const nestedMember = entitlement({ resource: nested, slug: 'member', purpose: 'ASSIGNMENT', grantableTo: [user] });
  const teamAdmin = entitlement({ resource: ops, slug: 'admin', purpose: 'PERMISSION', displayName: 'Ops admin' });
  const appOwner = entitlement({ resource: portal, slug: 'owner', purpose: 'OWNERSHIP' });

  return { member, nestedMember, teamAdmin, appOwner };
}

/** The fixture's grants: direct, expandable, sourced and annotated ones. */
function fixtureGrants(
  { ada, bob, svc }: ReturnType<typeof fixtureUsers>,
  { nested }: FixtureOthers,
  { member, nestedMember, teamAdmin, appOwner }: ReturnType<typeof fixtureEntitlements>,
): Grant[] {
  return [
    grant({ entitlement: member, principal: ada, metadata: { since: '2024-01-01', weight: 3 } }),
    grant({
      entitlement: member,
      principal: nested,
      annotations: [
        annotation('c1.connector.v2.GrantExpandable', { entitlementIds: [nestedMember.id], shallow: true, resourceTypeIds: ['user'] }),
      ],
    }),
    grant({ entitlement: nestedMember, principal: bob.id }),
    grant({
      entitlement: member,
      principal: bob,
      sources: { [nestedMember.id]: { isDirect: false }, [member.id]: { isDirect: true } },
      annotations: [annotation('c1.connector.v2.GrantImmutable', { sourceId: nestedMember.id, metadata: { via: 'g2' } })],
    }),
    grant({
      entitlement: teamAdmin,
      principal: ada,
      annotations: [annotation('c1.connector.v2.GrantAlreadyExists', {}), annotation('c1.connector.v2.GrantAlreadyRevoked', {})],
    }),
    grant({ entitlement: appOwner, principal: svc }),
  ];
}

/** Builds the fixture; `variant` changes a few display names so two syncs differ. */
export function buildFixture(variant = 0): C1zFixture {
  const types = fixtureTypes();
  const users = fixtureUsers(types, variant);
  const others = fixtureOtherResources(types, users.ada);
  const entitlements = fixtureEntitlements(types, others);
  return {
    resourceTypes: Object.values(types),
    resources: [...Object.values(users), ...Object.values(others)],
    entitlements: Object.values(entitlements),
    grants: fixtureGrants(users, others, entitlements),
  };
}
