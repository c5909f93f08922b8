import {
  annotation,
  type Annotation,
  type AppTrait,
  type GroupTrait,
  type RoleTrait,
  type SecretTrait,
  type UserTrait,
} from './annotations.js';
import type { PurposeName, ResourceStatusName, TraitName } from './enums.js';
import { entitlementId, grantId, type ObjectId, resourceId } from './ids.js';
import type { JsonObject } from './json.js';
import { checkNonEmpty, checkOptional, checkRequired, LIMITS } from './limits.js';
import type { Entitlement, Grant, GrantSources, Resource, ResourceId, ResourceStatus, ResourceType } from './types.js';

/** What {@link defineResourceType} takes. */
export interface ResourceTypeInit<Id extends string = string> {
  id: Id;
  displayName: string;
  traits?: TraitName[];
  description?: string;
  annotations?: Annotation[];
}

/** A resource type whose id is known at compile time. */
export type TypedResourceType<Id extends string = string> = ResourceType & { id: Id };

/** Declares a resource type. Ids are lower case, as Baton's are (`user`, `team`). */
export function defineResourceType<const Id extends string>(init: ResourceTypeInit<Id>): TypedResourceType<Id> {
  checkRequired('resourceType.id', init.id, LIMITS.id);
  if (init.id !== init.id.toLowerCase()) {
    throw new RangeError(`resourceType.id: "${init.id}" must be lower case`);
  }
  return {
    id: init.id,
    displayName: init.displayName,
    traits: [...new Set(init.traits ?? [])],
    annotations: init.annotations ?? [],
    ...(init.description !== undefined && {
      description: checkOptional('resourceType.description', init.description, LIMITS.resourceTypeDescription),
    }),
  };
}

/** What every resource builder takes. */
export interface ResourceInit {
  /** The resource type, or its id. */
  type: ResourceType | string;
  /** The id within the type; numbers must be safe integers, bigger ids go as strings. */
  id: ObjectId;
  displayName: string;
  parent?: ResourceId;
  description?: string;
  profile?: JsonObject;
  status?: ResourceStatusName | ResourceStatus;
  createdAt?: Date;
  annotations?: Annotation[];
}

/** Builds a resource without traits. */
export function resource(init: ResourceInit): Resource {
  const typeId = typeof init.type === 'string' ? init.type : init.type.id;
  const built: Resource = {
    id: resourceId(typeId, init.id),
    displayName: init.displayName,
    annotations: init.annotations ? [...init.annotations] : [],
  };
  if (init.parent) built.parentResourceId = init.parent;
  if (init.description !== undefined) {
    built.description = init.description;
  }
  if (init.profile) built.profile = init.profile;
  if (init.status !== undefined) {
    const status = typeof init.status === 'string' ? { status: init.status } : init.status;
    built.status = status;
  }
  if (init.createdAt) built.createdAt = init.createdAt;
  return built;
}

/** The fields of a user trait; status defaults to ENABLED and account type to HUMAN, as in Baton. */
export type UserTraitInit = Partial<Omit<UserTrait, '$type' | 'status'>> & { status?: UserTrait['status'] | UserTrait['status']['status'] };

/** Builds a user trait annotation. Empty email addresses are dropped. */
export function userTrait(init: UserTraitInit = {}): UserTrait {
  const { status, accountType, emails, ...rest } = init;
  return annotation('c1.connector.v2.UserTrait', {
    ...rest,
    emails: (emails ?? []).filter((email) => email.address !== ''),
    status: typeof status === 'string' ? { status } : (status ?? { status: 'ENABLED' }),
    accountType: accountType ?? 'HUMAN',
  });
}

/** Builds a resource carrying a user trait. */
export function userResource(init: ResourceInit & { user?: UserTraitInit }): Resource {
  const { user, ...rest } = init;
  return withTrait(rest, userTrait(user));
}

/** Builds a resource carrying a group trait. */
export function groupResource(init: ResourceInit & { group?: Omit<GroupTrait, '$type'> }): Resource {
  const { group, ...rest } = init;
  return withTrait(rest, annotation('c1.connector.v2.GroupTrait', group ?? {}));
}

/** Builds a resource carrying a role trait. */
export function roleResource(init: ResourceInit & { role?: Omit<RoleTrait, '$type'> }): Resource {
  const { role, ...rest } = init;
  return withTrait(rest, annotation('c1.connector.v2.RoleTrait', role ?? {}));
}

/** Builds a resource carrying an app trait. */
export function appResource(init: ResourceInit & { app?: Omit<AppTrait, '$type'> }): Resource {
  const { app, ...rest } = init;
  return withTrait(rest, annotation('c1.connector.v2.AppTrait', app ?? {}));
}

/** Builds a resource carrying a secret trait. */
export function secretResource(init: ResourceInit & { secret?: Omit<SecretTrait, '$type'> }): Resource {
  const { secret, ...rest } = init;
  return withTrait(rest, annotation('c1.connector.v2.SecretTrait', secret ?? {}));
}

function withTrait(init: ResourceInit, trait: Annotation): Resource {
  return resource({ ...init, annotations: [trait, ...(init.annotations ?? [])] });
}

/** What {@link entitlement} takes. */
export interface EntitlementInit {
  resource: Resource;
  /** The last part of the id (`admin` in `team:901:admin`). */
  slug: string;
  purpose: Exclude<PurposeName, 'UNSPECIFIED'>;
  /** Defaults to the slug, as in Baton. */
  displayName?: string;
  description?: string;
  grantableTo?: ResourceType[];
  annotations?: Annotation[];
}

/** Builds an entitlement with Baton's id `<resourceType>:<resourceId>:<slug>`. */
export function entitlement(init: EntitlementInit): Entitlement {
  checkNonEmpty('entitlement.slug', init.slug);
  const built: Entitlement = {
    id: entitlementId(init.resource.id, init.slug),
    resource: init.resource,
    displayName: init.displayName ?? init.slug,
    grantableTo: init.grantableTo ?? [],
    annotations: init.annotations ?? [],
    purpose: init.purpose,
    slug: init.slug,
  };
  if (init.description !== undefined) {
    built.description = init.description;
  }
  return built;
}

/** What {@link grant} takes. */
export interface GrantInit {
  /**
   * The entitlement, or the resource and slug it is built from. Grants built from the same
   * resource object and slug share one entitlement object, to be treated as read-only.
   */
  entitlement: Entitlement | { resource: Resource | ResourceId; slug: string };
  /** The principal holding it; a bare id is enough. */
  principal: Resource | ResourceId;
  sources?: GrantSources;
  /** Shorthand for a `GrantMetadata` annotation. */
  metadata?: JsonObject;
  annotations?: Annotation[];
}

/** Builds a grant with Baton's id `<entitlementId>:<principalType>:<principalId>`. */
export function grant(init: GrantInit): Grant {
  const ent = 'id' in init.entitlement ? init.entitlement : stubEntitlement(init.entitlement);
  const principal = 'id' in init.principal ? init.principal : stubResource(init.principal);
  const annotations = [...(init.annotations ?? [])];
  if (init.metadata) annotations.push(annotation('c1.connector.v2.GrantMetadata', { metadata: init.metadata }));
  const built: Grant = { id: grantId(ent.id, principal.id), entitlement: ent, principal, annotations };
  if (init.sources) built.sources = init.sources;
  return built;
}

function stubResource(id: ResourceId): Resource {
  return { id, displayName: '', annotations: [] };
}

/**
 * Stub entitlements by the resource (or resource id) object they were built from, then by slug:
 * the grants a connector builds from one group object and one slug share one entitlement, so a
 * page of a thousand memberships builds it once and the store encodes it once.
 */
const stubEntitlements = new WeakMap<Resource | ResourceId, Map<string, Entitlement>>();

function stubEntitlement(ref: { resource: Resource | ResourceId; slug: string }): Entitlement {
  let bySlug = stubEntitlements.get(ref.resource);
  const cached = bySlug?.get(ref.slug);
  if (cached) return cached;
  const res = 'id' in ref.resource ? ref.resource : stubResource(ref.resource);
  const built: Entitlement = {
    id: entitlementId(res.id, ref.slug),
    resource: res,
    displayName: '',
    grantableTo: [],
    annotations: [],
    purpose: 'UNSPECIFIED',
    slug: ref.slug,
  };
  if (!bySlug) stubEntitlements.set(ref.resource, (bySlug = new Map()));
  bySlug.set(ref.slug, built);
  return built;
}
