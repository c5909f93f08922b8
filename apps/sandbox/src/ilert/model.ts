/** ilert's account-wide role (OpenAPI schema `Role`). */
export type IlertRole = 'ADMIN' | 'USER' | 'RESPONDER' | 'STAKEHOLDER' | 'GUEST';
/** A role inside one team (OpenAPI schema `TeamRole`). */
export type IlertTeamRole = 'ADMIN' | 'USER' | 'RESPONDER' | 'STAKEHOLDER';
/** Team visibility (OpenAPI schema `TeamVisibilityType`). */
export type IlertTeamVisibility = 'PUBLIC' | 'PRIVATE';
/** User language (OpenAPI `User.language`). */
export type IlertLanguage = 'de' | 'en';

/** Every account role, in the spec's enum. */
export const ILERT_ROLES: readonly IlertRole[] = ['ADMIN', 'USER', 'RESPONDER', 'STAKEHOLDER', 'GUEST'];
/** Every team role, in the spec's enum. */
export const ILERT_TEAM_ROLES: readonly IlertTeamRole[] = ['ADMIN', 'USER', 'RESPONDER', 'STAKEHOLDER'];
/** The spec's `TimeZone` enum. */
export const ILERT_TIMEZONES: readonly string[] = ['Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Istanbul'];
/** The spec's `User.region` enum. */
export const ILERT_REGIONS: readonly string[] = ['DE', 'GB', 'CH', 'CN', 'IN', 'US', 'FR', 'ES', 'CA', 'IE'];

/**
 * A user with every field of the spec's `User` schema. `id` is an int64 held as its decimal
 * digits (some ids exceed 2^53); it is written to JSON as an unquoted number.
 */
export interface IlertUser {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly timezone: string;
  readonly position: string;
  readonly department: string;
  readonly avatarUrl: string;
  readonly language: IlertLanguage;
  readonly region: string;
  readonly role: IlertRole;
  readonly shiftColor: string;
  /** Only set for muted users; left out of the JSON otherwise. */
  readonly mutedUntil?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One membership: the user's id (digits) and their role in the team. */
export interface IlertTeamMember {
  readonly userId: string;
  role: IlertTeamRole;
}

/** A team (spec schema `Team`); `members` is served inline with full user objects. */
export interface IlertTeam {
  readonly id: string;
  readonly name: string;
  readonly visibility: IlertTeamVisibility;
  readonly members: IlertTeamMember[];
  readonly createdAt: string;
  updatedAt: string;
}

/**
 * A generated ilert organisation. The sandbox serves this very object, so team member changes
 * made through the API (add/remove member) show up here.
 */
export interface IlertOrg {
  readonly seed: number;
  readonly users: readonly IlertUser[];
  readonly teams: readonly IlertTeam[];
}

const ROLE_RANK: Readonly<Record<IlertRole, number>> = { GUEST: 0, STAKEHOLDER: 1, RESPONDER: 2, USER: 3, ADMIN: 4 };

/**
 * Whether ilert lets a user with account role `role` hold `teamRole` in a team: stakeholders and
 * guests cannot hold a team role above stakeholder, and in a public team nobody can hold a team
 * role less permissive than their account role (ilert docs, "Teams").
 */
export function isTeamRoleAllowed(role: IlertRole, teamRole: IlertTeamRole, visibility: IlertTeamVisibility): boolean {
  if (ROLE_RANK[role] <= ROLE_RANK.STAKEHOLDER) return teamRole === 'STAKEHOLDER';
  return visibility === 'PRIVATE' || ROLE_RANK[teamRole] >= ROLE_RANK[role];
}
