/**
 * @c1/connector-sdk: build Baton-compatible identity-governance connectors in TypeScript.
 *
 * The root holds what a connector author uses: the model, `defineConnector`/`defineConfig` and
 * field checks, the runtime and its HTTP client types, auth helpers, errors, pagination helpers,
 * kits, logging and `runConnectorMain`. The c1z reader/store and codecs live in
 * `@c1/connector-sdk/c1z`, engine and config internals in `@c1/connector-sdk/internals`, the test
 * kit in `@c1/connector-sdk/testing`.
 * @packageDocumentation
 */
export * from './model/index.js';
export * from './connector/index.js';
export * from './config/fields.js';
export * from './config/checks.js';
export * from './errors/index.js';
export * from './kits/index.js';
export * from './pagination/index.js';
export type { AuthContext, AuthStrategy } from './http/auth.js';
export { basicAuth, bearerAuth, headerAuth, tokenAuth } from './http/auth.js';
export { oauth2ClientCredentials, type OAuth2ClientCredentialsOptions } from './http/oauth2.js';
export type { HttpHint } from './http/hints.js';
export type { Timing } from './http/timing.js';
export type {
  ClientRateLimit,
  CredentialDescription,
  GetOptions,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpResponse,
  RetryOptions,
  SearchParams,
  SendOptions,
} from './http/types.js';
export { createLogger, type LoggerOptions } from './log/create-logger.js';
export { LOG_LEVELS, silentLogger, type LogFields, type Logger, type LogLevel } from './log/logger.js';
export { registerSecret } from './log/secrets.js';
export { EXIT_CODES, type ExitCode } from './cli/exit-codes.js';
export { runConnectorMain } from './cli/main.js';
