import type { ServiceResponse } from '../core/service.js';
import type { IroncladGroup, IroncladUser } from './model.js';

/** SCIM schema URNs the fake API reads and writes. */
export const SCIM = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ironcladUser: 'urn:ietf:params:scim:schemas:extension:ironclad:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/**
 * Ironclad's SCIM error body: `status` is the HTTP status as a string. Filter errors use the
 * misspelled `schema` key, as Ironclad's spec documents for them.
 */
export function scimError(status: number, detail: string, scimType?: string): ServiceResponse {
  const key = scimType === 'invalidFilter' ? 'schema' : 'schemas';
  const body = { [key]: [SCIM.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
  return { status, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

/** A JSON response. */
export function scimJson(status: number, value: unknown): ServiceResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(value) };
}

/** A user as `UserResponseObject`; `location` is the SCIM base URL path of the resource. */
export function userObject(user: IroncladUser, scimBase: string): Record<string, unknown> {
  return {
    schemas: [SCIM.user, SCIM.enterpriseUser, SCIM.ironcladUser],
    id: user.id,
    userName: user.userName,
    name: { givenName: user.givenName, familyName: user.familyName },
    ...(user.title === undefined ? {} : { title: user.title }),
    emails: [{ value: user.userName, type: 'work', primary: true }],
    active: true,
    [SCIM.enterpriseUser]: user.department === undefined ? {} : { department: user.department },
    [SCIM.ironcladUser]: { provider: user.provider, allowProviderConversion: false },
    meta: { resourceType: 'User', created: user.created, lastModified: user.lastModified, location: `${scimBase}/Users/${user.id}` },
  };
}

/** A group as `GroupResponseObject`, members inline. */
export function groupObject(group: IroncladGroup, scimBase: string): Record<string, unknown> {
  return {
    schemas: [SCIM.group],
    id: group.id,
    displayName: group.displayName,
    ...(group.externalId === undefined ? {} : { externalId: group.externalId }),
    members: group.memberIds.map((value) => ({ type: 'User', value })),
    meta: { resourceType: 'Group', created: group.created, lastModified: group.lastModified, location: `${scimBase}/Groups/${group.id}` },
  };
}

/** A SCIM `ListResponse` page. */
export function listResponse(resources: readonly unknown[], totalResults: number, startIndex: number): Record<string, unknown> {
  return { schemas: [SCIM.listResponse], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
