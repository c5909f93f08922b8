import type { ResourceId } from '../../model/types.js';
import { fieldString, ProtoWriter, readFields } from './wire.js';

/** Encodes a `c1.connector.v2.ResourceId` {resource_type = 1, resource = 2, baton_resource = 3}. */
export function encodeResourceId(id: ResourceId): Uint8Array {
  return new ProtoWriter().string(1, id.resourceType).string(2, id.resource).bool(3, id.batonResource).finish();
}

/** Writes a `ResourceId` as the embedded message `field` of `w`, in place. */
export function writeResourceId(w: ProtoWriter, field: number, id: ResourceId): void {
  const at = w.begin(field);
  w.string(1, id.resourceType).string(2, id.resource).bool(3, id.batonResource).end(at);
}

/** Decodes a `c1.connector.v2.ResourceId`. */
export function decodeResourceId(bytes: Uint8Array): ResourceId {
  const id: ResourceId = { resourceType: '', resource: '' };
  for (const f of readFields(bytes)) {
    if (f.field === 1) id.resourceType = fieldString(f);
    else if (f.field === 2) id.resource = fieldString(f);
    else if (f.field === 3 && f.varint !== 0n) id.batonResource = true;
  }
  return id;
}
