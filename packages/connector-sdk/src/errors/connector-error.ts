import type { ErrorCode } from './codes.js';

/** What a rate-limited API told us about its limit (Baton's `RateLimitDescription`). */
export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** When the window resets; a wait until then is enough. */
  resetAt?: Date;
}

/** What {@link ConnectorError} takes besides its message. */
export interface ConnectorErrorOptions {
  code: ErrorCode;
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** `METHOD /path` of the request, without query string secrets. */
  endpoint?: string;
  /** The API's own error message, when it gave one. */
  apiMessage?: string;
  rateLimit?: RateLimitInfo;
  /** The config key (`ilert-api-token`) whose value the operator should check, when one is to blame. */
  settingKey?: string;
  /**
   * How many times the failed operation was tried before this error, when the thrower already
   * retried it (the HTTP client does). Callers must not retry such an error again.
   */
  attempts?: number;
  cause?: unknown;
}

/**
 * The one error type connectors and the SDK raise for expected failures. Its message is meant
 * for operators (no stack trace needed) and never contains a secret.
 */
/** Marks ConnectorErrors, so they are recognised when two copies of the SDK are loaded. */
const CONNECTOR_ERROR = Symbol.for('@c1/connector-sdk/ConnectorError');

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  /** The cross-copy marker {@link isConnectorError} reads. */
  readonly [CONNECTOR_ERROR] = true;
  readonly code: ErrorCode;
  readonly status?: number;
  readonly endpoint?: string;
  readonly apiMessage?: string;
  readonly rateLimit?: RateLimitInfo;
  readonly attempts?: number;
  readonly settingKey?: string;

  constructor(message: string, options: ConnectorErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    if (options.status !== undefined) this.status = options.status;
    if (options.endpoint !== undefined) this.endpoint = options.endpoint;
    if (options.apiMessage !== undefined) this.apiMessage = options.apiMessage;
    if (options.rateLimit !== undefined) this.rateLimit = options.rateLimit;
    if (options.attempts !== undefined) this.attempts = options.attempts;
    if (options.settingKey !== undefined) this.settingKey = options.settingKey;
  }

  /**
   * The same error with another message (say, with context put in front) and every other fact
   * kept: code, status, endpoint, API message, rate limit, attempts and setting key. The original becomes
   * the cause.
   */
  withMessage(message: string): ConnectorError {
    return new ConnectorError(message, {
      code: this.code,
      ...(this.status !== undefined && { status: this.status }),
      ...(this.endpoint !== undefined && { endpoint: this.endpoint }),
      ...(this.apiMessage !== undefined && { apiMessage: this.apiMessage }),
      ...(this.rateLimit !== undefined && { rateLimit: this.rateLimit }),
      ...(this.attempts !== undefined && { attempts: this.attempts }),
      ...(this.settingKey !== undefined && { settingKey: this.settingKey }),
      cause: this,
    });
  }
}

/**
 * Whether a value is a {@link ConnectorError}, optionally with one of the given codes. Errors
 * made by another copy of the SDK (a connector bundling its own) count too: they carry the same
 * `Symbol.for` marker.
 */
export function isConnectorError(error: unknown, ...codes: ErrorCode[]): error is ConnectorError {
  if (!(error instanceof Error) || (error as { [CONNECTOR_ERROR]?: unknown })[CONNECTOR_ERROR] !== true) return false;
  return codes.length === 0 || codes.includes((error as ConnectorError).code);
}
