/**
 * `@c1/connector-sdk/jsonapi`: the JSON:API kit. Document schemas, `included` resolution,
 * paging by `links.next` or page number, and the JSON:API error body.
 * @packageDocumentation
 */
export { jsonApiErrorMessage } from './errors.js';
export { indexIncluded, jsonApiRelated, type JsonApiIncluded } from './included.js';
export { jsonApiPage, jsonApiSyncer, type JsonApiListOptions, type JsonApiPage, type JsonApiSyncerOptions } from './paging.js';
export {
  JSON_API_MEDIA_TYPE,
  jsonApiAnyResourceSchema,
  jsonApiDocumentSchema,
  jsonApiIdentifierSchema,
  jsonApiIdSchema,
  jsonApiLinkHref,
  jsonApiLinkSchema,
  jsonApiLinksSchema,
  jsonApiListSchema,
  jsonApiMetaSchema,
  jsonApiRelationshipSchema,
  jsonApiResourceSchema,
  type JsonApiAnyResource,
  type JsonApiDocument,
  type JsonApiIdentifier,
  type JsonApiRelationship,
  type JsonApiResourceOptions,
} from './schemas.js';
