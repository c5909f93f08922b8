import { describe, expect, it } from 'vitest';
import { isSensitiveKey, redactValue } from './redact.js';

describe('isSensitiveKey', () => {
  it.each([
    'authorization',
    'Proxy-Authorization',
    'cookie',
    'Set-Cookie',
    'x-api-key',
    'token',
    'secret',
    'password',
    'client_secret',
    'api_key',
    'accessToken',
    'ilert-api-token',
  ])('treats %s as a credential', (name) => expect(isSensitiveKey(name)).toBe(true));

  it.each(['accept', 'content-type', 'pageToken', 'next_page_token', 'tokenUrl', 'user', 'email'])('leaves %s readable', (name) =>
    expect(isSensitiveKey(name)).toBe(false),
  );
});

describe('redactValue', () => {
  it('handles cycles, dates, bytes and maps', () => {
    const node: Record<string, unknown> = { name: 'root', at: new Date('2025-01-01T00:00:00Z'), bytes: new Uint8Array(3) };
    node.self = node;
    node.map = new Map([['api_key', 'k']]);
    expect(redactValue(node)).toEqual({
      name: 'root',
      at: '2025-01-01T00:00:00.000Z',
      bytes: '[3 bytes]',
      self: '[Circular]',
      map: { api_key: '[REDACTED]' },
    });
  });

  it('keeps an error cause, redacted', () => {
    const error = new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ECONNRESET' }) });
    expect(redactValue(error)).toEqual({ name: 'Error', message: 'outer', cause: { name: 'Error', message: 'inner', code: 'ECONNRESET' } });
  });
});
