import { expect } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { fakeClock } from '../testing/fake-clock.js';
import { bearerAuth } from './auth.js';
import { createHttpClient } from './client.js';
import type { HttpClientOptions } from './types.js';

/** The origin of the `example` API the http tests talk to through MockAgent. */
export const ORIGIN = 'https://api.example.com';
/** The bearer token of {@link exampleClient}: a test fails if it shows up where it must not. */
export const TOKEN = 'tok-secret-1234567890';

/**
 * An HTTP client for the `example` service at `${ORIGIN}/api` with bearer auth, a named
 * credential and a fake clock (so retry waits pass at once and are recorded), with `overrides`.
 */
export function exampleClient(overrides: Partial<HttpClientOptions> = {}) {
  const clock = fakeClock();
  const http = createHttpClient({
    service: 'example',
    baseUrl: `${ORIGIN}/api`,
    auth: bearerAuth(TOKEN),
    credential: { name: 'API token', key: 'example-api-token', setting: '--example-api-token / BATON_EXAMPLE_API_TOKEN' },
    userAgent: 'baton-example/0.1.0',
    timing: clock,
    ...overrides,
  });
  return { http, clock };
}

/** The ConnectorError `promise` rejects with; fails the test when it resolves or rejects with something else. */
export async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}
