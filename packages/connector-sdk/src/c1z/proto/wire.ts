/**
 * Protocol buffers wire format: a deterministic writer and a tolerant reader. Messages are written
 * by hand-written encoders that emit fields in field-number order and omit proto3 defaults, so the
 * same value always produces the same bytes.
 */

/** Wire types used by the messages this SDK stores. */
export const WireType = {
  VARINT: 0,
  FIXED64: 1,
  LENGTH_DELIMITED: 2,
  FIXED32: 5,
} as const;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** Builds one protobuf message. Every `field*` method skips proto3 default values. */
export class ProtoWriter {
  private chunks: number[] = [];
  private parts: Uint8Array[] = [];

  /** Appends a raw varint (unsigned, or a negative int64 as ten bytes). */
  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    if (typeof value === 'number' && value >= 0 && value <= 0x7fffffff) {
      let n = value;
      while (n > 0x7f) {
        this.chunks.push((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      this.chunks.push(n);
      return this;
    }
    while (v > 0x7fn) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
    return this;
  }

  /** Appends a field tag. */
  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  /** Appends raw bytes. */
  raw(bytes: Uint8Array): this {
    this.flushChunks();
    this.parts.push(bytes);
    return this;
  }

  /** Appends a length-delimited field, even when empty (for oneofs, map entries and messages). */
  bytesAlways(field: number, bytes: Uint8Array): this {
    this.tag(field, WireType.LENGTH_DELIMITED).varint(bytes.length);
    return this.raw(bytes);
  }

  /** A `string` field; empty strings are omitted. */
  string(field: number, value: string | undefined): this {
    if (value === undefined || value === '') return this;
    return this.bytesAlways(field, utf8.encode(value));
  }

  /** A `string` field written even when empty (oneof members, map keys). */
  stringAlways(field: number, value: string): this {
    return this.bytesAlways(field, utf8.encode(value));
  }

  /** A `repeated string` field. */
  strings(field: number, values: readonly string[] | undefined): this {
    for (const value of values ?? []) this.stringAlways(field, value);
    return this;
  }

  /** A `bool` field; false is omitted. */
  bool(field: number, value: boolean | undefined): this {
    if (!value) return this;
    return this.tag(field, WireType.VARINT).varint(1);
  }

  /** A `bool` field written even when false (oneof members). */
  boolAlways(field: number, value: boolean): this {
    return this.tag(field, WireType.VARINT).varint(value ? 1 : 0);
  }

  /** An `int32`/`int64`/enum field; zero is omitted. */
  int(field: number, value: number | bigint | undefined): this {
    if (value === undefined || value === 0 || value === 0n) return this;
    return this.tag(field, WireType.VARINT).varint(value);
  }

  /** An enum field written even when zero (oneof members). */
  intAlways(field: number, value: number): this {
    return this.tag(field, WireType.VARINT).varint(value);
  }

  /** A packed `repeated` enum field; empty lists are omitted. */
  packedInts(field: number, values: readonly number[] | undefined): this {
    if (!values || values.length === 0) return this;
    const inner = new ProtoWriter();
    for (const value of values) inner.varint(value);
    return this.bytesAlways(field, inner.finish());
  }

  /** A `double` field written even when zero (oneof members). */
  doubleAlways(field: number, value: number): this {
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setFloat64(0, value, true);
    this.tag(field, WireType.FIXED64);
    return this.raw(buf);
  }

  /** An embedded message field; omitted when `bytes` is undefined, written when empty. */
  message(field: number, bytes: Uint8Array | undefined): this {
    if (bytes === undefined) return this;
    return this.bytesAlways(field, bytes);
  }

  /** The encoded message. */
  finish(): Uint8Array {
    this.flushChunks();
    if (this.parts.length === 1) return this.parts[0] as Uint8Array;
    let length = 0;
    for (const part of this.parts) length += part.length;
    const out = new Uint8Array(length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  private flushChunks(): void {
    if (this.chunks.length === 0) return;
    this.parts.push(Uint8Array.from(this.chunks));
    this.chunks = [];
  }
}

/** One field read from a message. */
export interface ProtoField {
  field: number;
  wireType: number;
  /** The varint value (wire type 0). */
  varint: bigint;
  /** The payload of a length-delimited or fixed field. */
  bytes: Uint8Array;
}

/** Thrown when bytes are not a well-formed protobuf message. */
export class ProtoDecodeError extends Error {
  override name = 'ProtoDecodeError';
}

/** Iterates the fields of an encoded message in the order they appear. */
export function* readFields(buf: Uint8Array): Generator<ProtoField> {
  let pos = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new ProtoDecodeError('truncated varint');
      const byte = buf[pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtoDecodeError('varint too long');
    }
  };
  const take = (length: number): Uint8Array => {
    if (pos + length > buf.length) throw new ProtoDecodeError('truncated field');
    const out = buf.subarray(pos, pos + length);
    pos += length;
    return out;
  };
  while (pos < buf.length) {
    const key = readVarint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    switch (wireType) {
      case WireType.VARINT:
        yield { field, wireType, varint: readVarint(), bytes: EMPTY };
        break;
      case WireType.FIXED64:
        yield { field, wireType, varint: 0n, bytes: take(8) };
        break;
      case WireType.LENGTH_DELIMITED: {
        const length = Number(readVarint());
        yield { field, wireType, varint: 0n, bytes: take(length) };
        break;
      }
      case WireType.FIXED32:
        yield { field, wireType, varint: 0n, bytes: take(4) };
        break;
      default:
        throw new ProtoDecodeError(`unsupported wire type ${wireType}`);
    }
  }
}

const EMPTY = new Uint8Array(0);

/** Decodes a UTF-8 string field. */
export function fieldString(f: ProtoField): string {
  return utf8Decoder.decode(f.bytes);
}

/** Decodes a varint field as a number (int32/enum/bool). */
export function fieldInt(f: ProtoField): number {
  return Number(BigInt.asIntN(64, f.varint));
}

/** Decodes a `double` field. */
export function fieldDouble(f: ProtoField): number {
  return new DataView(f.bytes.buffer, f.bytes.byteOffset, 8).getFloat64(0, true);
}

/** Decodes a packed (or unpacked) repeated varint field into numbers. */
export function fieldPackedInts(f: ProtoField): number[] {
  if (f.wireType === WireType.VARINT) return [fieldInt(f)];
  const out: number[] = [];
  for (const inner of readFields(packedAsFields(f.bytes))) out.push(fieldInt(inner));
  return out;
}

/** Rewrites packed varints as field-1 varints so `readFields` can walk them. */
function packedAsFields(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let start = true;
  for (const byte of bytes) {
    if (start) out.push(0x08);
    out.push(byte);
    start = (byte & 0x80) === 0;
  }
  return Uint8Array.from(out);
}

/** Compares strings by their UTF-8 bytes, the order Go uses for deterministic map keys. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
