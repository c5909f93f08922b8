import { findAnnotation, type Annotation } from '../../model/annotations.js';
import {
  CREATION_SOURCE_NUMBERS,
  PURPOSE_NUMBERS,
  RESOURCE_STATUS_NUMBERS,
  TRAIT_NUMBERS,
  type CreationSourceName,
  type PurposeName,
  type ResourceStatusName,
  type TraitName,
} from '../../model/enums.js';
import type { JsonObject } from '../../model/json.js';
import type { Entitlement, Grant, GrantSources, Resource, ResourceStatus, ResourceType } from '../../model/types.js';
import { decodeAnnotation, writeAnnotation } from './annotations-codec.js';
import { enumName } from './enum-names.js';
import { decodeResourceId, writeResourceId } from './resource-id.js';
import { decodeStruct, decodeTimestamp, encodeStruct, writeTimestamp } from './well-known.js';
import { compareUtf8, fieldInt, fieldPackedInts, fieldString, ProtoWriter, readFields } from './wire.js';

/**
 * Deterministic binary protobuf for the c1.connector.v2 messages stored in a c1z file
 * (ResourceType, Resource, Entitlement, Grant), with baton-sdk's field numbers.
 */

function writeAnnotations(w: ProtoWriter, field: number, annotations: readonly Annotation[]): void {
  for (const value of annotations) writeAnnotation(w, field, value);
}

function pushAnnotation(list: Annotation[], bytes: Uint8Array): void {
  const value = decodeAnnotation(bytes);
  if (value) list.push(value);
}

/** Encodes a `c1.connector.v2.ResourceType`. */
export function encodeResourceType(t: ResourceType): Uint8Array {
  const w = new ProtoWriter().string(1, t.id).string(2, t.displayName);
  w.packedInts(
    3,
    t.traits.map((trait) => TRAIT_NUMBERS[trait]),
  );
  writeAnnotations(w, 4, t.annotations);
  return w.string(5, t.description).bool(6, t.sourcedExternally).finish();
}

/** Decodes a `c1.connector.v2.ResourceType`; traits this SDK does not model are dropped. */
export function decodeResourceType(bytes: Uint8Array): ResourceType {
  const t: ResourceType = { id: '', displayName: '', traits: [], annotations: [] };
  for (const f of readFields(bytes)) {
    switch (f.field) {
      case 1:
        t.id = fieldString(f);
        break;
      case 2:
        t.displayName = fieldString(f);
        break;
      case 3:
        for (const n of fieldPackedInts(f)) {
          const name = traitName(n);
          if (name) t.traits.push(name);
        }
        break;
      case 4:
        pushAnnotation(t.annotations, f.bytes);
        break;
      case 5:
        t.description = fieldString(f);
        break;
      case 6:
        if (f.varint !== 0n) t.sourcedExternally = true;
        break;
      default:
        break;
    }
  }
  return t;
}

function traitName(n: number): TraitName | undefined {
  return (Object.keys(TRAIT_NUMBERS) as TraitName[]).find((name) => TRAIT_NUMBERS[name] === n);
}

/**
 * The resource-level profile, status and creation time Baton writes: the resource's own values,
 * else the deprecated values on its trait (Baton's builders mirror them onto the resource).
 */
export function mirroredResourceFields(r: Resource): { profile?: JsonObject; status?: ResourceStatus; createdAt?: Date } {
  const user = findAnnotation(r.annotations, 'c1.connector.v2.UserTrait');
  const secret = findAnnotation(r.annotations, 'c1.connector.v2.SecretTrait');
  let profile = r.profile;
  if (profile === undefined) {
    for (const a of r.annotations) {
      if (
        (a.$type === 'c1.connector.v2.UserTrait' ||
          a.$type === 'c1.connector.v2.GroupTrait' ||
          a.$type === 'c1.connector.v2.RoleTrait' ||
          a.$type === 'c1.connector.v2.AppTrait' ||
          a.$type === 'c1.connector.v2.SecretTrait') &&
        a.profile !== undefined
      ) {
        profile = a.profile;
        break;
      }
    }
  }
  let status = r.status;
  if (status === undefined && user) {
    status = { status: user.status.status };
    if (user.status.details !== undefined) status.details = user.status.details;
  }
  const createdAt = r.createdAt ?? user?.createdAt ?? secret?.createdAt;
  return {
    ...(profile !== undefined && { profile }),
    ...(status !== undefined && { status }),
    ...(createdAt !== undefined && { createdAt }),
  };
}

/** Encodes a `c1.connector.v2.Resource`, mirroring deprecated trait values onto it. */
export function encodeResource(r: Resource): Uint8Array {
  const w = new ProtoWriter();
  writeResourceFields(w, r);
  return w.finish();
}

/**
 * Writes the fields of {@link encodeResource}'s message into `w`, nested messages in place: a
 * writer reused row after row (see `ProtoWriter.view`) encodes with no allocation of its own.
 */
export function writeResourceFields(w: ProtoWriter, r: Resource): void {
  writeResourceId(w, 1, r.id);
  if (r.parentResourceId) writeResourceId(w, 2, r.parentResourceId);
  w.string(3, r.displayName);
  writeAnnotations(w, 4, r.annotations);
  w.string(5, r.description);
  if (r.creationSource) w.int(8, CREATION_SOURCE_NUMBERS[r.creationSource]);
  // Without annotations there is nothing to mirror: the resource's own fields are written.
  const mirrored = r.annotations.length === 0 ? r : mirroredResourceFields(r);
  if (mirrored.profile) w.message(9, encodeStruct(mirrored.profile));
  if (mirrored.status) {
    const at = w.begin(11);
    w.int(1, RESOURCE_STATUS_NUMBERS[mirrored.status.status]).string(2, mirrored.status.details).end(at);
  }
  if (mirrored.createdAt) writeTimestamp(w, 12, mirrored.createdAt);
}

/** Decodes a `c1.connector.v2.Resource`. */
export function decodeResource(bytes: Uint8Array): Resource {
  const r: Resource = { id: { resourceType: '', resource: '' }, displayName: '', annotations: [] };
  for (const f of readFields(bytes)) {
    switch (f.field) {
      case 1:
        r.id = decodeResourceId(f.bytes);
        break;
      case 2:
        r.parentResourceId = decodeResourceId(f.bytes);
        break;
      case 3:
        r.displayName = fieldString(f);
        break;
      case 4:
        pushAnnotation(r.annotations, f.bytes);
        break;
      case 5:
        r.description = fieldString(f);
        break;
      case 8: {
        const source = enumName<CreationSourceName>(CREATION_SOURCE_NUMBERS, fieldInt(f));
        if (source !== 'UNSPECIFIED') r.creationSource = source;
        break;
      }
      case 9:
        r.profile = decodeStruct(f.bytes);
        break;
      case 11: {
        const status: ResourceStatus = { status: 'UNSPECIFIED' };
        for (const s of readFields(f.bytes)) {
          if (s.field === 1) status.status = enumName<ResourceStatusName>(RESOURCE_STATUS_NUMBERS, fieldInt(s));
          else if (s.field === 2) status.details = fieldString(s);
        }
        r.status = status;
        break;
      }
      case 12:
        r.createdAt = decodeTimestamp(f.bytes);
        break;
      default:
        break;
    }
  }
  return r;
}

/** Encodes a `c1.connector.v2.Entitlement`. */
export function encodeEntitlement(e: Entitlement): Uint8Array {
  const w = new ProtoWriter().message(1, encodeResource(e.resource));
  w.string(2, e.id).string(3, e.displayName).string(4, e.description);
  for (const t of e.grantableTo) w.bytesAlways(5, encodeResourceType(t));
  writeAnnotations(w, 6, e.annotations);
  return w.int(7, PURPOSE_NUMBERS[e.purpose]).string(8, e.slug).finish();
}

/** Decodes a `c1.connector.v2.Entitlement`. */
export function decodeEntitlement(bytes: Uint8Array): Entitlement {
  const e: Entitlement = {
    id: '',
    resource: { id: { resourceType: '', resource: '' }, displayName: '', annotations: [] },
    displayName: '',
    grantableTo: [],
    annotations: [],
    purpose: 'UNSPECIFIED',
    slug: '',
  };
  for (const f of readFields(bytes)) {
    switch (f.field) {
      case 1:
        e.resource = decodeResource(f.bytes);
        break;
      case 2:
        e.id = fieldString(f);
        break;
      case 3:
        e.displayName = fieldString(f);
        break;
      case 4:
        e.description = fieldString(f);
        break;
      case 5:
        e.grantableTo.push(decodeResourceType(f.bytes));
        break;
      case 6:
        pushAnnotation(e.annotations, f.bytes);
        break;
      case 7:
        e.purpose = enumName<PurposeName>(PURPOSE_NUMBERS, fieldInt(f));
        break;
      case 8:
        e.slug = fieldString(f);
        break;
      default:
        break;
    }
  }
  return e;
}

/** Encodes `c1.connector.v2.GrantSources` with map entries sorted by key. */
function encodeGrantSources(sources: GrantSources): Uint8Array {
  const w = new ProtoWriter();
  for (const key of Object.keys(sources).sort(compareUtf8)) {
    const source = new ProtoWriter().bool(1, sources[key]?.isDirect).finish();
    w.bytesAlways(1, new ProtoWriter().stringAlways(1, key).bytesAlways(2, source).finish());
  }
  return w.finish();
}

function decodeGrantSources(bytes: Uint8Array): GrantSources {
  const sources: GrantSources = {};
  for (const f of readFields(bytes)) {
    if (f.field !== 1) continue;
    let key = '';
    let isDirect = false;
    for (const e of readFields(f.bytes)) {
      if (e.field === 1) key = fieldString(e);
      else if (e.field === 2) {
        for (const s of readFields(e.bytes)) if (s.field === 1) isDirect = s.varint !== 0n;
      }
    }
    sources[key] = { isDirect };
  }
  return sources;
}

/**
 * Encodes a `c1.connector.v2.Grant`. `entitlementBytes`, when given, must be
 * `encodeEntitlement(g.entitlement)`: callers writing many grants of one entitlement encode it once.
 */
export function encodeGrant(g: Grant, entitlementBytes: Uint8Array = encodeEntitlement(g.entitlement)): Uint8Array {
  const w = new ProtoWriter();
  writeGrantFields(w, g, entitlementBytes);
  return w.finish();
}

/** Writes the fields of {@link encodeGrant}'s message into `w` (see {@link writeResourceFields}). */
export function writeGrantFields(w: ProtoWriter, g: Grant, entitlementBytes: Uint8Array): void {
  w.message(1, entitlementBytes);
  const principal = w.begin(2);
  writeResourceFields(w, g.principal);
  w.end(principal);
  w.string(3, g.id);
  writeAnnotations(w, 4, g.annotations);
  if (g.sources) w.message(5, encodeGrantSources(g.sources));
}

/** Decodes a `c1.connector.v2.Grant`. */
export function decodeGrant(bytes: Uint8Array): Grant {
  const g: Grant = {
    id: '',
    entitlement: decodeEntitlement(new Uint8Array(0)),
    principal: decodeResource(new Uint8Array(0)),
    annotations: [],
  };
  for (const f of readFields(bytes)) {
    switch (f.field) {
      case 1:
        g.entitlement = decodeEntitlement(f.bytes);
        break;
      case 2:
        g.principal = decodeResource(f.bytes);
        break;
      case 3:
        g.id = fieldString(f);
        break;
      case 4:
        pushAnnotation(g.annotations, f.bytes);
        break;
      case 5:
        g.sources = decodeGrantSources(f.bytes);
        break;
      default:
        break;
    }
  }
  return g;
}
