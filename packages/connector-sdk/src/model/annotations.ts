import type { AccountTypeName, AppFlagName, CredentialTypeName, TraitName, UserStatusName } from './enums.js';
import type { JsonObject } from './json.js';
import type { ResourceId } from './types.js';

/**
 * Annotations are typed values that know their protobuf message name (`$type`). Traits are
 * annotations too. The c1z codec packs each one as a `google.protobuf.Any` of that type.
 */

/** The protobuf package every annotation here belongs to. */
export const ANNOTATION_PACKAGE = 'c1.connector.v2';

/** An email address on a user trait. */
export interface UserEmail {
  address: string;
  isPrimary: boolean;
}

/** A user's structured name. */
export interface StructuredName {
  givenName?: string;
  familyName?: string;
  middleNames?: string[];
  prefix?: string;
  suffix?: string;
}

/** `c1.connector.v2.UserTrait`: what makes a resource a user account. */
export interface UserTrait {
  readonly $type: 'c1.connector.v2.UserTrait';
  emails: UserEmail[];
  status: { status: UserStatusName; details?: string };
  accountType: AccountTypeName;
  /** Deprecated upstream in favour of `Resource.profile`; still written for older readers. */
  profile?: JsonObject;
  login?: string;
  loginAliases?: string[];
  employeeIds?: string[];
  createdAt?: Date;
  lastLogin?: Date;
  mfaStatus?: { mfaEnabled: boolean };
  ssoStatus?: { ssoEnabled: boolean };
  structuredName?: StructuredName;
}

/** `c1.connector.v2.GroupTrait`: what makes a resource a group. */
export interface GroupTrait {
  readonly $type: 'c1.connector.v2.GroupTrait';
  profile?: JsonObject;
  groupSourceType?: string;
  rawGroupSourceType?: string;
}

/** `c1.connector.v2.RoleTrait`: what makes a resource a role. */
export interface RoleTrait {
  readonly $type: 'c1.connector.v2.RoleTrait';
  profile?: JsonObject;
}

/** `c1.connector.v2.AppTrait`: what makes a resource an application. */
export interface AppTrait {
  readonly $type: 'c1.connector.v2.AppTrait';
  helpUrl?: string;
  profile?: JsonObject;
  flags?: AppFlagName[];
}

/** `c1.connector.v2.SecretTrait`: what makes a resource a credential. */
export interface SecretTrait {
  readonly $type: 'c1.connector.v2.SecretTrait';
  profile?: JsonObject;
  createdAt?: Date;
  expiresAt?: Date;
  lastUsedAt?: Date;
  createdById?: ResourceId;
  identityId?: ResourceId;
  credentialType?: CredentialTypeName;
}

/** `c1.connector.v2.ChildResourceType`: list resources of this type under the annotated resource. */
export interface ChildResourceType {
  readonly $type: 'c1.connector.v2.ChildResourceType';
  resourceTypeId: string;
}

/** `c1.connector.v2.SkipEntitlementsAndGrants`: do not list entitlements or grants for this. */
export interface SkipEntitlementsAndGrants {
  readonly $type: 'c1.connector.v2.SkipEntitlementsAndGrants';
}

/** `c1.connector.v2.SkipEntitlements`: do not list entitlements for this. */
export interface SkipEntitlements {
  readonly $type: 'c1.connector.v2.SkipEntitlements';
}

/** `c1.connector.v2.SkipGrants`: do not list grants for this. */
export interface SkipGrants {
  readonly $type: 'c1.connector.v2.SkipGrants';
}

/** `c1.connector.v2.ExternalLink`: a link to the object in the vendor's UI (https only). */
export interface ExternalLink {
  readonly $type: 'c1.connector.v2.ExternalLink';
  url: string;
}

/** `c1.connector.v2.V1Identifier`: a legacy identifier for the object. */
export interface V1Identifier {
  readonly $type: 'c1.connector.v2.V1Identifier';
  id: string;
}

/**
 * `c1.connector.v2.GrantExpandable`: everyone holding one of `entitlementIds` (entitlements on
 * the grant's principal) also receives the grant's entitlement.
 */
export interface GrantExpandable {
  readonly $type: 'c1.connector.v2.GrantExpandable';
  entitlementIds: string[];
  shallow?: boolean;
  resourceTypeIds?: string[];
}

/** `c1.connector.v2.GrantImmutable`: the grant is managed elsewhere and cannot be revoked here. */
export interface GrantImmutable {
  readonly $type: 'c1.connector.v2.GrantImmutable';
  sourceId?: string;
  metadata?: JsonObject;
}

/** `c1.connector.v2.GrantMetadata`: free-form data about a grant. */
export interface GrantMetadata {
  readonly $type: 'c1.connector.v2.GrantMetadata';
  metadata: JsonObject;
}

/** `c1.connector.v2.GrantAlreadyExists`: a grant request found the access already in place. */
export interface GrantAlreadyExists {
  readonly $type: 'c1.connector.v2.GrantAlreadyExists';
}

/** `c1.connector.v2.GrantAlreadyRevoked`: a revoke request found the access already gone. */
export interface GrantAlreadyRevoked {
  readonly $type: 'c1.connector.v2.GrantAlreadyRevoked';
}

/** `c1.connector.v2.EntitlementImmutable`: the entitlement is managed elsewhere. */
export interface EntitlementImmutable {
  readonly $type: 'c1.connector.v2.EntitlementImmutable';
  sourceId?: string;
  metadata?: JsonObject;
}

/**
 * An annotation of a message type this SDK does not model (for example `c1.connector.v2.ETag`,
 * which Baton's connectors put on grants), kept as it was read so nothing is lost: the
 * `google.protobuf.Any` type URL and the message bytes, base64-encoded. Written back unchanged.
 */
export interface UnknownAnnotation {
  readonly $type: 'unknown';
  /** The full type URL, e.g. `type.googleapis.com/c1.connector.v2.ETag`. */
  typeUrl: string;
  /** The encoded message, base64. */
  value: string;
}

/** Every annotation this SDK knows how to build, encode and decode. */
export type Annotation =
  | UserTrait
  | GroupTrait
  | RoleTrait
  | AppTrait
  | SecretTrait
  | ChildResourceType
  | SkipEntitlementsAndGrants
  | SkipEntitlements
  | SkipGrants
  | ExternalLink
  | V1Identifier
  | GrantExpandable
  | GrantImmutable
  | GrantMetadata
  | GrantAlreadyExists
  | GrantAlreadyRevoked
  | EntitlementImmutable
  | UnknownAnnotation;

/** The protobuf message name of an annotation, e.g. `c1.connector.v2.UserTrait`. */
export type AnnotationTypeName = Annotation['$type'];

/** The trait annotation a resource must carry for each trait its resource type declares. */
export const TRAIT_ANNOTATION_TYPES: Readonly<Record<TraitName, AnnotationTypeName>> = {
  USER: 'c1.connector.v2.UserTrait',
  GROUP: 'c1.connector.v2.GroupTrait',
  ROLE: 'c1.connector.v2.RoleTrait',
  APP: 'c1.connector.v2.AppTrait',
  SECRET: 'c1.connector.v2.SecretTrait',
};

/** The annotation type with the given message name. */
export type AnnotationOf<T extends AnnotationTypeName> = Extract<Annotation, { $type: T }>;

/** Finds the first annotation of the given type in a list. */
export function findAnnotation<T extends AnnotationTypeName>(
  annotations: readonly Annotation[] | undefined,
  type: T,
): AnnotationOf<T> | undefined {
  return annotations?.find((a): a is AnnotationOf<T> => a.$type === type);
}

/** Finds every annotation of the given type in a list. */
export function findAnnotations<T extends AnnotationTypeName>(annotations: readonly Annotation[] | undefined, type: T): AnnotationOf<T>[] {
  return (annotations ?? []).filter((a): a is AnnotationOf<T> => a.$type === type);
}

/** Whether a list holds an annotation of the given type. */
export function hasAnnotation(annotations: readonly Annotation[] | undefined, type: AnnotationTypeName): boolean {
  return findAnnotation(annotations, type) !== undefined;
}

/** Builds an annotation value of the given type from its fields. */
export function annotation<T extends AnnotationTypeName>(type: T, fields: Omit<AnnotationOf<T>, '$type'>): AnnotationOf<T> {
  return { $type: type, ...fields } as AnnotationOf<T>;
}
