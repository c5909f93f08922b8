import { describe, expect, it } from 'vitest';
import { annotation } from '../../model/annotations.js';
import { grant, resource } from '../../model/builders.js';
import { buildFixture } from '../fixture.test-support.js';
import { encodeKsuid, ksuidTime, newKsuid } from '../ksuid.js';
import { decodeAnnotation, decodeGrantExpandable, encodeAnnotation, encodeGrantExpandable } from './annotations-codec.js';
import {
  decodeEntitlement,
  decodeGrant,
  decodeResource,
  decodeResourceType,
  encodeEntitlement,
  encodeGrant,
  encodeResource,
  encodeResourceType,
  mirroredResourceFields,
} from './objects-codec.js';
import { encodeResourceId } from './resource-id.js';
import { ProtoWriter } from './wire.js';
import { decodeStruct, encodeAny, encodeStruct, encodeTimestamp, decodeTimestamp } from './well-known.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('protobuf codec', () => {
  const fixture = buildFixture();

  it('round-trips resource types exactly', () => {
    for (const type of fixture.resourceTypes) {
      expect(decodeResourceType(encodeResourceType(type))).toEqual(type);
    }
  });

  it('round-trips resources, with deprecated trait values mirrored onto the resource', () => {
    for (const r of fixture.resources) {
      expect(decodeResource(encodeResource(r))).toEqual({ ...r, ...mirroredResourceFields(r) });
    }
    const ada = decodeResource(encodeResource(fixture.resources[0]!));
    expect(ada.profile).toMatchObject({ role: 'ADMIN' });
    expect(ada.status).toEqual({ status: 'ENABLED', details: 'active since 2020' });
    expect(ada.createdAt?.toISOString()).toBe('2020-01-02T03:04:05.678Z');
  });

  it('keeps the resource’s own profile and status over the trait’s', () => {
    const bob = decodeResource(encodeResource(fixture.resources[1]!));
    expect(bob.profile).toEqual({ source: 'resource' });
    expect(bob.status).toEqual({ status: 'DISABLED', details: 'left' });
    expect(bob.createdAt?.toISOString()).toBe('1969-12-31T23:59:58.500Z');
  });

  it('writes embedded messages of any length in place with the bytes of one built apart', () => {
    const group = resource({ type: 'group', id: 'g1', displayName: 'Group' });
    // Embedded lengths of one, two and three varint bytes: the in-place length must shift the message.
    for (const length of [10, 200, 20_000]) {
      const principal = resource({ type: 'user', id: 'u1', displayName: 'x'.repeat(length) });
      const g = grant({ entitlement: { resource: group, slug: 'member' }, principal });
      const apart = new ProtoWriter()
        .message(1, encodeEntitlement(g.entitlement))
        .message(2, encodeResource(principal))
        .string(3, g.id)
        .finish();
      expect(hex(encodeGrant(g))).toBe(hex(apart));
      expect(decodeGrant(encodeGrant(g)).principal.displayName).toHaveLength(length);
    }
  });

  it('round-trips entitlements and grants (bytes are a fixpoint)', () => {
    for (const e of fixture.entitlements) {
      const bytes = encodeEntitlement(e);
      const decoded = decodeEntitlement(bytes);
      expect(hex(encodeEntitlement(decoded))).toBe(hex(bytes));
      expect(decoded.annotations).toEqual(e.annotations);
      expect(decoded.grantableTo).toEqual(e.grantableTo);
    }
    for (const g of fixture.grants) {
      const bytes = encodeGrant(g);
      const decoded = decodeGrant(bytes);
      expect(hex(encodeGrant(decoded))).toBe(hex(bytes));
      expect(decoded.annotations).toEqual(g.annotations);
      expect(decoded.sources).toEqual(g.sources);
      expect(decoded.id).toBe(g.id);
    }
  });

  it('round-trips every annotation type through google.protobuf.Any', () => {
    const all = [
      ...fixture.resourceTypes.flatMap((t) => t.annotations),
      ...fixture.resources.flatMap((r) => r.annotations),
      ...fixture.entitlements.flatMap((e) => e.annotations),
      ...fixture.grants.flatMap((g) => g.annotations),
    ];
    expect(new Set(all.map((a) => a.$type)).size).toBe(17);
    for (const a of all) expect(decodeAnnotation(encodeAnnotation(a))).toEqual(a);
  });

  it('is deterministic: map and struct key order does not change the bytes', () => {
    const a = resource({ type: 'user', id: 1, displayName: 'A', profile: { b: 1, a: { y: true, x: [null, 'z'] } } });
    const b = resource({ type: 'user', id: 1, displayName: 'A', profile: { a: { x: [null, 'z'], y: true }, b: 1 } });
    expect(hex(encodeResource(a))).toBe(hex(encodeResource(b)));
    const g = fixture.grants[3]!;
    const reversed = { ...g, sources: Object.fromEntries(Object.entries(g.sources ?? {}).reverse()) };
    expect(hex(encodeGrant(reversed))).toBe(hex(encodeGrant(g)));
    expect(hex(encodeGrant(g))).toBe(hex(encodeGrant(structuredClone(g))));
  });

  it('writes known bytes for small messages', () => {
    // ResourceId{resource_type: "user", resource: "1"}
    expect(hex(encodeResourceId({ resourceType: 'user', resource: '1' }))).toBe('0a0475736572120131');
    // GrantExpandable{entitlement_ids: ["g:1:m"], shallow: true}
    expect(hex(encodeGrantExpandable({ $type: 'c1.connector.v2.GrantExpandable', entitlementIds: ['g:1:m'], shallow: true }))).toBe(
      '0a05673a313a6d1001',
    );
    // ResourceType{id: "u", display_name: "U", traits: [TRAIT_USER]}
    expect(hex(encodeResourceType({ id: 'u', displayName: 'U', traits: ['USER'], annotations: [] }))).toBe('0a0175120155' + '1a0101');
    // Timestamp{seconds: 1, nanos: 500000000}
    expect(hex(encodeTimestamp(new Date(1500)))).toBe('0801' + '1080cab5ee01');
    // Struct{fields: {"a": Value{bool_value: false}}} – oneof zero values are written
    expect(hex(encodeStruct({ a: false }))).toBe('0a070a0161120220' + '00');
    // Any of an empty message carries only the type URL
    expect(hex(encodeAnnotation({ $type: 'c1.connector.v2.SkipGrants' }))).toBe(
      hex(encodeAny('c1.connector.v2.SkipGrants', new Uint8Array(0))),
    );
  });

  it('decodes negative timestamps and struct values of every kind', () => {
    expect(decodeTimestamp(encodeTimestamp(new Date(-1500))).getTime()).toBe(-1500);
    const value = { n: 0, s: '', t: true, f: false, z: null, l: [], o: {}, d: -2.25 };
    expect(decodeStruct(encodeStruct(value))).toEqual(value);
  });

  it('keeps Any values of types it does not model, type URL and bytes, and writes them back unchanged', () => {
    const unknown = encodeAny('c1.connector.v2.ETag', new Uint8Array([0x0a, 0x01, 0x78]));
    const kept = { $type: 'unknown', typeUrl: 'type.googleapis.com/c1.connector.v2.ETag', value: 'CgF4' };
    expect(decodeAnnotation(unknown)).toEqual(kept);
    expect(hex(encodeAnnotation(decodeAnnotation(unknown)))).toBe(hex(unknown));
    const withUnknown = Buffer.concat([
      encodeResource(resource({ type: 't', id: 'x', displayName: 'X' })),
      Buffer.from([0x22, unknown.length]),
      unknown,
    ]);
    const decoded = decodeResource(withUnknown);
    expect(decoded.annotations).toEqual([kept]);
    expect(hex(encodeResource(decoded))).toBe(hex(withUnknown));
  });

  it('decodes GrantExpandable from the expansion column', () => {
    const value = annotation('c1.connector.v2.GrantExpandable', { entitlementIds: ['a', 'b'], resourceTypeIds: ['user'] });
    expect(decodeGrantExpandable(encodeGrantExpandable(value))).toEqual(value);
  });
});

describe('newKsuid', () => {
  it('is 27 base62 characters that carry the time and sort by it', () => {
    const early = newKsuid(new Date('2024-01-01T00:00:00Z'));
    const late = newKsuid(new Date('2025-01-01T00:00:00Z'));
    expect(early).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(early < late).toBe(true);
    expect(ksuidTime(early).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(newKsuid()).not.toBe(newKsuid());
  });

  it('matches the reference encoding of the extreme values', () => {
    expect(encodeKsuid(new Uint8Array(20))).toBe('000000000000000000000000000');
    expect(encodeKsuid(new Uint8Array(20).fill(255))).toBe('aWgEPTl1tmebfsQzFP4bxwgy80V');
  });
});
