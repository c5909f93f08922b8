import type { RateLimitInfo } from '../errors/connector-error.js';

const LIMIT_HEADERS = ['x-ratelimit-limit', 'ratelimit-limit', 'x-ratelimit-requests-limit', 'x-rate-limit-limit'];
const REMAINING_HEADERS = ['x-ratelimit-remaining', 'ratelimit-remaining', 'x-ratelimit-requests-remaining', 'x-rate-limit-remaining'];
const RESET_HEADERS = ['x-ratelimit-reset', 'ratelimit-reset', 'x-ratelimit-requests-reset', 'x-rate-limit-reset', 'retry-after'];

/** Seconds in thirty years: larger numbers are absolute times, not offsets. */
const THIRTY_YEARS_S = 60 * 60 * 24 * 365 * 30;
/** What a 429 without any reset header implies. */
const DEFAULT_OVERLIMIT_RESET_MS = 60_000;
/** The longest Retry-After honoured as given; RFC 9110 lets a recipient cap delta-seconds at 2^31. */
const MAX_DELTA_SECONDS = 2 ** 31;
/** The latest time a Date can hold (ECMAScript's time value limit). */
const MAX_TIME_MS = 8.64e15;

/** `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 1123; a numeric zone is allowed in reset headers). */
const RFC1123_DATE = /^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})$/;
/** The HTTP-date preferred form, IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC850_DATE = /^[A-Za-z]+, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$/;
/** `Sun Nov  6 08:49:37 1994`, always UTC. */
const ASCTIME_DATE = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;
/** `1994-11-06T08:49:37Z`, `1994-11-06T08:49:37.5+01:00`. */
const RFC3339_DATE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Reads the rate-limit state a response reports, as Baton does: limit, remaining and reset
 * from the usual header families; a reset given as a seconds offset, epoch seconds, epoch
 * milliseconds, an HTTP date or RFC 3339; weighted values (`"500, 500;w=1"`) cut to the
 * leading integer. `Retry-After` is read strictly ({@link parseRetryAfter}). A 429 means
 * nothing remains; without a usable reset header the reset is 60 s away. Returns undefined
 * when the response says nothing about rate limits.
 */
export function parseRateLimit(status: number, headers: Headers, now: number = Date.now()): RateLimitInfo | undefined {
  const limit = firstInteger(headers, LIMIT_HEADERS);
  let remaining = firstInteger(headers, REMAINING_HEADERS);
  let resetAt: Date | undefined;
  for (const name of RESET_HEADERS) {
    const value = headers.get(name);
    if (value === null) continue;
    resetAt = name === 'retry-after' ? parseRetryAfter(value, now) : parseResetTime(value, now);
    if (resetAt) break;
  }
  if (status === 429) {
    remaining = 0;
    resetAt ??= new Date(now + DEFAULT_OVERLIMIT_RESET_MS);
  }
  if (limit === undefined && remaining === undefined && resetAt === undefined) return undefined;
  const info: RateLimitInfo = {};
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (resetAt !== undefined) info.resetAt = resetAt;
  return info;
}

/**
 * Parses a `*-Reset` header value. A non-negative integer (optionally followed by weights) is
 * a seconds offset, or epoch seconds / milliseconds when too large to be an offset; otherwise
 * the value must be an RFC 1123, RFC 850 or RFC 3339 date. Returns undefined for anything
 * else, and for values that do not make a valid date.
 */
export function parseResetTime(value: string, now: number = Date.now()): Date | undefined {
  const text = value.trim();
  const number = /^(\d+)(?:\s*[,;]|$)/.exec(text);
  if (number) {
    let seconds = Number(number[1]);
    if (seconds > THIRTY_YEARS_S * 1000) seconds = Math.floor(seconds / 1000);
    return validDate(seconds > THIRTY_YEARS_S ? seconds * 1000 : now + seconds * 1000);
  }
  if (RFC1123_DATE.test(text)) return validDate(Date.parse(text));
  if (RFC3339_DATE.test(text)) return validDate(Date.parse(text.toUpperCase()));
  return parseRfc850(text);
}

/**
 * Parses a `Retry-After` value as RFC 9110 defines it: non-negative integer delta-seconds
 * (capped at 2^31) or an HTTP-date (IMF-fixdate, RFC 850 or asctime). Returns undefined for
 * anything else (`"1.5"`, `"-5"`, RFC 3339), so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string, now: number = Date.now()): Date | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return validDate(now + Math.min(Number(text), MAX_DELTA_SECONDS) * 1000);
  if (IMF_FIXDATE.test(text)) return validDate(Date.parse(text));
  if (ASCTIME_DATE.test(text)) return validDate(Date.parse(`${text} GMT`));
  return parseRfc850(text);
}

function firstInteger(headers: Headers, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = headers.get(name);
    if (value === null || value.trim() === '') continue;
    const parsed = leadingInteger(value.trim());
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

/** `"500, 500;w=1"` -> 500; `"abc"` -> undefined. */
function leadingInteger(text: string): number | undefined {
  const match = /^\d+/.exec(text);
  return match ? Number(match[0]) : undefined;
}

/** RFC 850 dates have two-digit years (`Sunday, 06-Nov-94 08:49:37 GMT`). */
function parseRfc850(text: string): Date | undefined {
  const match = RFC850_DATE.exec(text);
  if (!match) return undefined;
  const [, day, month, shortYear, time] = match;
  const year = Number(shortYear) + (Number(shortYear) < 70 ? 2000 : 1900);
  return validDate(Date.parse(`${day} ${month} ${year} ${time} GMT`));
}

/** A Date for `time`, or undefined when `time` is not one a Date can hold. */
function validDate(time: number): Date | undefined {
  return Number.isFinite(time) && Math.abs(time) <= MAX_TIME_MS ? new Date(time) : undefined;
}
