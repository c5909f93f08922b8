import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../core/rate-limiter.js';
import type { ServiceRequest, ServiceResponse } from '../core/service.js';

/** Every scope Ironclad's SCIM API names on its operations. */
export const IRONCLAD_SCIM_SCOPES = [
  'scim.users.readUsers',
  'scim.users.createUsers',
  'scim.users.updateUsers',
  'scim.users.deleteUsers',
  'scim.groups.readGroups',
  'scim.groups.createGroups',
  'scim.groups.updateGroups',
  'scim.groups.deleteGroups',
  'scim.schemas.readSchemas',
] as const;

/** A granted access token. */
export interface IssuedToken {
  readonly scopes: ReadonlySet<string>;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** What the token endpoint checks and issues. */
export interface TokenEndpointOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** `expires_in` of issued tokens, in seconds. */
  readonly lifetimeSeconds: number;
  readonly clock: Clock;
}

const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' } as const;

function oauthError(status: number, error: string, description: string): ServiceResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify({ error, error_description: description }) };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Reads the token request's parameters from a form or JSON body. */
function readParameters(request: ServiceRequest): Record<string, string> | undefined {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      return undefined;
    }
  }
  return Object.fromEntries(new URLSearchParams(request.body));
}

/** Client id and secret from `Authorization: Basic`, when sent. */
function basicCredentials(request: ServiceRequest): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/**
 * Ironclad's OAuth token endpoint for the client credentials grant: parameters as a form or
 * JSON body, client credentials in the body or as HTTP Basic. Unknown client 401
 * `invalid_client`, wrong secret 403 `unauthorized_client` (as Ironclad answers), unknown scope
 * 400 `invalid_scope`. Issued tokens carry the requested scopes (all SCIM scopes when none are asked).
 */
export class TokenEndpoint {
  readonly #options: TokenEndpointOptions;
  readonly #tokens = new Map<string, IssuedToken>();

  constructor(options: TokenEndpointOptions) {
    this.#options = options;
  }

  /** Answers `POST /oauth/token`. */
  handle(request: ServiceRequest): ServiceResponse {
    const parameters = readParameters(request);
    if (parameters === undefined) return oauthError(400, 'invalid_request', 'the request body must be a form or a JSON object');
    if (parameters.grant_type !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'only grant_type=client_credentials is supported here');
    }
    const basic = basicCredentials(request);
    const clientId = basic?.id ?? parameters.client_id;
    const clientSecret = basic?.secret ?? parameters.client_secret;
    if (!clientId || !clientSecret) return oauthError(400, 'invalid_request', 'client_id and client_secret are required');
    if (!sameText(clientId, this.#options.clientId)) return oauthError(401, 'invalid_client', 'invalid client');
    if (!sameText(clientSecret, this.#options.clientSecret)) return oauthError(403, 'unauthorized_client', 'client authentication failed');
    const requested = (parameters.scope ?? '').split(' ').filter((scope) => scope !== '');
    const unknown = requested.filter((scope) => !(IRONCLAD_SCIM_SCOPES as readonly string[]).includes(scope));
    if (unknown.length > 0) return oauthError(400, 'invalid_scope', `unknown scope: ${unknown.join(' ')}`);
    const scopes = requested.length > 0 ? requested : [...IRONCLAD_SCIM_SCOPES];
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, { scopes: new Set(scopes), expiresAt: this.#options.clock() + this.#options.lifetimeSeconds * 1000 });
    return {
      status: 200,
      headers: JSON_HEADERS,
      body: JSON.stringify({
        token_type: 'Bearer',
        access_token: token,
        expires_in: this.#options.lifetimeSeconds,
        scope: scopes.join(' '),
      }),
    };
  }

  /** The live token presented as `Authorization: Bearer`, or undefined (missing, unknown, expired). */
  authenticate(request: ServiceRequest): IssuedToken | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) return undefined;
    const token = this.#tokens.get(match[1] as string);
    if (token === undefined) return undefined;
    if (token.expiresAt <= this.#options.clock()) {
      this.#tokens.delete(match[1] as string);
      return undefined;
    }
    return token;
  }
}
