import { ConnectorError } from '../errors/connector-error.js';

/** Reads a numeric page token (an offset, a page number, a start index); `''` gives `first`. */
export function readNumberToken(pageToken: string, first: number, minimum: number): number {
  if (pageToken === '') return first;
  if (!/^\d{1,15}$/.test(pageToken) || Number(pageToken) < minimum) {
    throw new ConnectorError(`page token corrupt: expected a number of at least ${minimum}, got "${pageToken.slice(0, 40)}"`, {
      code: 'invalid-argument',
    });
  }
  return Number(pageToken);
}

/**
 * The token for the next page; `undefined` ends paging. Throws when the next token equals the
 * one given, which would make the caller fetch the same page forever.
 */
export function nextToken(given: string, next: string | undefined): string | undefined {
  if (next === undefined || next === '') return undefined;
  if (next === given) {
    throw new ConnectorError(`the API returned the same page token again ("${next.slice(0, 80)}"); stopping to avoid an endless loop`, {
      code: 'internal',
    });
  }
  return next;
}

/** Checks a page size option. */
export function checkPageSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConnectorError(`${name} must be a positive integer, got ${value}`, { code: 'invalid-argument' });
  }
}
