import type { fetch as undiciFetch } from 'undici';
import type { Logger } from '../log/logger.js';
import { registerSecret } from '../log/secrets.js';
import type { Timing } from './timing.js';
import type { CredentialDescription } from './types.js';

/** What an {@link AuthStrategy} gets from the client it serves. */
export interface AuthContext {
  service: string;
  credential?: CredentialDescription;
  userAgent: string;
  /** undici's fetch, bound to the client's dispatcher (proxy, MockAgent). */
  fetch: typeof undiciFetch;
  timeoutMs?: number;
  /** The most bytes a response body may hold (after decompression); see `readCappedText`. */
  maxResponseBytes: number;
  signal?: AbortSignal;
  logger: Logger;
  timing: Timing;
}

/** Authenticates requests. Every secret it holds or obtains is registered for redaction. */
export interface AuthStrategy {
  /** The headers that authenticate one request. */
  authorize(context: AuthContext): Promise<Record<string, string>> | Record<string, string>;
  /**
   * Called once when the API answers 401 to a request sent with `rejected`; returns true when
   * fresh credentials are worth one more try (a renewed OAuth token), false to fail.
   */
  refresh?(rejected: Record<string, string>, context: AuthContext): Promise<boolean> | boolean;
}

function staticHeaders(headers: Record<string, string>): AuthStrategy {
  const frozen = Object.freeze({ ...headers });
  return { authorize: () => frozen };
}

/** `Authorization: Bearer <token>`. */
export function bearerAuth(token: string): AuthStrategy {
  registerSecret(token);
  return staticHeaders({ authorization: `Bearer ${token}` });
}

/** `Authorization: Token token=<token>` (Rails-style APIs such as Teamtailor). */
export function tokenAuth(token: string): AuthStrategy {
  registerSecret(token);
  return staticHeaders({ authorization: `Token token=${token}` });
}

/** `Authorization: Basic base64(user:password)`. */
export function basicAuth(user: string, password: string): AuthStrategy {
  registerSecret(password);
  const encoded = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  registerSecret(encoded);
  return staticHeaders({ authorization: `Basic ${encoded}` });
}

/** Fixed headers such as `x-api-key`; every value is treated as a secret. */
export function headerAuth(headers: Record<string, string>): AuthStrategy {
  for (const value of Object.values(headers)) registerSecret(value);
  return staticHeaders(headers);
}
