import type { RateLimitInfo } from '../errors/connector-error.js';

const LIMIT_HEADERS = ['x-ratelimit-limit', 'ratelimit-limit', 'x-ratelimit-requests-limit', 'x-rate-limit-limit'];
const REMAINING_HEADERS = [
  'x-ratelimit-remaining',
  'ratelimit-remaining',
  'x-ratelimit-requests-remaining',
  'x-rate-limit-remaining',
];
const RESET_HEADERS = [
  'x-ratelimit-reset',
  'ratelimit-reset',
  'x-ratelimit-requests-reset',
  'x-rate-limit-reset',
  'retry-after',
];

/** Seconds in thirty years: larger numbers are absolute times, not offsets. */
const THIRTY_YEARS_S = 60 * 60 * 24 * 365 * 30;
/** What a 429 without any reset header implies. */
const DEFAULT_OVERLIMIT_RESET_MS = 60_000;

/**
 * Reads the rate-limit state a response reports, as Baton does: limit, remaining and reset
 * from the usual header families; a reset given as a seconds offset, epoch seconds, epoch
 * milliseconds, an HTTP date or RFC 3339; weighted values (`"500, 500;w=1"`) cut to the
 * leading integer. A 429 means nothing remains; without a reset header the reset is 60 s away.
 * Returns undefined when the response says nothing about rate limits.
 */
export function parseRateLimit(status: number, headers: Headers, now: number = Date.now()): RateLimitInfo | undefined {
  const limit = firstInteger(headers, LIMIT_HEADERS);
  let remaining = firstInteger(headers, REMAINING_HEADERS);
  let resetAt: Date | undefined;
  for (const name of RESET_HEADERS) {
    const value = headers.get(name);
    if (value === null) continue;
    resetAt = parseResetTime(value, now);
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
 * Parses a reset time or `Retry-After` value. Numbers are a seconds offset, or epoch
 * seconds / milliseconds when they are too large to be an offset; other values are dates.
 */
export function parseResetTime(value: string, now: number = Date.now()): Date | undefined {
  const text = value.trim();
  const number = leadingInteger(text);
  if (number !== undefined && /^\d+(?:\s*[,;]|$)/.test(text)) {
    let seconds = number;
    if (seconds > THIRTY_YEARS_S * 1000) seconds = Math.floor(seconds / 1000);
    return seconds > THIRTY_YEARS_S ? new Date(seconds * 1000) : new Date(now + seconds * 1000);
  }
  const parsed = Date.parse(normalizeRfc850(text));
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
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

/** RFC 850 dates have two-digit years (`Sunday, 06-Nov-94 08:49:37 GMT`); make them parseable. */
function normalizeRfc850(text: string): string {
  const match = /^[A-Za-z]+, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$/.exec(text);
  if (!match) return text;
  const [, day, month, shortYear, time] = match;
  const year = Number(shortYear) + (Number(shortYear) < 70 ? 2000 : 1900);
  return `${day} ${month} ${year} ${time} GMT`;
}
