import {
  defineResourceType,
  entitlement,
  grant,
  groupResource,
  offsetPage,
  resourceId,
  type Grant,
  type JsonObject,
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

/** A member's user id and team role. */
type Membership = { userId: string; role: string };

/**
 * Lists every team (100 per request), its four role entitlements and one grant per member.
 *
 * `GET /teams` returns members inline, so `list` remembers each team's memberships and
 * `grants` reads them from there: no request per team. Each entry is dropped once its grants
 * are emitted. When a resumed sync asks for grants of a team listed by an earlier process,
 * the memberships are not in memory and the team is read once with `GET /teams/{id}`.
 */
export function teamSyncer(client: IlertClient): ResourceSyncer {
  const memberships = new Map<string, Membership[]>();
  const remember = (team: IlertTeam) =>
    memberships.set(
      team.id,
      (team.members ?? []).map((member: IlertTeamMember) => ({ userId: member.user.id, role: member.role ?? '' })),
    );

  return {
    resourceType: teamResourceType,
    async list({ pageToken, ctx }) {
      const page = await offsetPage(pageToken, {
        pageSize: ILERT_MAX_PAGE_SIZE,
        fetch: (offset, limit) => client.listTeams(offset, limit, ctx.signal),
      });
      for (const team of page.items) remember(team);
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
        remember(await client.getTeam(teamId, ctx.signal));
        members = memberships.get(teamId) ?? [];
      }
      memberships.delete(teamId);
      const items: Grant[] = [];
      for (const member of members) {
        const slug = SLUG_BY_ROLE.get(member.role.toUpperCase());
        if (!slug) {
          ctx.logger.warn('skipping a team member with an unknown team role', { team: teamId, user: member.userId, role: member.role });
          continue;
        }
        items.push(grant({ entitlement: { resource: team, slug }, principal: resourceId(userResourceType.id, member.userId) }));
      }
      return { items };
    },
  };
}
