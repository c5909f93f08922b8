import * as v from 'valibot';

/** JSON:API's media type, for `accept` and `content-type`. */
export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

/** A JSON:API id: a string (a number some APIs send is turned into one). */
export const jsonApiIdSchema = v.union([v.string(), v.pipe(v.number(), v.integer(), v.transform(String))]);

/** A resource identifier: `{ type, id }`. */
export const jsonApiIdentifierSchema = v.object({ type: v.string(), id: jsonApiIdSchema });

/** A resource identifier. */
export type JsonApiIdentifier = v.InferOutput<typeof jsonApiIdentifierSchema>;

/** A link: a URL, or a link object with `href`. */
export const jsonApiLinkSchema = v.union([v.string(), v.object({ href: v.string(), meta: v.nullish(v.record(v.string(), v.unknown())) })]);

/** A `links` object (`self`, `next`, `related` ...); a link may be null. */
export const jsonApiLinksSchema = v.record(v.string(), v.nullish(jsonApiLinkSchema));

/** A `meta` object. */
export const jsonApiMetaSchema = v.record(v.string(), v.unknown());

/** A relationship: `data` (one identifier, null, or an array), `links` and `meta`, each optional. */
export const jsonApiRelationshipSchema = v.object({
  data: v.nullish(v.union([jsonApiIdentifierSchema, v.array(jsonApiIdentifierSchema)])),
  links: v.nullish(jsonApiLinksSchema),
  meta: v.nullish(jsonApiMetaSchema),
});

/** A relationship. */
export type JsonApiRelationship = v.InferOutput<typeof jsonApiRelationshipSchema>;

/** What {@link jsonApiResourceSchema} takes. */
export interface JsonApiResourceOptions<A extends v.ObjectEntries, T extends string> {
  /** The resource type (`users`); other types fail validation. Default: any type. */
  type?: T;
  /** The attributes' entries: `{ email: v.nullish(v.string()) }`. Unknown attributes are dropped. */
  attributes: A;
}

/**
 * The schema of one JSON:API resource object: `id`, `type`, the given `attributes`, and
 * `relationships`, `links` and `meta` as JSON:API defines them.
 */
export function jsonApiResourceSchema<A extends v.ObjectEntries, T extends string = string>(options: JsonApiResourceOptions<A, T>) {
  const type = options.type === undefined ? v.string() : v.literal(options.type);
  return v.object({
    id: jsonApiIdSchema,
    type: type as v.GenericSchema<unknown, T>,
    attributes: v.optional(v.object(options.attributes), {} as never),
    relationships: v.nullish(v.record(v.string(), jsonApiRelationshipSchema)),
    links: v.nullish(jsonApiLinksSchema),
    meta: v.nullish(jsonApiMetaSchema),
  });
}

/** Any resource object, attributes kept as they are: for `included` entries of several types. */
export const jsonApiAnyResourceSchema = v.object({
  id: jsonApiIdSchema,
  type: v.string(),
  attributes: v.nullish(v.record(v.string(), v.unknown())),
  relationships: v.nullish(v.record(v.string(), jsonApiRelationshipSchema)),
  links: v.nullish(jsonApiLinksSchema),
  meta: v.nullish(jsonApiMetaSchema),
});

/** A resource object of any type. */
export type JsonApiAnyResource = v.InferOutput<typeof jsonApiAnyResourceSchema>;

/** The schema of a JSON:API document whose primary `data` is `data`: `data`, `included`, `links`, `meta`. */
export function jsonApiDocumentSchema<D extends v.GenericSchema, I extends v.GenericSchema = typeof jsonApiAnyResourceSchema>(
  data: D,
  options: { included?: I } = {},
) {
  const included = (options.included ?? jsonApiAnyResourceSchema) as I;
  return v.object({
    data,
    included: v.optional(v.array(included), []),
    links: v.nullish(jsonApiLinksSchema),
    meta: v.nullish(jsonApiMetaSchema),
  });
}

/** The schema of a list document: `data` is an array of `resource`. */
export function jsonApiListSchema<R extends v.GenericSchema, I extends v.GenericSchema = typeof jsonApiAnyResourceSchema>(
  resource: R,
  options: { included?: I } = {},
) {
  return jsonApiDocumentSchema(v.array(resource), options);
}

/** A JSON:API document as the schemas above return it. */
export interface JsonApiDocument<D, I = JsonApiAnyResource> {
  data: D;
  included: I[];
  links?: Record<string, string | { href: string } | null | undefined> | null | undefined;
  meta?: Record<string, unknown> | null | undefined;
}

/** The URL of a link (a string or a link object), or undefined. */
export function jsonApiLinkHref(link: string | { href: string } | null | undefined): string | undefined {
  if (link === null || link === undefined) return undefined;
  const href = typeof link === 'string' ? link : link.href;
  return href === '' ? undefined : href;
}
