import type { JsonApiIdentifier } from './schemas.js';

/** The identifiers a resource's relationship `name` points at (none when absent or null). */
export function jsonApiRelated(
  resource: { relationships?: Record<string, { data?: JsonApiIdentifier | JsonApiIdentifier[] | null | undefined }> | null | undefined },
  name: string,
): JsonApiIdentifier[] {
  const data = resource.relationships?.[name]?.data;
  if (data === null || data === undefined) return [];
  return Array.isArray(data) ? data : [data];
}

/** `included` resources by type and id. */
export interface JsonApiIncluded<I extends { type: string; id: string }> {
  /** The included resource with this type and id, or undefined. */
  get(identifier: JsonApiIdentifier): I | undefined;
  /** The included resources a relationship points at, in its order; identifiers not included are skipped. */
  related(
    resource: { relationships?: Record<string, { data?: JsonApiIdentifier | JsonApiIdentifier[] | null | undefined }> | null | undefined },
    name: string,
  ): I[];
  /** Every included resource of a type. */
  ofType(type: string): I[];
}

/** Indexes a document's `included` array for {@link JsonApiIncluded} look-ups. */
export function indexIncluded<I extends { type: string; id: string }>(included: readonly I[] | null | undefined): JsonApiIncluded<I> {
  const byKey = new Map<string, I>();
  const key = (type: string, id: string) => `${type}\u0000${id}`;
  for (const item of included ?? []) byKey.set(key(item.type, item.id), item);
  const get = (identifier: JsonApiIdentifier) => byKey.get(key(identifier.type, identifier.id));
  return {
    get,
    related: (resource, name) => jsonApiRelated(resource, name).flatMap((identifier) => get(identifier) ?? []),
    ofType: (type) => (included ?? []).filter((item) => item.type === type),
  };
}
