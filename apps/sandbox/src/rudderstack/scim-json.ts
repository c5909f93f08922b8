import type { ServiceResponse } from '../core/service.js';
import type { RudderstackGroup, RudderstackUser } from './model.js';

/** SCIM schema URNs the fake API writes. */
export const SCIM_URNS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

const SCIM_HEADERS = { 'content-type': 'application/scim+json; charset=utf-8' } as const;

/** The SCIM Error body (RFC 7644 §3.12): `status` is the HTTP status as a string. */
export function scimError(status: number, detail: string, scimType?: string): ServiceResponse {
  const body = { schemas: [SCIM_URNS.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
  return { status, headers: SCIM_HEADERS, body: JSON.stringify(body) };
}

/** A 200 SCIM JSON response. */
export function scimOk(value: unknown): ServiceResponse {
  return { status: 200, headers: SCIM_HEADERS, body: JSON.stringify(value) };
}

/** A user resource: the sparse set RudderStack keeps mapped. */
export function userResource(user: RudderstackUser, scimBase: string): Record<string, unknown> {
  return {
    schemas: [SCIM_URNS.user],
    id: user.id,
    userName: user.userName,
    ...(user.displayName === undefined ? {} : { displayName: user.displayName }),
    emails: [{ value: user.userName, primary: true }],
    active: user.active,
    meta: { resourceType: 'User', created: user.created, lastModified: user.lastModified, location: `${scimBase}/Users/${user.id}` },
  };
}

/** A group resource; `withMembers` false leaves `members` out altogether. */
export function groupResource(group: RudderstackGroup, scimBase: string, withMembers: boolean): Record<string, unknown> {
  return {
    schemas: [SCIM_URNS.group],
    id: group.id,
    displayName: group.displayName,
    ...(withMembers ? { members: group.memberIds.map((value) => ({ value, $ref: `${scimBase}/Users/${value}`, type: 'User' })) } : {}),
    meta: { resourceType: 'Group', created: group.created, lastModified: group.lastModified, location: `${scimBase}/Groups/${group.id}` },
  };
}
