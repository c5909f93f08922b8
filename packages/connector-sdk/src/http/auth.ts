import type { Logger } from '../log/logger.js';
import { registerSecret } from '../log/secrets.js';
import type { Timing } from './timing.js';
import type { CredentialDescription } from './types.js';

/** A credential request (an OAuth token request) an auth strategy sends through its client. */
export interface AuthRequest {
  method: 'POST';
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/** The answer to an {@link AuthRequest}, its body read (within the client's cap). */
export interface AuthResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  text: string;
}

/** What an {@link AuthStrategy} gets from the client it serves. */
export interface AuthContext {
  service: string;
  credential?: CredentialDescription;
  userAgent: string;
  /**
   * Sends a credential request through the client's own steps: its dispatcher (proxy,
   * MockAgent), rate limiter, timeout (body included), body cap and error classes; redirects
   * are followed only within the request URL's origin. Not retried here: the API request it
   * serves is, as a request that was never sent.
   */
  send(request: AuthRequest): Promise<AuthResponse>;
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
