import { randomBytes } from 'node:crypto';

/** Seconds between the Unix epoch and the KSUID epoch (2014-05-13T16:53:20Z). */
const KSUID_EPOCH_SECONDS = 1_400_000_000;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KSUID_LENGTH = 27;

/**
 * A new KSUID (the id format Baton uses for syncs): 4 bytes of big-endian seconds since the
 * KSUID epoch and 16 random bytes, written as 27 base62 characters. KSUIDs sort by time.
 */
export function newKsuid(date: Date = new Date()): string {
  const seconds = Math.floor(date.getTime() / 1000) - KSUID_EPOCH_SECONDS;
  if (seconds < 0 || seconds > 0xffffffff) throw new RangeError('newKsuid: date outside the KSUID range');
  const bytes = Buffer.alloc(20);
  bytes.writeUInt32BE(seconds, 0);
  randomBytes(16).copy(bytes, 4);
  return encodeKsuid(bytes);
}

/** Base62-encodes 20 KSUID bytes, left-padded with `0` to 27 characters. */
export function encodeKsuid(bytes: Uint8Array): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(KSUID_LENGTH, '0');
}

/** The time a KSUID was created (second precision). */
export function ksuidTime(id: string): Date {
  let value = 0n;
  for (const char of id) {
    const digit = BASE62.indexOf(char);
    if (digit < 0) throw new RangeError(`ksuidTime: "${id}" is not a KSUID`);
    value = value * 62n + BigInt(digit);
  }
  const seconds = Number(value >> 128n);
  return new Date((seconds + KSUID_EPOCH_SECONDS) * 1000);
}
