import {
  defineResourceType,
  entitlement,
  grant,
  groupResource,
  offsetPage,
  resourceId,
  type Grant,
  type JsonObject,
  type Logger,
  type Resource,
  type ResourceSyncer,
} from '@c1/connector-sdk';
import { ILERT_MAX_PAGE_SIZE, type IlertClient, type IlertTeam, type IlertTeamMember } from './client.js';
import { userResourceType } from './users.js';

/** ilert teams: resource type `team` with the GROUP trait. */
export const teamResourceType = defineResourceType({
  id: 'team',
  displayName: 'Team',
  traits: ['GROUP'],
  description: 'An ilert team; members hold one team role each',
});

/** ilert's team roles and the entitlement each becomes on every team. */
export const TEAM_ROLES = [
  { role: 'ADMIN', slug: 'admin', displayName: 'Admin' },
  { role: 'USER', slug: 'user', displayName: 'User' },
  { role: 'RESPONDER', slug: 'responder', displayName: 'Responder' },
  { role: 'STAKEHOLDER', slug: 'stakeholder', displayName: 'Stakeholder' },
] as const;

const SLUG_BY_ROLE = new Map<string, string>(TEAM_ROLES.map((r) => [r.role, r.slug]));

/** Maps an ilert team to a resource; its visibility goes to the profile. */
export function ilertTeamResource(team: IlertTeam): Resource {
  const name = team.name?.trim() || `ilert team ${team.id}`;
  const profile: JsonObject = { name };
  if (team.visibility) profile.visibility = team.visibility;
  return groupResource({
    type: teamResourceType,
    id: team.id,
    displayName: name,
    profile,
    ...(team.createdAt && { createdAt: new Date(team.createdAt) }),
    group: { profile },
  });
}

/** A member's user id and the entitlement slug of their team role. */
type Membership = { userId: string; slug: string };

/** The members of one team listing that get no grant. */
interface SkippedMembers {
  /** Members with a user id whose team role is missing or unknown. */
  userIds: Set<string>;
  /** The roles not understood (`(missing)` when absent). */
  roles: Set<string>;
  /** Members without a user id. */
  withoutUser: number;
  /** The teams these members are in. */
  teams: Set<string>;
}

const noneSkipped = (): SkippedMembers => ({ userIds: new Set(), roles: new Set(), withoutUser: 0, teams: new Set() });

/** The team's members that get a grant; the others are added to `skipped`. */
function grantableMemberships(teamId: string, members: readonly IlertTeamMember[], skipped: SkippedMembers): Membership[] {
  const memberships: Membership[] = [];
  for (const member of members) {
    const userId = member.user?.id;
    const role = member.role?.trim() ?? '';
    const slug = SLUG_BY_ROLE.get(role.toUpperCase());
    if (userId && slug) {
      memberships.push({ userId, slug });
      continue;
    }
    skipped.teams.add(teamId);
    if (!userId) {
      skipped.withoutUser += 1;
      continue;
    }
    skipped.userIds.add(userId);
    skipped.roles.add(role || '(missing)');
  }
  return memberships;
}

/** One warning for all members of a team listing that get no grant; nothing when there are none. */
function warnSkipped(logger: Logger, skipped: SkippedMembers): void {
  const count = skipped.userIds.size + skipped.withoutUser;
  if (count === 0) return;
  logger.warn(`skipped ${count} ilert team members that get no grant: a missing or unknown team role, or no user id`, {
    count,
    userIds: [...skipped.userIds],
    roles: [...skipped.roles],
    membersWithoutUser: skipped.withoutUser,
    teams: [...skipped.teams],
  });
}

/**
 * Lists every team (100 per request), its four role entitlements and one grant per member.
 *
 * `GET /teams` returns members inline, so `list` remembers each team's memberships and
 * `grants` reads them from there: no request per team. Each entry is dropped once its grants
 * are emitted. When a resumed sync asks for grants of a team listed by an earlier process,
 * the memberships are not in memory and the team is read once with `GET /teams/{id}`.
 *
 * Members without a user id, or whose team role is missing or unknown, get no grant: each
 * listing (a page of teams, or one team read again) logs one warning naming them all.
 */
export function teamSyncer(client: IlertClient): ResourceSyncer {
  const memberships = new Map<string, Membership[]>();

  return {
    resourceType: teamResourceType,
    async list({ pageToken, ctx }) {
      const page = await offsetPage(pageToken, {
        pageSize: ILERT_MAX_PAGE_SIZE,
        fetch: (offset, limit) => client.listTeams(offset, limit, ctx.signal),
      });
      const skipped = noneSkipped();
      for (const team of page.items) memberships.set(team.id, grantableMemberships(team.id, team.members ?? [], skipped));
      warnSkipped(ctx.logger, skipped);
      return { ...page, items: page.items.map(ilertTeamResource) };
    },
    async entitlements(team) {
      return {
        items: TEAM_ROLES.map((r) =>
          entitlement({
            resource: team,
            slug: r.slug,
            purpose: 'ASSIGNMENT',
            displayName: r.displayName,
            description: `${r.displayName} of the ilert team ${team.displayName}`,
            grantableTo: [userResourceType],
          }),
        ),
      };
    },
    async grants(team, { ctx }) {
      const teamId = team.id.resource;
      let members = memberships.get(teamId);
      if (!members) {
        const skipped = noneSkipped();
        members = grantableMemberships(teamId, (await client.getTeam(teamId, ctx.signal)).members ?? [], skipped);
        warnSkipped(ctx.logger, skipped);
      }
      memberships.delete(teamId);
      const items: Grant[] = members.map((member) =>
        grant({ entitlement: { resource: team, slug: member.slug }, principal: resourceId(userResourceType.id, member.userId) }),
      );
      return { items };
    },
  };
}
