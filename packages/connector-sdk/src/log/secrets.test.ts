import { afterEach, describe, expect, it } from 'vitest';
import { clearSecretsForTesting, redactSecrets, registerSecret } from './secrets.js';

afterEach(() => clearSecretsForTesting());

describe('registerSecret', () => {
  const password = 'p@ss w0rd/&"x"+1';

  it('redacts the plain value', () => {
    registerSecret(password);
    expect(redactSecrets(`password is ${password}.`)).toBe('password is [REDACTED].');
  });

  it.each([
    ['URL-encoded', encodeURIComponent(password)],
    ['form-encoded', new URLSearchParams({ p: password }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(password).slice(1, -1)],
    ['base64', Buffer.from(password).toString('base64')],
  ])('redacts the %s form a server may echo', (_form, encoded) => {
    expect(encoded).not.toBe(password);
    registerSecret(password);
    const echoed = redactSecrets(`invalid value "${encoded}" for field password`);
    expect(echoed).toBe('invalid value "[REDACTED]" for field password');
  });

  it('redacts a longer encoded form before a shorter one it contains', () => {
    registerSecret('abc\\def');
    expect(redactSecrets('raw abc\\def json abc\\\\def')).toBe('raw [REDACTED] json [REDACTED]');
  });

  it('ignores values shorter than four characters, encoded or not', () => {
    registerSecret('a b');
    expect(redactSecrets('a b a%20b a+b')).toBe('a b a%20b a+b');
  });
});

describe('registerSecret with unusual values', () => {
  it('accepts a value holding a lone surrogate', () => {
    expect(() => registerSecret('abc\uD800def')).not.toThrow();
    expect(redactSecrets('x abc\uD800def y')).toBe('x [REDACTED] y');
  });
});
