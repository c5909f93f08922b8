import * as v from 'valibot';

/** The SCIM 2.0 schema URNs (RFC 7643 / RFC 7644) a client reads and writes. */
export const SCIM_SCHEMAS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

const text = v.nullish(v.string());

/** A non-negative integer, also when a server sends it as a digit string. */
const count = v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.string(), v.digits(), v.transform(Number))]);

/** `meta`: resource type, timestamps, location and version. */
export const scimMetaSchema = v.object({ resourceType: text, created: text, lastModified: text, location: text, version: text });

/** A user's `name` (RFC 7643 §4.1.1). */
export const scimNameSchema = v.object({
  formatted: text,
  givenName: text,
  familyName: text,
  middleName: text,
  honorificPrefix: text,
  honorificSuffix: text,
});

/** One value of a multi-valued attribute such as `emails` (`value`, `type`, `primary`, `display`). */
export const scimMultiValueSchema = v.object({ value: text, type: text, primary: v.nullish(v.boolean()), display: text });

/**
 * A reference to another resource: a group member, a user's group (`value` is its id). `value`
 * is optional in RFC 7643 and in providers' specs: readers skip references without one.
 */
export const scimReferenceSchema = v.object({ value: text, type: text, display: text, $ref: text });

/**
 * The core User (RFC 7643 §4.1): only `id` is required; `userName`, though required by the
 * RFC, is left out by some providers and is read when sent. Extend it for a provider's
 * extensions: `v.object({ ...scimUserSchema.entries, [SCIM_SCHEMAS.enterpriseUser]: ... })`.
 */
export const scimUserSchema = v.object({
  schemas: v.nullish(v.array(v.string())),
  id: v.pipe(v.string(), v.minLength(1)),
  externalId: text,
  userName: text,
  name: v.nullish(scimNameSchema),
  displayName: text,
  nickName: text,
  title: text,
  userType: text,
  active: v.nullish(v.boolean()),
  emails: v.nullish(v.array(scimMultiValueSchema)),
  groups: v.nullish(v.array(scimReferenceSchema)),
  meta: v.nullish(scimMetaSchema),
});

/** A SCIM user (core attributes). */
export type ScimUser = v.InferOutput<typeof scimUserSchema>;

/** The enterprise User extension (RFC 7643 §4.3), the attributes connectors read. */
export const scimEnterpriseUserSchema = v.object({
  employeeNumber: text,
  costCenter: text,
  organization: text,
  division: text,
  department: text,
  manager: v.nullish(v.object({ value: text, displayName: text, $ref: text })),
});

/** The core Group (RFC 7643 §4.2); `members` is absent when the server leaves it out. */
export const scimGroupSchema = v.object({
  schemas: v.nullish(v.array(v.string())),
  id: v.pipe(v.string(), v.minLength(1)),
  externalId: text,
  displayName: text,
  members: v.nullish(v.array(scimReferenceSchema)),
  meta: v.nullish(scimMetaSchema),
});

/** A SCIM group (core attributes). */
export type ScimGroup = v.InferOutput<typeof scimGroupSchema>;

/**
 * A `ListResponse` (RFC 7644 §3.4.2) of `item`. Every field may be absent: `Resources` when
 * there are none, `totalResults` with some providers (paging then ends on an empty page).
 */
export function scimListResponseSchema<S extends v.GenericSchema>(item: S) {
  return v.object({
    schemas: v.nullish(v.array(v.string())),
    totalResults: v.nullish(count),
    startIndex: v.nullish(count),
    itemsPerPage: v.nullish(count),
    Resources: v.nullish(v.array(item)),
  });
}

/** A parsed `ListResponse`. */
export type ScimListResponse<T> = {
  totalResults?: number | null | undefined;
  startIndex?: number | null | undefined;
  itemsPerPage?: number | null | undefined;
  Resources?: T[] | null | undefined;
};

/**
 * The SCIM Error (RFC 7644 §3.12): `status` is the HTTP status as a string (a number is
 * accepted too), with optional `scimType` and `detail`. Lenient about the schema list, which
 * some servers misspell as `schema`.
 */
export const scimErrorSchema = v.object({
  schemas: v.nullish(v.array(v.string())),
  schema: v.nullish(v.array(v.string())),
  status: v.union([v.string(), v.pipe(v.number(), v.transform(String))]),
  scimType: text,
  detail: text,
});

/** A parsed SCIM Error. */
export type ScimError = v.InferOutput<typeof scimErrorSchema>;
