import { stringifyJson } from '../core/json.js';
import type { IlertTeam, IlertUser } from './model.js';

/** A user as ilert's JSON `User`, with the int64 id written as bare digits. */
export function userJson(user: IlertUser): string {
  return stringifyJson({ ...user, id: BigInt(user.id) });
}

/**
 * A team as ilert's JSON `Team` with inline `members: [{ user, role }]`; `userText` supplies each
 * member's user JSON (so callers can cache it).
 */
export function teamJson(team: IlertTeam, userText: (userId: string) => string): string {
  const members = team.members.map((member) => `{"user":${userText(member.userId)},"role":${JSON.stringify(member.role)}}`);
  return (
    `{"id":${BigInt(team.id).toString()},"name":${JSON.stringify(team.name)},"visibility":${JSON.stringify(team.visibility)},` +
    `"members":[${members.join(',')}],"createdAt":${JSON.stringify(team.createdAt)},"updatedAt":${JSON.stringify(team.updatedAt)}}`
  );
}
