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
