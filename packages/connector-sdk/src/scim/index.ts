/**
 * `@c1/connector-sdk/scim`: the SCIM 2.0 kit. A client with paging, user and group mappings,
 * user and group syncers (members inline, the `member` entitlement) and the PATCH membership
 * provisioner.
 * @packageDocumentation
 */
export {
  createScimClient,
  type ScimAttributeOptions,
  type ScimClient,
  type ScimClientOptions,
  type ScimListOptions,
  type ScimPatchOperation,
  type ScimRoute,
} from './client.js';
export { parseScimError, scimErrorMessage } from './errors.js';
export { scimEqualsFilter } from './filter.js';
export {
  SCIM_SCHEMAS,
  scimEnterpriseUserSchema,
  scimErrorSchema,
  scimGroupSchema,
  scimListResponseSchema,
  scimMetaSchema,
  scimMultiValueSchema,
  scimNameSchema,
  scimReferenceSchema,
  scimUserSchema,
  type ScimError,
  type ScimGroup,
  type ScimListResponse,
  type ScimUser,
} from './schemas.js';
export {
  scimCreatedAt,
  scimEmails,
  scimGroupResource,
  scimMemberUserIds,
  scimUserResource,
  type ScimGroupMapping,
  type ScimUserMapping,
} from './mapping.js';
export {
  SCIM_MEMBER_SLUG,
  scimMemberGrant,
  scimMemberPatch,
  scimMembershipProvisioner,
  type ScimMembershipOptions,
} from './provisioner.js';
export {
  scimGroupResourceType,
  scimGroupSyncer,
  scimUserResourceType,
  scimUserSyncer,
  type ScimGroupSyncerOptions,
  type ScimUserSyncerOptions,
} from './syncers.js';
