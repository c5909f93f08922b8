import type { JsonObject, JsonValue } from '../../model/json.js';
import { compareUtf8, fieldDouble, fieldInt, fieldString, ProtoDecodeError, ProtoWriter, readFields } from './wire.js';

/** Encoders for the google.protobuf well-known types the c1.connector.v2 messages use. */

/** The `type_url` prefix of every packed `google.protobuf.Any`. */
export const ANY_TYPE_URL_PREFIX = 'type.googleapis.com/';

/** Encodes a `google.protobuf.Timestamp` (millisecond precision, as JS dates have). */
export function encodeTimestamp(date: Date): Uint8Array {
  const w = new ProtoWriter();
  writeTimestampFields(w, date);
  return w.finish();
}

/** Writes a `google.protobuf.Timestamp` as the embedded message `field` of `w`, in place. */
export function writeTimestamp(w: ProtoWriter, field: number, date: Date): void {
  const at = w.begin(field);
  writeTimestampFields(w, date);
  w.end(at);
}

function writeTimestampFields(w: ProtoWriter, date: Date): void {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('timestamp: invalid Date');
  const seconds = Math.floor(ms / 1000);
  const nanos = (ms - seconds * 1000) * 1_000_000;
  w.int(1, seconds).int(2, nanos);
}

/** Decodes a `google.protobuf.Timestamp`; sub-millisecond digits are truncated. */
export function decodeTimestamp(bytes: Uint8Array): Date {
  let seconds = 0;
  let nanos = 0;
  for (const f of readFields(bytes)) {
    if (f.field === 1) seconds = fieldInt(f);
    else if (f.field === 2) nanos = fieldInt(f);
  }
  return new Date(seconds * 1000 + Math.floor(nanos / 1_000_000));
}

/** Encodes a JSON object as `google.protobuf.Struct`; keys are sorted for determinism. */
export function encodeStruct(object: JsonObject): Uint8Array {
  const w = new ProtoWriter();
  for (const key of Object.keys(object).sort(compareUtf8)) {
    const value = object[key] as JsonValue;
    const entry = new ProtoWriter().stringAlways(1, key).bytesAlways(2, encodeValue(value)).finish();
    w.bytesAlways(1, entry);
  }
  return w.finish();
}

/** Encodes a JSON value as `google.protobuf.Value` (a oneof, so zero values are written). */
export function encodeValue(value: JsonValue): Uint8Array {
  const w = new ProtoWriter();
  if (value === null) w.intAlways(1, 0);
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`struct: ${value} is not a JSON number`);
    w.doubleAlways(2, value);
  } else if (typeof value === 'string') w.stringAlways(3, value);
  else if (typeof value === 'boolean') w.boolAlways(4, value);
  else if (Array.isArray(value)) {
    const list = new ProtoWriter();
    for (const item of value) list.bytesAlways(1, encodeValue(item));
    w.bytesAlways(6, list.finish());
  } else w.bytesAlways(5, encodeStruct(value));
  return w.finish();
}

/** Decodes a `google.protobuf.Struct` into a JSON object. */
export function decodeStruct(bytes: Uint8Array): JsonObject {
  const out: JsonObject = {};
  for (const f of readFields(bytes)) {
    if (f.field !== 1) continue;
    let key = '';
    let value: JsonValue = null;
    for (const e of readFields(f.bytes)) {
      if (e.field === 1) key = fieldString(e);
      else if (e.field === 2) value = decodeValue(e.bytes);
    }
    out[key] = value;
  }
  return out;
}

/** Decodes a `google.protobuf.Value`. An unset value decodes as null. */
export function decodeValue(bytes: Uint8Array): JsonValue {
  let value: JsonValue = null;
  for (const f of readFields(bytes)) {
    switch (f.field) {
      case 1:
        value = null;
        break;
      case 2:
        value = fieldDouble(f);
        break;
      case 3:
        value = fieldString(f);
        break;
      case 4:
        value = f.varint !== 0n;
        break;
      case 5:
        value = decodeStruct(f.bytes);
        break;
      case 6: {
        const list: JsonValue[] = [];
        for (const item of readFields(f.bytes)) if (item.field === 1) list.push(decodeValue(item.bytes));
        value = list;
        break;
      }
      default:
        break;
    }
  }
  return value;
}

/** A decoded `google.protobuf.Any`: the full message name and its encoded bytes. */
export interface PackedAny {
  typeName: string;
  value: Uint8Array;
}

/** Encodes a `google.protobuf.Any` holding the message `typeName`. */
export function encodeAny(typeName: string, value: Uint8Array): Uint8Array {
  return new ProtoWriter()
    .string(1, ANY_TYPE_URL_PREFIX + typeName)
    .message(2, value.length > 0 ? value : undefined)
    .finish();
}

/** Decodes a `google.protobuf.Any`; the message name is what follows the last `/` of the URL. */
export function decodeAny(bytes: Uint8Array): PackedAny {
  let url = '';
  let value: Uint8Array = new Uint8Array(0);
  for (const f of readFields(bytes)) {
    if (f.field === 1) url = fieldString(f);
    else if (f.field === 2) value = f.bytes;
  }
  if (url === '') throw new ProtoDecodeError('Any without type_url');
  return { typeName: url.slice(url.lastIndexOf('/') + 1), value };
}
