import type { Annotation } from './annotations.js';
import type { CreationSourceName, PurposeName, ResourceStatusName, TraitName } from './enums.js';
import type { JsonObject } from './json.js';

/** `c1.connector.v2.ResourceId`: a resource's type id and its id within that type. */
export interface ResourceId {
  resourceType: string;
  resource: string;
  batonResource?: boolean;
}

/** `c1.connector.v2.ResourceType`: a kind of object the connector syncs, with its traits. */
export interface ResourceType {
  id: string;
  displayName: string;
  description?: string;
  traits: TraitName[];
  annotations: Annotation[];
  sourcedExternally?: boolean;
}

/** A resource's lifecycle status (`c1.connector.v2.Resource.status`). */
export interface ResourceStatus {
  status: ResourceStatusName;
  details?: string;
}

/** `c1.connector.v2.Resource`: one object in the target system (a user, a team, ...). */
export interface Resource {
  id: ResourceId;
  parentResourceId?: ResourceId;
  displayName: string;
  description?: string;
  annotations: Annotation[];
  profile?: JsonObject;
  status?: ResourceStatus;
  createdAt?: Date;
  /** Set by older baton-sdk syncers (0.6 and later 0.x) on listed resources; kept as read. */
  creationSource?: CreationSourceName;
}

/** `c1.connector.v2.Entitlement`: a permission or membership on a resource that can be granted. */
export interface Entitlement {
  id: string;
  resource: Resource;
  displayName: string;
  description?: string;
  grantableTo: ResourceType[];
  annotations: Annotation[];
  purpose: PurposeName;
  slug: string;
}

/** `c1.connector.v2.GrantSources`: which entitlements a (derived) grant came from. */
export type GrantSources = Record<string, { isDirect: boolean }>;

/** `c1.connector.v2.Grant`: a principal holding an entitlement. */
export interface Grant {
  id: string;
  entitlement: Entitlement;
  principal: Resource;
  sources?: GrantSources;
  annotations: Annotation[];
}
