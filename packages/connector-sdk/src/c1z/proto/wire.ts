/**
 * Protocol buffers wire format: a deterministic writer and a tolerant reader. Messages are written
 * by hand-written encoders that emit fields in field-number order and omit proto3 defaults, so the
 * same value always produces the same bytes.
 */

/** Wire types used by the messages this SDK stores. */
export const WireType = { VARINT: 0, FIXED64: 1, LENGTH_DELIMITED: 2, FIXED32: 5 } as const;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** Buffers of finished writers, reused by the next ones (a message is built in one). */
const spareBuffers: Uint8Array[] = [];
const FIRST_BUFFER_BYTES = 256;
/** Buffers grown past this size are dropped after use rather than kept for reuse. */
const LARGEST_SPARE_BYTES = 64 * 1024;
/** Views of messages up to this size are kept by {@link ProtoWriter.view} for reuse. */
const LARGEST_KEPT_VIEW_BYTES = 4096;

/**
 * Builds one protobuf message in a growable byte buffer. Every `field*` method skips proto3
 * default values. Strings of ASCII characters, nearly all of a connector's data, are copied
 * byte by byte without a UTF-8 encoder.
 */
export class ProtoWriter {
  private buf: Uint8Array = spareBuffers.pop() ?? new Uint8Array(FIRST_BUFFER_BYTES);
  private pos = 0;
  /**
   * Views of {@link buf} handed out by {@link view}, by length: a writer reused row after row
   * produces rows of a few dozen lengths, so each view object is made once, not once per row.
   */
  private views: (Uint8Array | undefined)[] = [];

  /** Appends a raw varint (unsigned, or a negative int64 as ten bytes). */
  varint(value: number | bigint): this {
    if (typeof value === 'number' && value >= 0 && value <= 0x7fffffff) {
      this.reserve(5);
      let n = value;
      while (n > 0x7f) {
        this.buf[this.pos++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
      this.buf[this.pos++] = n;
      return this;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    this.reserve(10);
    while (v > 0x7fn) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
    return this;
  }

  /** Appends a field tag. */
  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  /** Appends raw bytes. */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
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
    return this.stringAlways(field, value);
  }

  /** A `string` field written even when empty (oneof members, map keys). */
  stringAlways(field: number, value: string): this {
    const length = value.length;
    this.tag(field, WireType.LENGTH_DELIMITED).varint(length);
    const start = this.pos;
    this.reserve(length);
    const buf = this.buf;
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        // Not ASCII: take back the tag's length and write the UTF-8 bytes instead.
        this.pos = start - varintSize(length);
        return this.varint(byteLengthUtf8(value)).rawUtf8(value);
      }
      buf[start + i] = code;
    }
    this.pos = start + length;
    return this;
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

  /**
   * Starts an embedded message field written in place, with no buffer of its own: write its
   * fields, then pass what this returns to {@link end}.
   */
  begin(field: number): number {
    this.tag(field, WireType.LENGTH_DELIMITED);
    this.reserve(1);
    this.pos++;
    return this.pos;
  }

  /** Ends the embedded message {@link begin} started at `start`, writing its length before it. */
  end(start: number): this {
    const length = this.pos - start;
    const size = varintSize(length);
    if (size > 1) {
      this.reserve(size - 1);
      this.buf.copyWithin(start + size - 1, start, this.pos);
      this.pos += size - 1;
    }
    let at = start - 1;
    let n = length;
    while (n > 0x7f) {
      this.buf[at++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[at] = n;
    return this;
  }

  /**
   * The bytes written so far, as a view into the writer's buffer (no copy): valid only until
   * the writer is written to or {@link reset}. For a writer reused message after message.
   */
  view(): Uint8Array {
    let view = this.views[this.pos];
    if (view === undefined) {
      view = this.buf.subarray(0, this.pos);
      if (this.pos <= LARGEST_KEPT_VIEW_BYTES) this.views[this.pos] = view;
    }
    return view;
  }

  /** Empties the writer, keeping its buffer, so it can build the next message. */
  reset(): this {
    this.pos = 0;
    return this;
  }

  /** The encoded message, in a new array. The writer must not be used afterwards. */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    if (this.buf.length <= LARGEST_SPARE_BYTES) spareBuffers.push(this.buf);
    this.buf = EMPTY;
    this.pos = 0;
    this.views = [];
    return out;
  }

  private rawUtf8(value: string): this {
    this.reserve(value.length * 3);
    this.pos += utf8.encodeInto(value, this.buf.subarray(this.pos)).written;
    return this;
  }

  /** Makes room for `bytes` more bytes. */
  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + bytes, FIRST_BUFFER_BYTES));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.views = [];
  }
}

/** The bytes a varint of `n` (0 <= n < 2^31) takes. */
function varintSize(n: number): number {
  let size = 1;
  while (n > 0x7f) {
    n >>>= 7;
    size++;
  }
  return size;
}

/** The UTF-8 length of a string (lone surrogates count as U+FFFD, as TextEncoder writes them). */
function byteLengthUtf8(value: string): number {
  return Buffer.byteLength(value, 'utf8');
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
