import type { ConnectorError } from '../errors/connector-error.js';

/** The failure a {@link HttpHint} is matched against and may quote. */
export interface HintFailure {
  /** The HTTP status the API (or the token endpoint) answered. */
  status: number;
  /** `GET /teams`: method and path, as error messages show it. */
  endpoint: string;
  /** The request method (`GET`), parsed from `endpoint`. */
  method: string;
  /** The path (`/teams`), parsed from `endpoint`. */
  path: string;
  /** The API's own message, when it gave one. */
  apiMessage?: string;
  /** `token` when the credential request (an OAuth token) failed, `api` for an API response. */
  source: 'token' | 'api';
}

/**
 * What an operator should check when a request fails with `status`, declared once on the
 * client instead of wrapped around every call. The first hint that matches a failure applies.
 */
export interface HttpHint {
  /** The status the hint is for (401, 403, 400 ...); any status when left out. */
  status?: number;
  /** `token`: only failures of the credential request; `api`: only API responses. Default: both. */
  on?: 'token' | 'api';
  /** Only when the API's message contains this text (or matches this pattern). */
  apiMessage?: string | RegExp;
  /** Only for request paths that start with this text (or match this pattern): `/Users`. */
  path?: string | RegExp;
  /**
   * `append` (default): the message becomes `<message>; <hint>`. `replace`: the hint replaces
   * the SDK's advice after ` - ` (`... (403: detail) - <hint>`).
   */
  mode?: 'append' | 'replace';
  /** The hint, or a function of the failure returning it. */
  message: string | ((failure: HintFailure) => string);
}

/** Whether `hint` applies to `failure`. */
function matches(hint: HttpHint, failure: HintFailure): boolean {
  if (hint.status !== undefined && hint.status !== failure.status) return false;
  if (hint.on !== undefined && hint.on !== failure.source) return false;
  if (hint.path !== undefined && !(typeof hint.path === 'string' ? failure.path.startsWith(hint.path) : hint.path.test(failure.path)))
    return false;
  if (hint.apiMessage === undefined) return true;
  const text = failure.apiMessage ?? '';
  return typeof hint.apiMessage === 'string' ? text.includes(hint.apiMessage) : hint.apiMessage.test(text);
}

/** The failure facts of a ConnectorError carrying a status and an endpoint, or undefined. */
export function hintFailureOf(error: ConnectorError, source: 'token' | 'api'): HintFailure | undefined {
  if (error.status === undefined || error.endpoint === undefined) return undefined;
  const space = error.endpoint.indexOf(' ');
  return {
    status: error.status,
    endpoint: error.endpoint,
    method: space < 0 ? '' : error.endpoint.slice(0, space),
    path: space < 0 ? error.endpoint : error.endpoint.slice(space + 1),
    ...(error.apiMessage === undefined ? {} : { apiMessage: error.apiMessage }),
    source,
  };
}

/** Puts `text` into `message` as `hint` asks: appended, or replacing the advice after ` - `. */
export function withHintText(message: string, text: string, mode: HttpHint['mode'] = 'append'): string {
  if (mode === 'append') return `${message}; ${text}`;
  const advice = message.indexOf(') - ');
  return advice < 0 ? `${message} - ${text}` : `${message.slice(0, advice + 1)} - ${text}`;
}

/**
 * The error with the first matching hint applied, or the error itself when none matches (or
 * it has no status). `source` says whether it came from the credential request.
 */
export function applyHints(error: ConnectorError, hints: readonly HttpHint[] | undefined, source: 'token' | 'api'): ConnectorError {
  if (!hints || hints.length === 0) return error;
  const failure = hintFailureOf(error, source);
  if (!failure) return error;
  const hint = hints.find((candidate) => matches(candidate, failure));
  if (!hint) return error;
  const text = typeof hint.message === 'string' ? hint.message : hint.message(failure);
  return error.withMessage(withHintText(error.message, text, hint.mode));
}
