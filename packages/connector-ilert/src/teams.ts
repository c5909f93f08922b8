import {
  defineResourceType,
  groupResource,
  inlineMembers,
  offsetPage,
  roleMemberships,
  type JsonObject,
  type Resource,
  type ResourceSyncer,
  type RoleMembership,
} from '@c1/connector-sdk';
import { ILERT_MAX_PAGE_SIZE, type IlertClient, type IlertTeam } from './client.js';
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

/** A team's members as the role kit takes them. */
const membersOf = (team: IlertTeam) => ({
  groupId: team.id,
  members: (team.members ?? []).map((member) => ({ userId: member.user?.id, role: member.role })),
});

/**
 * Lists every team (100 per request), its four role entitlements and one grant per member.
 * `GET /teams` returns members inline: `list` remembers them and `grants` takes them
 * (`inlineMembers`), so there is no request per team; a resumed sync reads a team it did not
 * list with `GET /teams/{id}`. Members without a user id, or whose team role is missing or
 * unknown, get no grant: each listing logs one warning naming them all.
 */
export function teamSyncer(client: IlertClient): ResourceSyncer {
  const roles = roleMemberships({ service: 'ilert', group: 'team', roles: TEAM_ROLES, userResourceType });
  const memberships = inlineMembers<RoleMembership>();
  return {
    resourceType: teamResourceType,
    async list({ pageToken, ctx }) {
      const page = await offsetPage(pageToken, {
        pageSize: ILERT_MAX_PAGE_SIZE,
        fetch: (offset, limit) => client.listTeams(offset, limit),
      });
      for (const [teamId, members] of roles.sort(page.items.map(membersOf), ctx.logger)) memberships.remember(teamId, members);
      return { ...page, items: page.items.map(ilertTeamResource) };
    },
    entitlements: async (team) => ({ items: roles.entitlements(team) }),
    async grants(team, { ctx }) {
      const teamId = team.id.resource;
      const reread = async () => roles.sort([membersOf(await client.getTeam(teamId))], ctx.logger).get(teamId) ?? [];
      return { items: roles.grants(team, await memberships.take(teamId, reread)) };
    },
  };
}
