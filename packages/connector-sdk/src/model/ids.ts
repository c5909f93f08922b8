import { checkNonEmpty, checkRequired, LIMITS } from './limits.js';
import type { ResourceId } from './types.js';

/** A resource id in any form Baton accepts: strings, safe integers and bigints (64-bit ids). */
export type ObjectId = string | number | bigint;

/**
 * Converts an object id to its string form. Numbers must be safe integers: a 64-bit id that
 * already lost precision in `JSON.parse` cannot be recovered, so keep such ids as strings.
 */
export function objectIdToString(field: string, id: ObjectId): string {
  if (typeof id === 'number' && !Number.isSafeInteger(id)) {
    throw new RangeError(`${field}: ${id} is not a safe integer; pass 64-bit ids as strings`);
  }
  return checkNonEmpty(field, String(id));
}

/**
 * Builds a {@link ResourceId}: the type id must be 1..1024 bytes, the id must not be empty. An id
 * from the API over Baton's 1024-byte limit is let through here; the sync engine skips the
 * object with a warning naming it, so one bad record never fails a whole listing.
 */
export function resourceId(resourceType: string, id: ObjectId): ResourceId {
  return {
    resourceType: checkRequired('resourceId.resourceType', resourceType, LIMITS.id),
    resource: objectIdToString('resourceId.resource', id),
  };
}

/**
 * Baton's entitlement id: `<resourceType>:<resourceId>:<slug>`, e.g. `team:901:admin`.
 * This is an external contract; it is joined verbatim, never escaped.
 */
export function entitlementId(resource: ResourceId, slug: string): string {
  return `${resource.resourceType}:${resource.resource}:${slug}`;
}

/**
 * Baton's grant id: `<entitlementId>:<principalType>:<principalId>`,
 * e.g. `team:901:admin:user:2188373`.
 */
export function grantId(entitlementIdValue: string, principal: ResourceId): string {
  return `${entitlementIdValue}:${principal.resourceType}:${principal.resource}`;
}

/** The key Baton stores a resource under: `<type>:<id>`. */
export function resourceKey(id: ResourceId): string {
  return `${id.resourceType}:${id.resource}`;
}

/** Whether two resource ids name the same resource. */
export function sameResourceId(a: ResourceId, b: ResourceId): boolean {
  return a.resourceType === b.resourceType && a.resource === b.resource;
}
