import { ModelError } from './errors.js';

/** Baton's size limits on model fields, in UTF-8 bytes unless noted. */
export const LIMITS = {
  id: 1024,
  resourceDisplayName: 1024,
  resourceDescription: 2048,
  resourceTypeDescription: 4096,
  entitlementDescription: 2048,
  statusDetails: 1024,
  pageToken: 1024 * 1024,
} as const;

/** Throws a {@link ModelError} unless `value` is 1..`max` UTF-8 bytes. */
export function checkRequired(field: string, value: string, max: number): string {
  if (value.length === 0) throw new ModelError(field, 'must not be empty');
  return checkOptional(field, value, max);
}

/** Throws a {@link ModelError} when `value` is empty. */
export function checkNonEmpty(field: string, value: string): string {
  if (value.length === 0) throw new ModelError(field, 'must not be empty');
  return value;
}

/** Throws a {@link ModelError} when `value` is longer than `max` UTF-8 bytes. */
export function checkOptional(field: string, value: string, max: number): string {
  // A UTF-16 code unit takes at most 3 UTF-8 bytes, so short strings need no counting.
  if (value.length * 3 <= max) return value;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > max) throw new ModelError(field, `is ${bytes} bytes, the limit is ${max}`);
  return value;
}

/** The length of `value` in UTF-8 bytes. */
export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** `value` cut to at most `max` UTF-8 bytes at a character boundary (never half a character). */
export function truncateUtf8(value: string, max: number): string {
  if (utf8Length(value) <= max) return value;
  let bytes = 0;
  let end = 0;
  for (const char of value) {
    const size = utf8Length(char);
    if (bytes + size > max) break;
    bytes += size;
    end += char.length;
  }
  return value.slice(0, end);
}
