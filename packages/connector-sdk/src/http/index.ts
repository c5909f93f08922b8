export type { AuthContext, AuthStrategy } from './auth.js';
export { basicAuth, bearerAuth, headerAuth, tokenAuth } from './auth.js';
export { createHttpClient } from './client.js';
export { selectDispatcher, type ProxyEnv } from './dispatcher.js';
export { defaultErrorMessage, errorCodeForStatus } from './errors.js';
export { applyHints, type HintFailure, type HttpHint } from './hints.js';
export { oauth2ClientCredentials, type OAuth2ClientCredentialsOptions } from './oauth2.js';
export { isLoopbackHost } from '../net/loopback.js';
export { parseRateLimit, parseResetTime, parseRetryAfter } from './rate-limit-headers.js';
export { formatIssuePath } from './schema.js';
export type { Timing } from './timing.js';
export type {
  ClientRateLimit,
  CredentialDescription,
  GetOptions,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpResponse,
  HttpWait,
  HttpWaitObserver,
  RetryOptions,
  SearchParams,
  SendOptions,
} from './types.js';
