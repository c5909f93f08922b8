import type { Logger } from '../log/logger.js';
import { entitlement, grant } from '../model/builders.js';
import { resourceId } from '../model/ids.js';
import type { Entitlement, Grant, Resource, ResourceType } from '../model/types.js';

/** A role a member holds in a group, and the entitlement (slug, name) it becomes on every group. */
export interface MemberRole {
  /** The API's name of the role (`ADMIN`); matched without regard to case or surrounding spaces. */
  role: string;
  slug: string;
  displayName: string;
}

/** A member as a listing gives it: a user id and a role, either possibly missing. */
export interface RoleMember {
  userId?: string | null | undefined;
  role?: string | null | undefined;
}

/** A member that gets a grant: a user id and the slug of its role. */
export interface RoleMembership {
  userId: string;
  slug: string;
}

/** What {@link roleMemberships} takes. */
export interface RoleMembershipOptions {
  /** The service's name, in messages: `ilert`. */
  service: string;
  /** What a group is called (`team`); its plural names the log field of the groups (`teams`). */
  group: string;
  roles: readonly MemberRole[];
  /** The members' resource type. */
  userResourceType: ResourceType;
}

/** The members of one listing that get no grant. */
interface Skipped {
  userIds: Set<string>;
  roles: Set<string>;
  withoutUser: number;
  groups: Set<string>;
}

/** Groups whose members hold one role each: one entitlement per role, one grant per member. */
export interface RoleMemberships {
  /** The role entitlements of a group. */
  entitlements(group: Resource): Entitlement[];
  /**
   * The members of each group that get a grant. Members without a user id, or with a missing or
   * unknown role, are left out, with one warning for the whole listing naming them.
   */
  sort(groups: readonly { groupId: string; members: readonly RoleMember[] }[], logger: Logger): Map<string, RoleMembership[]>;
  /** The grants of a group's memberships. */
  grants(group: Resource, memberships: readonly RoleMembership[]): Grant[];
}

/** Role-based group membership (ilert's team roles, say) as entitlements and grants. */
export function roleMemberships(options: RoleMembershipOptions): RoleMemberships {
  const slugByRole = new Map(options.roles.map((role) => [role.role.trim().toUpperCase(), role.slug]));
  const sortGroup = (groupId: string, members: readonly RoleMember[], skipped: Skipped): RoleMembership[] => {
    const kept: RoleMembership[] = [];
    for (const member of members) {
      const role = member.role?.trim() ?? '';
      const slug = slugByRole.get(role.toUpperCase());
      if (member.userId && slug) kept.push({ userId: member.userId, slug });
      else {
        skipped.groups.add(groupId);
        if (!member.userId) skipped.withoutUser += 1;
        else {
          skipped.userIds.add(member.userId);
          skipped.roles.add(role || '(missing)');
        }
      }
    }
    return kept;
  };
  const warn = (logger: Logger, skipped: Skipped): void => {
    const count = skipped.userIds.size + skipped.withoutUser;
    if (count === 0) return;
    const { service, group } = options;
    logger.warn(`skipped ${count} ${service} ${group} members that get no grant: a missing or unknown ${group} role, or no user id`, {
      count,
      userIds: [...skipped.userIds],
      roles: [...skipped.roles],
      membersWithoutUser: skipped.withoutUser,
      [`${group}s`]: [...skipped.groups],
    });
  };
  return {
    entitlements: (group) =>
      options.roles.map((role) =>
        entitlement({
          resource: group,
          slug: role.slug,
          purpose: 'ASSIGNMENT',
          displayName: role.displayName,
          description: `${role.displayName} of the ${options.service} ${options.group} ${group.displayName}`,
          grantableTo: [options.userResourceType],
        }),
      ),
    sort(groups, logger) {
      const skipped: Skipped = { userIds: new Set(), roles: new Set(), withoutUser: 0, groups: new Set() };
      const sorted = new Map(groups.map(({ groupId, members }) => [groupId, sortGroup(groupId, members, skipped)] as const));
      warn(logger, skipped);
      return sorted;
    },
    grants: (group, memberships) =>
      memberships.map((member) =>
        grant({ entitlement: { resource: group, slug: member.slug }, principal: resourceId(options.userResourceType.id, member.userId) }),
      ),
  };
}
