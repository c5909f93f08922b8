import type {
  Annotation,
  AnnotationTypeName,
  AppTrait,
  EntitlementImmutable,
  GrantExpandable,
  GrantImmutable,
  GroupTrait,
  SecretTrait,
  StructuredName,
  UserEmail,
  UserTrait,
} from '../../model/annotations.js';
import {
  ACCOUNT_TYPE_NUMBERS,
  APP_FLAG_NUMBERS,
  CREDENTIAL_TYPE_NUMBERS,
  USER_STATUS_NUMBERS,
  type AccountTypeName,
  type AppFlagName,
  type CredentialTypeName,
  type UserStatusName,
} from '../../model/enums.js';
import type { ResourceId } from '../../model/types.js';
import { decodeResourceId, encodeResourceId } from './resource-id.js';
import { decodeUnknownAnnotation, encodeUnknownAnnotation, unknownAnnotation } from './unknown-annotation.js';
import { enumName } from './enum-names.js';
import { decodeAny, decodeStruct, decodeTimestamp, ANY_TYPE_URL_PREFIX, encodeAny, encodeStruct, encodeTimestamp } from './well-known.js';
import { fieldInt, fieldPackedInts, fieldString, ProtoWriter, readFields } from './wire.js';

/**
 * Codecs for every annotation in src/model/annotations.ts, with the field numbers of
 * baton-sdk's proto/c1/connector/v2/annotation_*.proto. Annotations are stored packed in
 * `google.protobuf.Any`. Any of a type this SDK does not model is skipped on decode (see
 * {@link decodeAnnotations}).
 */

interface AnnotationCodec<T extends Annotation> {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

type CodecTable = { [K in AnnotationTypeName]: AnnotationCodec<Extract<Annotation, { $type: K }>> };

const optionalStruct = (w: ProtoWriter, field: number, value: Parameters<typeof encodeStruct>[0] | undefined): void => {
  if (value !== undefined) w.message(field, encodeStruct(value));
};
const optionalTimestamp = (w: ProtoWriter, field: number, value: Date | undefined): void => {
  if (value !== undefined) w.message(field, encodeTimestamp(value));
};
const optionalResourceId = (w: ProtoWriter, field: number, value: ResourceId | undefined): void => {
  if (value !== undefined) w.message(field, encodeResourceId(value));
};

function encodeUserTrait(t: UserTrait): Uint8Array {
  const w = new ProtoWriter();
  for (const email of t.emails) {
    const at = w.begin(1);
    w.string(1, email.address).bool(2, email.isPrimary).end(at);
  }
  const statusAt = w.begin(2);
  w.int(1, USER_STATUS_NUMBERS[t.status.status]).string(2, t.status.details).end(statusAt);
  optionalStruct(w, 3, t.profile);
  w.int(5, ACCOUNT_TYPE_NUMBERS[t.accountType]);
  w.string(6, t.login);
  w.strings(7, t.loginAliases);
  optionalTimestamp(w, 8, t.createdAt);
  optionalTimestamp(w, 9, t.lastLogin);
  if (t.mfaStatus) {
    const at = w.begin(10);
    w.bool(1, t.mfaStatus.mfaEnabled).end(at);
  }
  if (t.ssoStatus) {
    const at = w.begin(11);
    w.bool(1, t.ssoStatus.ssoEnabled).end(at);
  }
  if (t.structuredName) {
    const n = t.structuredName;
    const at = w.begin(12);
    w.string(1, n.givenName).string(2, n.familyName).strings(3, n.middleNames).string(4, n.prefix).string(5, n.suffix).end(at);
  }
  w.strings(13, t.employeeIds);
  return w.finish();
}

function decodeUserTrait(bytes: Uint8Array): UserTrait {
  const t: UserTrait = { $type: 'c1.connector.v2.UserTrait', emails: [], status: { status: 'UNSPECIFIED' }, accountType: 'UNSPECIFIED' };
  for (const f of readFields(bytes)) {
    switch (f.field) {
      case 1: {
        const email: UserEmail = { address: '', isPrimary: false };
        for (const e of readFields(f.bytes)) {
          if (e.field === 1) email.address = fieldString(e);
          else if (e.field === 2) email.isPrimary = e.varint !== 0n;
        }
        t.emails.push(email);
        break;
      }
      case 2: {
        const status: UserTrait['status'] = { status: 'UNSPECIFIED' };
        for (const s of readFields(f.bytes)) {
          if (s.field === 1) status.status = enumName<UserStatusName>(USER_STATUS_NUMBERS, fieldInt(s));
          else if (s.field === 2) status.details = fieldString(s);
        }
        t.status = status;
        break;
      }
      case 3:
        t.profile = decodeStruct(f.bytes);
        break;
      case 5:
        t.accountType = enumName<AccountTypeName>(ACCOUNT_TYPE_NUMBERS, fieldInt(f));
        break;
      case 6:
        t.login = fieldString(f);
        break;
      case 7:
        (t.loginAliases ??= []).push(fieldString(f));
        break;
      case 8:
        t.createdAt = decodeTimestamp(f.bytes);
        break;
      case 9:
        t.lastLogin = decodeTimestamp(f.bytes);
        break;
      case 10:
        t.mfaStatus = { mfaEnabled: firstBool(f.bytes) };
        break;
      case 11:
        t.ssoStatus = { ssoEnabled: firstBool(f.bytes) };
        break;
      case 12:
        t.structuredName = decodeStructuredName(f.bytes);
        break;
      case 13:
        (t.employeeIds ??= []).push(fieldString(f));
        break;
      default:
        break;
    }
  }
  return t;
}

function decodeStructuredName(bytes: Uint8Array): StructuredName {
  const n: StructuredName = {};
  for (const f of readFields(bytes)) {
    if (f.field === 1) n.givenName = fieldString(f);
    else if (f.field === 2) n.familyName = fieldString(f);
    else if (f.field === 3) (n.middleNames ??= []).push(fieldString(f));
    else if (f.field === 4) n.prefix = fieldString(f);
    else if (f.field === 5) n.suffix = fieldString(f);
  }
  return n;
}

function firstBool(bytes: Uint8Array): boolean {
  for (const f of readFields(bytes)) if (f.field === 1) return f.varint !== 0n;
  return false;
}

function decodeGroupTrait(bytes: Uint8Array): GroupTrait {
  const t: GroupTrait = { $type: 'c1.connector.v2.GroupTrait' };
  for (const f of readFields(bytes)) {
    if (f.field === 2) t.profile = decodeStruct(f.bytes);
    else if (f.field === 3) t.groupSourceType = fieldString(f);
    else if (f.field === 4) t.rawGroupSourceType = fieldString(f);
  }
  return t;
}

function decodeAppTrait(bytes: Uint8Array): AppTrait {
  const t: AppTrait = { $type: 'c1.connector.v2.AppTrait' };
  for (const f of readFields(bytes)) {
    if (f.field === 1) t.helpUrl = fieldString(f);
    else if (f.field === 4) t.profile = decodeStruct(f.bytes);
    else if (f.field === 5) {
      const flags = fieldPackedInts(f).map((n) => enumName<AppFlagName>(APP_FLAG_NUMBERS, n));
      t.flags = [...(t.flags ?? []), ...flags];
    }
  }
  return t;
}

function decodeSecretTrait(bytes: Uint8Array): SecretTrait {
  const t: SecretTrait = { $type: 'c1.connector.v2.SecretTrait' };
  for (const f of readFields(bytes)) {
    switch (f.field) {
      case 1:
        t.profile = decodeStruct(f.bytes);
        break;
      case 2:
        t.createdAt = decodeTimestamp(f.bytes);
        break;
      case 3:
        t.expiresAt = decodeTimestamp(f.bytes);
        break;
      case 4:
        t.lastUsedAt = decodeTimestamp(f.bytes);
        break;
      case 5:
        t.createdById = decodeResourceId(f.bytes);
        break;
      case 6:
        t.identityId = decodeResourceId(f.bytes);
        break;
      case 7:
        t.credentialType = enumName<CredentialTypeName>(CREDENTIAL_TYPE_NUMBERS, fieldInt(f));
        break;
      default:
        break;
    }
  }
  return t;
}

/** `{source_id = 1, metadata = 2}`, shared by GrantImmutable and EntitlementImmutable. */
function encodeImmutable(t: GrantImmutable | EntitlementImmutable): Uint8Array {
  const w = new ProtoWriter().string(1, t.sourceId);
  optionalStruct(w, 2, t.metadata);
  return w.finish();
}

function decodeImmutable<T extends GrantImmutable | EntitlementImmutable>(type: T['$type'], bytes: Uint8Array): T {
  const t = { $type: type } as T;
  for (const f of readFields(bytes)) {
    if (f.field === 1) t.sourceId = fieldString(f);
    else if (f.field === 2) t.metadata = decodeStruct(f.bytes);
  }
  return t;
}

/** Encodes a `GrantExpandable` message (not packed in Any): the grants `expansion` column. */
export function encodeGrantExpandable(t: GrantExpandable): Uint8Array {
  return new ProtoWriter().strings(1, t.entitlementIds).bool(2, t.shallow).strings(3, t.resourceTypeIds).finish();
}

/** Decodes a `GrantExpandable` message. */
export function decodeGrantExpandable(bytes: Uint8Array): GrantExpandable {
  const t: GrantExpandable = { $type: 'c1.connector.v2.GrantExpandable', entitlementIds: [] };
  for (const f of readFields(bytes)) {
    if (f.field === 1) t.entitlementIds.push(fieldString(f));
    else if (f.field === 2) t.shallow = f.varint !== 0n;
    else if (f.field === 3) (t.resourceTypeIds ??= []).push(fieldString(f));
  }
  return t;
}

const empty = new Uint8Array(0);

const CODECS: CodecTable = {
  unknown: { encode: (t) => Buffer.from(t.value, 'base64'), decode: (bytes) => unknownAnnotation('', bytes) },
  'c1.connector.v2.UserTrait': { encode: encodeUserTrait, decode: decodeUserTrait },
  'c1.connector.v2.GroupTrait': {
    encode: (t) => {
      const w = new ProtoWriter();
      optionalStruct(w, 2, t.profile);
      return w.string(3, t.groupSourceType).string(4, t.rawGroupSourceType).finish();
    },
    decode: decodeGroupTrait,
  },
  'c1.connector.v2.RoleTrait': {
    encode: (t) => {
      const w = new ProtoWriter();
      optionalStruct(w, 1, t.profile);
      return w.finish();
    },
    decode: (bytes) => {
      const t: Extract<Annotation, { $type: 'c1.connector.v2.RoleTrait' }> = { $type: 'c1.connector.v2.RoleTrait' };
      for (const f of readFields(bytes)) if (f.field === 1) t.profile = decodeStruct(f.bytes);
      return t;
    },
  },
  'c1.connector.v2.AppTrait': {
    encode: (t) => {
      const w = new ProtoWriter().string(1, t.helpUrl);
      optionalStruct(w, 4, t.profile);
      return w
        .packedInts(
          5,
          t.flags?.map((flag) => APP_FLAG_NUMBERS[flag]),
        )
        .finish();
    },
    decode: decodeAppTrait,
  },
  'c1.connector.v2.SecretTrait': {
    encode: (t) => {
      const w = new ProtoWriter();
      optionalStruct(w, 1, t.profile);
      optionalTimestamp(w, 2, t.createdAt);
      optionalTimestamp(w, 3, t.expiresAt);
      optionalTimestamp(w, 4, t.lastUsedAt);
      optionalResourceId(w, 5, t.createdById);
      optionalResourceId(w, 6, t.identityId);
      return w.int(7, t.credentialType ? CREDENTIAL_TYPE_NUMBERS[t.credentialType] : 0).finish();
    },
    decode: decodeSecretTrait,
  },
  'c1.connector.v2.ChildResourceType': {
    encode: (t) => new ProtoWriter().string(1, t.resourceTypeId).finish(),
    decode: (bytes) => ({ $type: 'c1.connector.v2.ChildResourceType', resourceTypeId: firstString(bytes) }),
  },
  'c1.connector.v2.SkipEntitlementsAndGrants': {
    encode: () => empty,
    decode: () => ({ $type: 'c1.connector.v2.SkipEntitlementsAndGrants' }),
  },
  'c1.connector.v2.SkipEntitlements': { encode: () => empty, decode: () => ({ $type: 'c1.connector.v2.SkipEntitlements' }) },
  'c1.connector.v2.SkipGrants': { encode: () => empty, decode: () => ({ $type: 'c1.connector.v2.SkipGrants' }) },
  'c1.connector.v2.ExternalLink': {
    encode: (t) => new ProtoWriter().string(1, t.url).finish(),
    decode: (bytes) => ({ $type: 'c1.connector.v2.ExternalLink', url: firstString(bytes) }),
  },
  'c1.connector.v2.V1Identifier': {
    encode: (t) => new ProtoWriter().string(1, t.id).finish(),
    decode: (bytes) => ({ $type: 'c1.connector.v2.V1Identifier', id: firstString(bytes) }),
  },
  'c1.connector.v2.GrantExpandable': { encode: encodeGrantExpandable, decode: decodeGrantExpandable },
  'c1.connector.v2.GrantImmutable': {
    encode: encodeImmutable,
    decode: (bytes) => decodeImmutable<GrantImmutable>('c1.connector.v2.GrantImmutable', bytes),
  },
  'c1.connector.v2.GrantMetadata': {
    encode: (t) => new ProtoWriter().message(1, encodeStruct(t.metadata)).finish(),
    decode: (bytes) => {
      let metadata = {};
      for (const f of readFields(bytes)) if (f.field === 1) metadata = decodeStruct(f.bytes);
      return { $type: 'c1.connector.v2.GrantMetadata', metadata };
    },
  },
  'c1.connector.v2.GrantAlreadyExists': { encode: () => empty, decode: () => ({ $type: 'c1.connector.v2.GrantAlreadyExists' }) },
  'c1.connector.v2.GrantAlreadyRevoked': { encode: () => empty, decode: () => ({ $type: 'c1.connector.v2.GrantAlreadyRevoked' }) },
  'c1.connector.v2.EntitlementImmutable': {
    encode: encodeImmutable,
    decode: (bytes) => decodeImmutable<EntitlementImmutable>('c1.connector.v2.EntitlementImmutable', bytes),
  },
};

function firstString(bytes: Uint8Array): string {
  for (const f of readFields(bytes)) if (f.field === 1) return fieldString(f);
  return '';
}

function isKnownType(name: string): name is AnnotationTypeName {
  return Object.hasOwn(CODECS, name);
}

/** Encodes one annotation as the bytes of its own message (not yet packed in Any). */
export function encodeAnnotationMessage(value: Annotation): Uint8Array {
  const codec = CODECS[value.$type] as AnnotationCodec<Annotation> | undefined;
  if (!codec) throw new TypeError(`annotation: unknown type ${String(value.$type)}`);
  return codec.encode(value);
}

/** Encodes one annotation as a `google.protobuf.Any`. */
export function encodeAnnotation(value: Annotation): Uint8Array {
  if (value.$type === 'unknown') return encodeUnknownAnnotation(value);
  return encodeAny(value.$type, encodeAnnotationMessage(value));
}

/** Writes one annotation, as {@link encodeAnnotation} encodes it, as the embedded message `field` of `w`. */
export function writeAnnotation(w: ProtoWriter, field: number, value: Annotation): void {
  if (value.$type === 'unknown') {
    w.bytesAlways(field, encodeUnknownAnnotation(value));
    return;
  }
  const message = encodeAnnotationMessage(value);
  const at = w.begin(field);
  w.string(1, ANY_TYPE_URL_PREFIX + value.$type)
    .message(2, message.length > 0 ? message : undefined)
    .end(at);
}

/**
 * Decodes one `google.protobuf.Any` into an annotation; a message type this SDK does not model
 * (for example a newer Baton annotation) becomes an {@link UnknownAnnotation} holding its bytes.
 */
export function decodeAnnotation(bytes: Uint8Array): Annotation {
  const any = decodeAny(bytes);
  if (!isKnownType(any.typeName) || any.typeName === 'unknown') return decodeUnknownAnnotation(bytes);
  const codec = CODECS[any.typeName] as AnnotationCodec<Annotation>;
  return codec.decode(any.value);
}
