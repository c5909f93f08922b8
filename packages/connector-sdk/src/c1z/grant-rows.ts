import { findAnnotation } from '../model/annotations.js';
import type { Entitlement, Grant } from '../model/types.js';
import { encodeGrantExpandable } from './proto/annotations-codec.js';
import { encodeEntitlement, writeGrantFields } from './proto/objects-codec.js';
import { ProtoWriter } from './proto/wire.js';

const EXPANDABLE = 'c1.connector.v2.GrantExpandable';

/**
 * Encodes grants for `v1_grants` the way Baton stores them, encoding each distinct embedded
 * entitlement once: a batch of grants usually carries a handful of entitlements, each repeated
 * on hundreds of grants (often as separate but equal objects), and re-encoding it per grant
 * would be most of the work. A cached encoding is reused only for an entitlement equal in
 * every field to the one it was made from, so the bytes are exactly `encodeGrant(grant)`'s.
 * Use one encoder per batch: it keeps the entitlements it has seen. Each row is built in one
 * reused buffer, so encoding a grant allocates no bytes of its own.
 */
export class GrantRowEncoder {
  private readonly entitlements = new Map<string, { value: Entitlement; bytes: Uint8Array }>();
  private readonly writer = new ProtoWriter();
  /**
   * The `expansion` column of the grant last passed to {@link encode}: its `GrantExpandable`
   * annotation when that names an entitlement, else null.
   */
  expansion: Uint8Array | null = null;

  /**
   * The `data` column for `grant`: the `c1.connector.v2.Grant` without its `GrantExpandable`
   * annotation, as a view into the encoder's buffer, valid until the next call. Sets
   * {@link expansion} for the same grant.
   */
  encode(grant: Grant): Uint8Array {
    const expandable = findAnnotation(grant.annotations, EXPANDABLE);
    const stored = expandable ? { ...grant, annotations: grant.annotations.filter((a) => a.$type !== EXPANDABLE) } : grant;
    this.expansion = expandable && expandable.entitlementIds.some((id) => id.trim() !== '') ? encodeGrantExpandable(expandable) : null;
    writeGrantFields(this.writer.reset(), stored, this.entitlementBytes(grant.entitlement));
    return this.writer.view();
  }

  private entitlementBytes(entitlement: Entitlement): Uint8Array {
    const cached = this.entitlements.get(entitlement.id);
    if (cached && sameData(cached.value, entitlement)) return cached.bytes;
    const bytes = encodeEntitlement(entitlement);
    this.entitlements.set(entitlement.id, { value: entitlement, bytes });
    return bytes;
  }
}

/**
 * Whether two model values hold the same data: plain objects and arrays compared field by
 * field (an absent field equals an undefined one), Dates by time, byte arrays by content,
 * everything else with `Object.is`. Shared sub-objects compare at once by reference.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) if (Object.hasOwn(left, key) && !sameData(left[key], right[key])) return false;
  for (const key in right) if (Object.hasOwn(right, key) && !Object.hasOwn(left, key) && right[key] !== undefined) return false;
  return true;
}
