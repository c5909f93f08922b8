/**
 * Converts this SDK's objects to the JSON baton-sdk's reader (compat/main.go, protojson) prints
 * for the same protobuf messages, so tests can compare the two. Test support only.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Enum prefixes protojson uses, by field name. */
const ENUM_PREFIX: Record<string, string> = {
  traits: 'TRAIT_',
  accountType: 'ACCOUNT_TYPE_',
  purpose: 'PURPOSE_VALUE_',
  flags: 'APP_FLAG_',
  credentialType: 'CREDENTIAL_TYPE_',
  creationSource: 'CREATION_SOURCE_',
};
/** Fields that hold a google.protobuf.Struct: copied as they are. */
const STRUCT_FIELDS = new Set(['profile', 'metadata']);

function timestamp(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

function enumValue(prefix: string, name: string): string | undefined {
  return name === 'UNSPECIFIED' ? undefined : prefix + name;
}

/**
 * Converts an SDK model value to the JSON protojson prints for the same protobuf message.
 * `inUserStatus` marks the nested `UserTrait.status` message, whose enum differs from the
 * resource status enum.
 */
export function toProtoJson(value: unknown, key = '', inUserStatus = false): Json | undefined {
  if (value === undefined || value === false || value === '') return undefined;
  if (value instanceof Date) return timestamp(value);
  if (STRUCT_FIELDS.has(key)) return value as Json;
  if (key === 'status' && typeof value === 'string') {
    return enumValue(inUserStatus ? 'STATUS_' : 'RESOURCE_STATUS_', value);
  }
  const prefix = ENUM_PREFIX[key];
  if (typeof value === 'string' && prefix) return enumValue(prefix, value);
  if (Array.isArray(value)) {
    const items = value.map((item) => toProtoJson(item, key)).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object' && value !== null) {
    const source = value as Record<string, unknown>;
    if (source.$type === 'unknown') return unknownJson(source.typeUrl as string, source.value as string);
    const out: { [k: string]: Json } = {};
    if (typeof source.$type === 'string') out['@type'] = `type.googleapis.com/${source.$type}`;
    for (const [k, v] of Object.entries(source)) {
      if (k === '$type') continue;
      const userStatus = inUserStatus || (k === 'status' && source.$type === 'c1.connector.v2.UserTrait');
      const converted = toProtoJson(v, k, userStatus);
      if (converted !== undefined) out[k] = converted;
    }
    return out;
  }
  return value as Json;
}

export function grantJson(grant: unknown): Json | undefined {
  const g = grant as Record<string, unknown>;
  const out = toProtoJson({ ...g, sources: undefined }) as { [k: string]: Json };
  if (g.sources) {
    const sources: { [k: string]: Json } = {};
    for (const [id, source] of Object.entries(g.sources as Record<string, { isDirect: boolean }>)) {
      sources[id] = source.isDirect ? { isDirect: true } : {};
    }
    out.sources = { sources };
  }
  return out;
}

export function byId(items: Json[], id: (item: { [k: string]: Json }) => string): Json[] {
  return [...items].sort((a, b) => {
    const x = id(a as { [k: string]: Json });
    const y = id(b as { [k: string]: Json });
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export const resourceKeyOf = (r: { [k: string]: Json }): string => {
  const id = r.id as { resourceType: string; resource: string };
  return `${id.resourceType}:${id.resource}`;
};
export const idOf = (r: { [k: string]: Json }): string => r.id as string;

/**
 * protojson of an annotation this SDK keeps as bytes. The test fixtures use one such type,
 * `c1.connector.v2.ETag {value = 1, entitlement_id = 2}`, decoded here by hand.
 */
function unknownJson(typeUrl: string, base64: string): Json {
  const out: { [k: string]: Json } = { '@type': typeUrl };
  if (!typeUrl.endsWith('/c1.connector.v2.ETag')) return { ...out, bytes: base64 };
  const bytes = Buffer.from(base64, 'base64');
  for (let at = 0; at < bytes.length;) {
    const tag = bytes[at]!;
    const length = bytes[at + 1]!;
    const text = bytes.subarray(at + 2, at + 2 + length).toString('utf8');
    out[tag === 0x0a ? 'value' : 'entitlementId'] = text;
    at += 2 + length;
  }
  return out;
}
