import { describe, expect, it } from 'vitest';
import { parseRateLimit, parseResetTime, parseRetryAfter } from './rate-limit-headers.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function rateLimit(status: number, headers: Record<string, string>) {
  return parseRateLimit(status, new Headers(headers), NOW);
}

describe('parseRateLimit', () => {
  it.each([
    ['X-RateLimit', { 'X-Ratelimit-Limit': '100', 'X-Ratelimit-Remaining': '7', 'X-Ratelimit-Reset': '30' }],
    ['RateLimit', { 'Ratelimit-Limit': '100', 'Ratelimit-Remaining': '7', 'Ratelimit-Reset': '30' }],
    ['Linear', { 'X-RateLimit-Requests-Limit': '100', 'X-RateLimit-Requests-Remaining': '7', 'X-RateLimit-Requests-Reset': '30' }],
    ['Okta/Teamtailor', { 'X-Rate-Limit-Limit': '100', 'X-Rate-Limit-Remaining': '7', 'X-Rate-Limit-Reset': '30' }],
  ])('reads the %s header family', (_name, headers) => {
    expect(rateLimit(200, headers)).toEqual({ limit: 100, remaining: 7, resetAt: new Date(NOW + 30_000) });
  });

  it('cuts weighted values to the leading integer', () => {
    expect(rateLimit(200, { 'RateLimit-Limit': '500, 500;w=1', 'RateLimit-Remaining': '499, 499;w=1' })).toEqual({
      limit: 500,
      remaining: 499,
    });
  });

  it.each([
    ['a seconds offset', '45', NOW + 45_000],
    ['epoch seconds', String(Math.floor(NOW / 1000) + 90), NOW + 90_000],
    ['epoch milliseconds', String(NOW + 120_000), NOW + 120_000],
    ['an RFC 1123 date', 'Thu, 01 Jan 2026 12:05:00 GMT', NOW + 300_000],
    ['an RFC 850 date', 'Thursday, 01-Jan-26 12:05:00 GMT', NOW + 300_000],
    ['an RFC 3339 date', '2026-01-01T12:10:00Z', NOW + 600_000],
  ])('reads a reset given as %s', (_name, value, expected) => {
    expect(parseResetTime(value, NOW)?.getTime()).toBe(expected);
    expect(rateLimit(200, { 'x-ratelimit-reset': value })?.resetAt?.getTime()).toBe(expected);
  });

  it('falls back to Retry-After for the reset', () => {
    expect(rateLimit(503, { 'Retry-After': '12' })).toEqual({ resetAt: new Date(NOW + 12_000) });
  });

  it('treats a 429 without headers as nothing remaining for 60 s', () => {
    expect(rateLimit(429, {})).toEqual({ remaining: 0, resetAt: new Date(NOW + 60_000) });
  });

  it('forces remaining to 0 on a 429 even when a header says otherwise', () => {
    expect(rateLimit(429, { 'x-ratelimit-remaining': '5', 'retry-after': '2' })).toEqual({ remaining: 0, resetAt: new Date(NOW + 2000) });
  });

  it('returns undefined when the response says nothing about limits', () => {
    expect(rateLimit(200, { 'content-type': 'application/json' })).toBeUndefined();
    expect(rateLimit(200, { 'x-ratelimit-reset': 'soon' })).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['delta-seconds', '45', NOW + 45_000],
    ['zero', '0', NOW],
    ['an IMF-fixdate', 'Thu, 01 Jan 2026 12:05:00 GMT', NOW + 300_000],
    ['an RFC 850 date', 'Thursday, 01-Jan-26 12:05:00 GMT', NOW + 300_000],
    ['an asctime date', 'Thu Jan  1 12:05:00 2026', NOW + 300_000],
  ])('reads %s', (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW)?.getTime()).toBe(expected);
  });

  it('caps an enormous delta-seconds at 2^31 s instead of producing an invalid date', () => {
    const resetAt = parseRetryAfter('99999999999999999999', NOW);
    expect(resetAt?.getTime()).toBe(NOW + 2 ** 31 * 1000);
  });

  it.each(['1.5', '-5', '+5', '5 s', 'soon', '2026-01-01T12:10:00Z', ''])('ignores %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it('is what parseRateLimit reads Retry-After with', () => {
    expect(rateLimit(503, { 'Retry-After': '1.5' })).toBeUndefined();
    expect(rateLimit(429, { 'Retry-After': '-5' })).toEqual({ remaining: 0, resetAt: new Date(NOW + 60_000) });
  });
});

describe('malformed reset headers', () => {
  it.each(['1.5', '-5', 'soon', '99999999999999999999', '999999999999999999999999', 'Friday', '12/31/2026'])(
    'ignores %j rather than inventing a date',
    (value) => {
      expect(parseResetTime(value, NOW)).toBeUndefined();
      expect(rateLimit(200, { 'x-ratelimit-reset': value })).toBeUndefined();
    },
  );

  it('never returns an invalid date', () => {
    for (const value of ['1e400', String(Number.MAX_SAFE_INTEGER), '9'.repeat(400), 'Fri, 01 Jan 275760 00:00:01 GMT']) {
      const parsed = parseResetTime(value, NOW);
      if (parsed) expect(Number.isNaN(parsed.getTime())).toBe(false);
    }
  });
});
