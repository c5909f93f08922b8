import { ConnectorError } from '../errors/connector-error.js';
import type { ErrorCode } from '../errors/codes.js';
import type { RateLimitInfo } from '../errors/connector-error.js';
import { redactSecrets } from '../log/secrets.js';
import { untrustedCertificateCode, untrustedCertificateReason } from './tls.js';
import type { CredentialDescription } from './types.js';

/** The error code for a failed HTTP status, as Baton maps it. */
export function errorCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'invalid-argument';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission-denied';
    case 404:
      return 'not-found';
    case 408:
      return 'deadline-exceeded';
    case 409:
      return 'already-exists';
    case 429:
      return 'unavailable';
    case 501:
      return 'unimplemented';
    default:
      if (status >= 500 && status <= 599) return 'unavailable';
      if (status >= 400 && status <= 499) return 'invalid-argument';
      return 'internal';
  }
}

const MAX_API_MESSAGE_LENGTH = 300;

/** Reads the usual error fields: `message`, `detail`, `error_description`, `error`. */
export function defaultErrorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'detail', 'error_description', 'error']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (key === 'error' && typeof value === 'object' && value !== null) {
      const nested = defaultErrorMessage(value);
      if (nested) return nested;
    }
  }
  return undefined;
}

/** Shortens and scrubs a message taken from an API response. */
export function cleanApiMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const oneLine = redactSecrets(message.replace(/\s+/g, ' ').trim());
  return oneLine.length > MAX_API_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_API_MESSAGE_LENGTH)}...` : oneLine;
}

/** What went wrong with one response, for {@link httpStatusError}. */
export interface FailedResponse {
  service: string;
  endpoint: string;
  status: number;
  apiMessage?: string;
  credential?: CredentialDescription;
  rateLimit?: RateLimitInfo;
}

/** The ConnectorError for a failed response; 401/403 name the credential and where it is set. */
export function httpStatusError(failure: FailedResponse): ConnectorError {
  const { service, endpoint, status, credential } = failure;
  const apiMessage = cleanApiMessage(failure.apiMessage);
  const code = errorCodeForStatus(status);
  const detail = apiMessage ? `: ${apiMessage}` : '';
  let message: string;
  if (status === 401 && credential) {
    message = `${service} rejected the ${credential.name} (401) - check ${credential.setting}`;
  } else if (status === 403 && credential) {
    message = `${service} denied ${endpoint} to the ${credential.name} (403${detail}) - check that ${credential.setting} has the permissions it needs`;
  } else if (status === 429) {
    message = `${service} rate limit exceeded on ${endpoint} (429)${detail}`;
  } else {
    message = `${service} ${endpoint} failed with status ${status}${detail}`;
  }
  return new ConnectorError(message, {
    code,
    status,
    endpoint,
    ...(apiMessage === undefined ? {} : { apiMessage }),
    ...(failure.rateLimit === undefined ? {} : { rateLimit: failure.rateLimit }),
    ...((status === 401 || status === 403) && credential ? { settingKey: credential.key } : {}),
  });
}

/**
 * The ConnectorError `resource-exhausted` for a response whose demanded wait (`Retry-After`,
 * a rate-limit reset) is longer than the client accepts: not worth retrying within this run.
 */
export function waitTooLongError(failure: FailedResponse, waitMs: number, maxWaitMs: number): ConnectorError {
  const { service, endpoint, status } = failure;
  const apiMessage = cleanApiMessage(failure.apiMessage);
  return new ConnectorError(
    `${service} asks to wait ${formatSeconds(waitMs)} s before the next request, longer than the ${formatSeconds(maxWaitMs)} s this client waits (${endpoint} returned ${status})`,
    {
      code: 'resource-exhausted',
      status,
      endpoint,
      ...(apiMessage === undefined ? {} : { apiMessage }),
      ...(failure.rateLimit === undefined ? {} : { rateLimit: failure.rateLimit }),
    },
  );
}

/** The same error, recording that the client tried the operation `attempts` times. */
export function withAttempts(error: ConnectorError, attempts: number): ConnectorError {
  const copy = new ConnectorError(error.message, {
    code: error.code,
    attempts,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.endpoint === undefined ? {} : { endpoint: error.endpoint }),
    ...(error.apiMessage === undefined ? {} : { apiMessage: error.apiMessage }),
    ...(error.rateLimit === undefined ? {} : { rateLimit: error.rateLimit }),
    ...(error.settingKey === undefined ? {} : { settingKey: error.settingKey }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
  if (error.stack !== undefined) copy.stack = error.stack;
  return copy;
}

/** Milliseconds as seconds: whole from 10 s up (`86400`), else to a tenth (`1.5`). */
function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return Number.isInteger(seconds) || seconds >= 10 ? String(Math.ceil(seconds)) : seconds.toFixed(1);
}

/** The ConnectorError for a request that got no response. */
export function networkError(service: string, endpoint: string, cause: unknown): ConnectorError {
  const certificateCode = untrustedCertificateCode(cause);
  if (certificateCode !== undefined) {
    return new ConnectorError(`${service} ${endpoint} failed: ${untrustedCertificateReason(certificateCode)}`, {
      code: 'failed-precondition',
      endpoint,
      cause,
    });
  }
  const reason = cause instanceof Error ? describeNetworkCause(cause) : String(cause);
  return new ConnectorError(`${service} ${endpoint} failed: ${redactSecrets(reason)}`, {
    // A request no MockAgent interceptor matched will not match on a retry either.
    code: isMockNotMatchedError(cause) ? 'failed-precondition' : 'unavailable',
    endpoint,
    cause,
  });
}

/** undici's code for a request no MockAgent interceptor matched (including "net connect disabled"). */
export const MOCK_NOT_MATCHED_CODE = 'UND_MOCK_ERR_MOCK_NOT_MATCHED';

/**
 * Whether `error`, or any error in its `cause` chain, is undici's "mock not matched" error:
 * the sign that a request reached a MockAgent without an interceptor for it.
 */
export function isMockNotMatchedError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    if ((current as Error & { code?: unknown }).code === MOCK_NOT_MATCHED_CODE) return true;
    current = current.cause;
  }
  return false;
}

/** The ConnectorError for a request that ran out of time. */
export function timeoutError(service: string, endpoint: string, timeoutMs: number): ConnectorError {
  return new ConnectorError(`${service} ${endpoint} timed out after ${timeoutMs} ms`, { code: 'deadline-exceeded', endpoint });
}

function describeNetworkCause(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${cause.message} (${code})` : cause.message;
  }
  return error.message;
}
