import type { UnknownAnnotation } from '../../model/annotations.js';
import { fieldString, ProtoWriter, readFields } from './wire.js';

/** An unknown annotation with the given type URL and message bytes. */
export function unknownAnnotation(typeUrl: string, value: Uint8Array): UnknownAnnotation {
  return { $type: 'unknown', typeUrl, value: Buffer.from(value).toString('base64') };
}

/** Reads a `google.protobuf.Any` {type_url = 1, value = 2} as it is, keeping the full URL. */
export function decodeUnknownAnnotation(any: Uint8Array): UnknownAnnotation {
  let typeUrl = '';
  let value: Uint8Array = new Uint8Array(0);
  for (const f of readFields(any)) {
    if (f.field === 1) typeUrl = fieldString(f);
    else if (f.field === 2) value = f.bytes;
  }
  return unknownAnnotation(typeUrl, value);
}

/** Writes an unknown annotation back as the `google.protobuf.Any` it was read from. */
export function encodeUnknownAnnotation(annotation: UnknownAnnotation): Uint8Array {
  const value = Buffer.from(annotation.value, 'base64');
  return new ProtoWriter()
    .string(1, annotation.typeUrl)
    .message(2, value.length > 0 ? value : undefined)
    .finish();
}
