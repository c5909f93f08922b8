import { describe, expect, it } from 'vitest';
import { findAnnotation, hasAnnotation } from './annotations.js';
import { defineResourceType, entitlement, grant, groupResource, resource, userResource, userTrait } from './builders.js';
import { ModelError } from './errors.js';
import { entitlementId, grantId, resourceId } from './ids.js';

const team = defineResourceType({ id: 'team', displayName: 'Team', traits: ['GROUP'] });
const user = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });

describe('ids', () => {
  it('joins entitlement and grant ids exactly as Baton does', () => {
    const platform = resourceId('team', 901);
    const id = entitlementId(platform, 'admin');
    expect(id).toBe('team:901:admin');
    expect(grantId(id, resourceId('user', '2188373'))).toBe('team:901:admin:user:2188373');
  });

  it('keeps 64-bit ids given as strings or bigints exact', () => {
    expect(resourceId('user', 9007199254740993n).resource).toBe('9007199254740993');
    expect(resourceId('user', '9007199254740993').resource).toBe('9007199254740993');
  });

  it('refuses a number that already lost precision', () => {
    expect(() => resourceId('user', 2 ** 53 + 2)).toThrow(/not a safe integer/);
  });

  it('names the field that broke a limit', () => {
    expect(() => resourceId('user', '')).toThrow(ModelError);
    expect(() => resourceId('user', '')).toThrow('resourceId.resource: must not be empty');
  });

  it('lets an API id over the limit through, for the sync engine to skip with a warning', () => {
    expect(resourceId('user', 'x'.repeat(1025)).resource).toHaveLength(1025);
  });
});

describe('resource types', () => {
  it('requires lower-case ids and de-duplicates traits', () => {
    expect(() => defineResourceType({ id: 'Team', displayName: 'Team' })).toThrow(/lower case/);
    expect(defineResourceType({ id: 'app', displayName: 'App', traits: ['APP', 'APP'] }).traits).toEqual(['APP']);
  });
});

describe('resources', () => {
  it('builds a user with Baton defaults for status and account type', () => {
    const jane = userResource({
      type: user,
      id: 7,
      displayName: 'Jane Doe',
      profile: { role: 'ADMIN' },
      createdAt: new Date('2024-01-01T00:00:00Z'),
      user: {
        emails: [
          { address: 'jane@acme.test', isPrimary: true },
          { address: '', isPrimary: false },
        ],
        login: 'jane@acme.test',
      },
    });
    expect(jane.id).toEqual({ resourceType: 'user', resource: '7' });
    const trait = findAnnotation(jane.annotations, 'c1.connector.v2.UserTrait');
    expect(trait?.status).toEqual({ status: 'ENABLED' });
    expect(trait?.accountType).toBe('HUMAN');
    expect(trait?.emails).toEqual([{ address: 'jane@acme.test', isPrimary: true }]);
    expect(jane.profile).toEqual({ role: 'ADMIN' });
  });

  it('accepts a status name as shorthand', () => {
    expect(userTrait({ status: 'DISABLED' }).status).toEqual({ status: 'DISABLED' });
    expect(resource({ type: 'app', id: 'a', displayName: 'A', status: 'DELETED' }).status).toEqual({ status: 'DELETED' });
  });

  it('puts the trait first and keeps the caller annotations', () => {
    const platform = groupResource({
      type: team,
      id: 901,
      displayName: 'Platform',
      annotations: [{ $type: 'c1.connector.v2.SkipGrants' }],
    });
    expect(platform.annotations.map((a) => a.$type)).toEqual(['c1.connector.v2.GroupTrait', 'c1.connector.v2.SkipGrants']);
    expect(hasAnnotation(platform.annotations, 'c1.connector.v2.SkipGrants')).toBe(true);
  });

  it('keeps an over-long description, for the sync engine to truncate with a warning', () => {
    expect(resource({ type: 'team', id: 1, displayName: 'x', description: 'd'.repeat(2049) }).description).toHaveLength(2049);
  });
});

describe('entitlements and grants', () => {
  const platform = groupResource({ type: team, id: 901, displayName: 'Platform' });

  it('builds an entitlement whose display name defaults to its slug', () => {
    const admin = entitlement({ resource: platform, slug: 'admin', purpose: 'ASSIGNMENT', grantableTo: [user] });
    expect(admin).toMatchObject({ id: 'team:901:admin', displayName: 'admin', slug: 'admin', purpose: 'ASSIGNMENT' });
    expect(admin.grantableTo).toEqual([user]);
  });

  it('builds a grant from an entitlement reference and a bare principal id', () => {
    const g = grant({
      entitlement: { resource: platform, slug: 'admin' },
      principal: resourceId('user', '2188373'),
      metadata: { via: 'sync' },
    });
    expect(g.id).toBe('team:901:admin:user:2188373');
    expect(g.entitlement.id).toBe('team:901:admin');
    expect(findAnnotation(g.annotations, 'c1.connector.v2.GrantMetadata')?.metadata).toEqual({ via: 'sync' });
  });

  it('gives the grants of one resource and slug one entitlement object, and other slugs or resources their own', () => {
    const member = (principal: string, slug = 'member', resource = platform) =>
      grant({ entitlement: { resource, slug }, principal: resourceId('user', principal) }).entitlement;
    expect(member('1')).toBe(member('2'));
    expect(member('1', 'admin')).not.toBe(member('1'));
    expect(member('1', 'admin').id).toBe('team:901:admin');
    const other = groupResource({ type: team, id: 902, displayName: 'Other' });
    expect(member('1', 'member', other)).not.toBe(member('1'));
    expect(member('1', 'member', other).id).toBe('team:902:member');
  });
});
