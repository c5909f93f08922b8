import { getCACertificates } from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import { registerSecret } from '../log/secrets.js';
import { createClientAssertion } from './assertion.js';
import type { C1Credentials } from './credentials.js';

/** Why C1 refused to issue an access token; never carries the secret or a token. */
export class C1AuthError extends Error {
  override readonly name = 'C1AuthError';
  /** The HTTP status of the token endpoint, when it answered. */
  readonly status?: number;

  constructor(message: string, status?: number) {
    super(message);
    if (status !== undefined) this.status = status;
  }
}

/** An access token and when it stops being usable. */
export interface AccessToken {
  /** `Bearer <token>`, the `authorization` metadata of every RPC. */
  authorization: string;
  expiresAt: number;
}

/** What {@link C1TokenSource} needs. */
export interface TokenSourceOptions {
  credentials: C1Credentials;
  /** `host:port` of C1 (see `c1Address`). */
  address: string;
  /** The connection pool for the token endpoint; default: one verifying TLS with the given CA. */
  dispatcher?: Dispatcher;
  /** Extra PEM certificates to trust (a test CA); the system roots and NODE_EXTRA_CA_CERTS always count. */
  ca?: string;
  now?: () => number;
}

/** Tokens are renewed this long before they expire. */
const EXPIRY_MARGIN_MS = 10_000;
const TOKEN_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Exchanges the client's signed assertion for an access token at `https://<address>/auth/v1/token`
 * (OAuth client credentials with a JWT bearer assertion, as baton-sdk's credential provider does)
 * and reuses it until shortly before it expires.
 */
export class C1TokenSource {
  readonly #options: TokenSourceOptions;
  readonly #dispatcher: Dispatcher;
  #current?: AccessToken;
  #pending?: Promise<AccessToken>;

  constructor(options: TokenSourceOptions) {
    this.#options = options;
    this.#dispatcher =
      options.dispatcher ?? new Agent({ connect: { minVersion: 'TLSv1.2', ...(options.ca && { ca: withSystemRoots(options.ca) }) } });
  }

  /** A valid token, fetched when there is none or it is about to expire. */
  async token(): Promise<AccessToken> {
    const now = this.#now();
    if (this.#current && this.#current.expiresAt - EXPIRY_MARGIN_MS > now) return this.#current;
    this.#pending ??= this.#fetch().finally(() => (this.#pending = undefined));
    this.#current = await this.#pending;
    return this.#current;
  }

  /** Forgets the cached token (after C1 refused it). */
  reset(): void {
    this.#current = undefined;
  }

  async close(): Promise<void> {
    if (!this.#options.dispatcher) await this.#dispatcher.close();
  }

  async #fetch(): Promise<AccessToken> {
    const { credentials, address } = this.#options;
    const body = new URLSearchParams({
      client_id: credentials.clientId,
      grant_type: 'client_credentials',
      client_assertion_type: TOKEN_TYPE,
      client_assertion: createClientAssertion(credentials, new Date(this.#now())),
    }).toString();
    const response = await request(`https://${address}/auth/v1/token`, {
      method: 'POST',
      dispatcher: this.#dispatcher,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'c1-connector-sdk credential provider' },
      body,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      throw new C1AuthError(`C1 refused the client credentials (${response.statusCode})`, response.statusCode);
    }
    return parseTokenResponse(text, this.#now());
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }
}

/** Reads `{access_token, token_type, expires_in}`; an empty token is a refusal. */
export function parseTokenResponse(text: string, now: number): AccessToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new C1AuthError('C1 answered the token request with something other than JSON');
  }
  const fields = (parsed ?? {}) as Record<string, unknown>;
  const token = fields['access_token'];
  if (typeof token !== 'string' || token === '') throw new C1AuthError('C1 issued no access token');
  registerSecret(token);
  const type = typeof fields['token_type'] === 'string' && fields['token_type'] !== '' ? fields['token_type'] : 'Bearer';
  const expiresIn = typeof fields['expires_in'] === 'number' && fields['expires_in'] > 0 ? fields['expires_in'] : 3600;
  return { authorization: `${type.toLowerCase() === 'bearer' ? 'Bearer' : type} ${token}`, expiresAt: now + expiresIn * 1000 };
}

/** The given CA next to what Node trusts by default, so an explicit CA adds trust and never replaces it. */
export function withSystemRoots(ca: string): string[] {
  return [...getCACertificates('default'), ca];
}
