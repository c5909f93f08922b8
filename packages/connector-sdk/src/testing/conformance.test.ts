import { describe, expect, it } from 'vitest';
import { defineResourceType, entitlement, grant, groupResource, resource, userResource } from '../model/builders.js';
import type { Grant } from '../model/types.js';
import { checkConformance, formatViolations, type ConformanceInput } from './conformance.js';

const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
const groupType = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });
const ada = userResource({ type: userType, id: '1', displayName: 'Ada' });
const ops = groupResource({ type: groupType, id: '7', displayName: 'Ops' });
const member = entitlement({ resource: ops, slug: 'member', purpose: 'ASSIGNMENT', grantableTo: [userType] });

function validSync(): ConformanceInput {
  return {
    resourceTypes: [userType, groupType],
    resources: [ada, ops],
    entitlements: [member],
    grants: [grant({ entitlement: member, principal: ada })],
  };
}

const rulesOf = (input: ConformanceInput) => checkConformance(input).map((v) => v.rule);

describe('checkConformance', () => {
  it('finds nothing wrong with a consistent sync', () => {
    expect(checkConformance(validSync())).toEqual([]);
  });

  it('reports duplicated ids', () => {
    const sync = validSync();
    const twice = { ...sync, resources: [ada, ops, ada], grants: [...sync.grants, ...sync.grants] };
    const violations = checkConformance(twice);
    expect(violations.map((v) => v.message)).toEqual([
      'resource user:1 appears more than once',
      'grant group:7:member:user:1 appears more than once',
    ]);
  });

  it('reports a grant whose principal or entitlement was not synced', () => {
    const stranger = userResource({ type: userType, id: '2', displayName: 'Bob' });
    const ghost = entitlement({ resource: ops, slug: 'owner', purpose: 'OWNERSHIP' });
    const sync = validSync();
    sync.grants = [grant({ entitlement: member, principal: stranger }), grant({ entitlement: ghost, principal: ada })];
    expect(rulesOf(sync)).toEqual(['grant-principal-exists', 'grant-entitlement-exists']);
  });

  it('reports an entitlement on a resource that was not synced', () => {
    const other = groupResource({ type: groupType, id: '8', displayName: 'Dev' });
    const sync = validSync();
    sync.entitlements = [member, entitlement({ resource: other, slug: 'member', purpose: 'ASSIGNMENT' })];
    expect(formatViolations(checkConformance(sync))).toBe(
      '[entitlement-resource-exists] entitlement group:8:member is on group:8, which was not synced',
    );
  });

  it('reports a resource whose traits do not match its type', () => {
    const plainUser = resource({ type: userType, id: '3', displayName: 'No trait' });
    const groupAsUser = userResource({ type: groupType, id: '9', displayName: 'Odd' });
    const sync = validSync();
    sync.resources = [ada, ops, plainUser, groupAsUser];
    expect(checkConformance(sync).map((v) => v.message)).toEqual([
      'resource user:3 lacks the USER trait its type declares',
      'resource group:9 carries a USER trait its type "group" does not declare',
      'resource group:9 lacks the GROUP trait its type declares',
    ]);
  });

  it('reports ids that do not follow Baton formats', () => {
    const sync = validSync();
    const good = sync.grants[0] as Grant;
    sync.grants = [{ ...good, id: 'member-1' }];
    sync.entitlements = [{ ...member, id: 'group/7/member' }];
    sync.resourceTypes = [userType, { ...groupType, id: 'Group' }];
    expect(rulesOf(sync)).toEqual(expect.arrayContaining(['id-format', 'resource-type-exists', 'grant-entitlement-exists']));
    expect(checkConformance(sync).filter((v) => v.rule === 'id-format')).toHaveLength(3);
  });

  it('reports a direct grant to a principal type the entitlement is not grantable to', () => {
    const sync = validSync();
    sync.grants = [grant({ entitlement: member, principal: ops })];
    expect(rulesOf(sync)).toEqual(['grantable-to']);
  });

  it('reports paging problems recorded by the harness', () => {
    const sync = validSync();
    sync.paging = {
      pages: new Map([['list user', 2]]),
      problems: [{ stream: 'list user', kind: 'token-unchanged', message: 'list user: page 2 returned the token it was given' }],
    };
    expect(checkConformance(sync)).toEqual([{ rule: 'pagination', message: 'list user: page 2 returned the token it was given' }]);
  });
});
