import * as v from 'valibot';
import { ConnectorError } from '../errors/connector-error.js';
import type { ErrorCode } from '../errors/codes.js';
import { registerSecret } from '../log/secrets.js';
import type { AuthContext, AuthStrategy } from './auth.js';
import { cleanApiMessage, httpStatusError } from './errors.js';
import { parseBaseUrl } from './origin.js';
import { parseRateLimit } from './rate-limit-headers.js';
import { parseResponse } from './schema.js';

/** What {@link oauth2ClientCredentials} takes. */
export interface OAuth2ClientCredentialsOptions {
  /** The token endpoint; https unless the host is loopback. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Sent space-separated as `scope`; left out when empty. */
  scopes?: string[];
  /** How the token request body is encoded. Default `form`. */
  bodyFormat?: 'form' | 'json';
  /** Extra headers for the token request. */
  headers?: Record<string, string>;
  /** Renew this long before the token expires. Default 60 000 ms. */
  renewBeforeExpiryMs?: number;
}

const TokenResponse = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  token_type: v.optional(v.string()),
  expires_in: v.optional(v.union([v.number(), v.pipe(v.string(), v.digits(), v.transform(Number))])),
});

const TokenErrorBody = v.object({ error: v.optional(v.string()), error_description: v.optional(v.string()) });

/** OAuth error codes that mean the client is known but not allowed. */
const PERMISSION_ERRORS = new Set(['invalid_scope', 'unauthorized_client', 'access_denied']);
const DEFAULT_RENEW_BEFORE_MS = 60_000;

interface CachedToken {
  header: string;
  /** Epoch ms after which the token is renewed; Infinity when the server gave no lifetime. */
  renewAt: number;
}

/**
 * OAuth 2.0 client credentials: fetches a token from `tokenUrl` (`grant_type=client_credentials`,
 * `scope`, `client_id`, `client_secret`), caches it, renews it shortly before it expires and
 * once more when the API answers 401. Token endpoint refusals become ConnectorErrors naming
 * the credential's setting (and carrying its config key).
 */
export function oauth2ClientCredentials(options: OAuth2ClientCredentialsOptions): AuthStrategy {
  registerSecret(options.clientSecret);
  const tokenUrl = new URL(options.tokenUrl);
  parseBaseUrl('OAuth', options.tokenUrl, 'token URL');
  const renewBeforeMs = options.renewBeforeExpiryMs ?? DEFAULT_RENEW_BEFORE_MS;
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  const fetchToken = (context: AuthContext): Promise<CachedToken> => requestToken(options, tokenUrl, renewBeforeMs, context);

  const current = (context: AuthContext): Promise<CachedToken> => {
    if (cached && context.timing.now() < cached.renewAt) return Promise.resolve(cached);
    pending ??= fetchToken(context).then(
      (token) => {
        cached = token;
        pending = undefined;
        return token;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };

  return {
    async authorize(context) {
      const token = await current(context);
      return { authorization: token.header };
    },
    refresh(rejected) {
      if (cached && rejected.authorization === cached.header) cached = undefined;
      return true;
    },
  };
}

/** Asks the token endpoint for a token and returns it with the time to renew it. */
async function requestToken(
  options: OAuth2ClientCredentialsOptions,
  tokenUrl: URL,
  renewBeforeMs: number,
  context: AuthContext,
): Promise<CachedToken> {
  const fields: Record<string, string> = {
    grant_type: 'client_credentials',
    client_id: options.clientId,
    client_secret: options.clientSecret,
  };
  if (options.scopes && options.scopes.length > 0) fields.scope = options.scopes.join(' ');
  const json = options.bodyFormat === 'json';
  const endpoint = `POST ${tokenUrl.pathname}`;
  const started = context.timing.now();
  const response = await sendTokenRequest(context, tokenUrl, {
    headers: {
      accept: 'application/json',
      'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
      'user-agent': context.userAgent,
      ...options.headers,
    },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  context.logger.debug('oauth token request', {
    method: 'POST',
    path: tokenUrl.pathname,
    status: response.status,
    durationMs: context.timing.now() - started,
  });
  if (!response.ok) throw tokenEndpointError(context, endpoint, response.status, response.body, response.headers);
  const token = parseResponse(context.service, endpoint, TokenResponse, response.body);
  registerSecret(token.access_token);
  const lifetimeMs = token.expires_in === undefined ? Infinity : token.expires_in * 1000;
  const renewIn = Math.max(lifetimeMs - renewBeforeMs, lifetimeMs / 2);
  return { header: `Bearer ${token.access_token}`, renewAt: context.timing.now() + renewIn };
}

interface TokenResponseData {
  ok: boolean;
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends the token request through the client (limiter, timeout, origin guard, body cap) and parses its body. */
async function sendTokenRequest(
  context: AuthContext,
  url: URL,
  init: { headers: Record<string, string>; body: string },
): Promise<TokenResponseData> {
  const response = await context.send({ method: 'POST', url, ...init });
  let body: unknown = response.text;
  try {
    body = response.text === '' ? undefined : JSON.parse(response.text);
  } catch {
    // Not JSON: keep the text for the error message.
  }
  return { ok: response.ok, status: response.status, headers: response.headers, body };
}

function tokenEndpointError(context: AuthContext, endpoint: string, status: number, body: unknown, headers: Headers): ConnectorError {
  if (status !== 400 && status !== 401 && status !== 403) {
    const rateLimit = parseRateLimit(status, headers, context.timing.now());
    return httpStatusError({
      service: context.service,
      endpoint,
      status,
      ...(rateLimit ? { rateLimit } : {}),
      ...(typeof body === 'string' ? { apiMessage: body } : {}),
    });
  }
  const parsed = v.safeParse(TokenErrorBody, body);
  const error = parsed.success ? parsed.output.error : undefined;
  const description = parsed.success ? parsed.output.error_description : undefined;
  const apiMessage = cleanApiMessage([error, description].filter(Boolean).join(': ') || undefined);
  const code: ErrorCode = status === 403 || (error !== undefined && PERMISSION_ERRORS.has(error)) ? 'permission-denied' : 'unauthenticated';
  const credential = context.credential;
  const what = credential ? `the ${credential.name}` : 'the OAuth client credentials';
  const verb = code === 'permission-denied' ? 'refused a token to' : 'rejected';
  const hint = credential ? ` - check ${credential.setting}` : '';
  return new ConnectorError(`${context.service} ${verb} ${what} (${status}${apiMessage ? ` ${apiMessage}` : ''})${hint}`, {
    code,
    status,
    endpoint,
    ...(apiMessage ? { apiMessage } : {}),
    ...(credential ? { settingKey: credential.key } : {}),
  });
}
