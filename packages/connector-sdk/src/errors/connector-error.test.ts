import { describe, expect, it } from 'vitest';
import { ConnectorError, isConnectorError } from './connector-error.js';

describe('ConnectorError', () => {
  it('keeps every fact when rephrased, so callers still see it was retried', () => {
    const original = new ConnectorError('ilert GET /users failed with status 503', {
      code: 'unavailable',
      status: 503,
      endpoint: 'GET /users',
      apiMessage: 'down',
      rateLimit: { remaining: 0 },
      attempts: 5,
    });
    const rephrased = original.withMessage(`cannot list users: ${original.message}`);
    expect(rephrased).toMatchObject({
      message: 'cannot list users: ilert GET /users failed with status 503',
      code: 'unavailable',
      status: 503,
      endpoint: 'GET /users',
      apiMessage: 'down',
      rateLimit: { remaining: 0 },
      attempts: 5,
      cause: original,
    });
    expect(isConnectorError(rephrased, 'unavailable')).toBe(true);
  });

  it('recognises a ConnectorError made by another copy of the SDK, and not a look-alike', () => {
    const marker = Symbol.for('@c1/connector-sdk/ConnectorError');
    class OtherCopyError extends Error {
      readonly [marker] = true;
      readonly code = 'not-found' as const;
    }
    expect(isConnectorError(new OtherCopyError('gone'), 'not-found')).toBe(true);
    expect(isConnectorError(new OtherCopyError('gone'), 'internal')).toBe(false);
    expect(isConnectorError(Object.assign(new Error('x'), { name: 'ConnectorError', code: 'internal' }))).toBe(false);
  });
});
