import type * as v from 'valibot';
import { isRetryableCode } from '../errors/codes.js';
import { ConnectorError, isConnectorError } from '../errors/connector-error.js';
import type { Logger } from '../log/logger.js';
import { silentLogger } from '../log/logger.js';
import type { AuthContext, AuthRequest, AuthResponse } from './auth.js';
import { backoffDelay, overLimitDelay } from './backoff.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readCappedText } from './body.js';
import { selectDispatcher } from './dispatcher.js';
import {
  defaultErrorMessage,
  httpStatusError,
  networkError,
  timeoutError,
  waitTooLongError,
  withAttempts,
  type FailedResponse,
} from './errors.js';
import { applyHints } from './hints.js';
import { RequestLimiter } from './limiter.js';
import { endpointLabel, parseBaseUrl, refuseUserInfo, resolveRequestUrl } from './origin.js';
import { parseRateLimit, parseRetryAfter } from './rate-limit-headers.js';
import { parseResponse } from './schema.js';
import { realTiming, type Timing } from './timing.js';
import { createKyTransport, type Transport } from './transport.js';
import type { HttpClient, HttpClientOptions, HttpMethod, HttpResponse, HttpWait, RetryOptions, SendOptions } from './types.js';

/** Waits from this long on are worth an info log line: the operator sees why a sync pauses. */
const NOTABLE_WAIT_MS = 1000;

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_BASE_DELAY_MS = 1_000;
const DEFAULT_MAX_DELAY_MS = 30_000;
const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 300_000;
/** After a 429 without a usable wait: at least this long, as ilert documents ("retry with a 10-30 s backoff"). */
const MIN_OVER_LIMIT_WAIT_MS = 10_000;
const MAX_OVER_LIMIT_WAIT_MS = 30_000;
const MAX_REDIRECTS = 5;
const IDEMPOTENT_METHODS = new Set<string>(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

interface RequestSpec extends SendOptions {
  method: HttpMethod;
  target: string;
  schema?: v.GenericSchema;
}

/** The outcome of one attempt: a response, or a request to resend with renewed credentials. */
type AttemptResult = { kind: 'response'; response: HttpResponse<unknown> } | { kind: 'reauthorize' };

/** Why an attempt failed, beyond its ConnectorError: what decides whether and when to retry. */
interface FailureFacts {
  /** The request never reached the API (credentials could not be obtained). */
  unsent?: boolean;
  /** The wait before a retry: the one the API asked for (Retry-After, a reset time), or implied by a bare 429. */
  requestedWaitMs?: number;
}

/** What every step of a request reads: the client's options and its shared parts. */
interface ClientState {
  options: HttpClientOptions;
  service: string;
  base: URL;
  timing: Timing;
  logger: Logger;
  transport: Transport;
  limiter: RequestLimiter;
  errorMessage: (body: unknown) => string | undefined;
  parseJson: (text: string) => unknown;
  retry: Required<RetryOptions>;
  failureFacts: WeakMap<ConnectorError, FailureFacts>;
  /** The most bytes one response body may hold, counted after decompression. */
  maxResponseBytes: number;
}

/** Records why `error` happened (for the retry decision) and throws it. */
function fail(state: ClientState, error: ConnectorError, facts: FailureFacts): never {
  state.failureFacts.set(error, facts);
  throw error;
}

/** What an auth strategy gets for one request. */
function authContext(state: ClientState, signal: AbortSignal | undefined): AuthContext {
  const { options } = state;
  return {
    service: state.service,
    ...(options.credential ? { credential: options.credential } : {}),
    userAgent: options.userAgent,
    send: (request) => sendAuthRequest(state, request, signal),
    ...(signal ? { signal } : {}),
    logger: state.logger,
    timing: state.timing,
  };
}

/** Waits an operator would notice (a second or more) are logged at info, shorter ones at debug. */
function logWait(state: ClientState, message: string, waitMs: number, fields: Record<string, unknown> = {}): void {
  const log = waitMs >= NOTABLE_WAIT_MS ? state.logger.info : state.logger.debug;
  log.call(state.logger, message, { service: state.service, waitMs, ...fields });
}

/** Tells `onWait` of a notable wait starting now; returns what to call when it ends. */
function announceWait(state: ClientState, wait: Omit<HttpWait, 'service' | 'endsAt'>): () => void {
  if (!state.options.onWait || wait.waitMs < NOTABLE_WAIT_MS) return () => undefined;
  const ended = state.options.onWait({ service: state.service, ...wait, endsAt: state.timing.now() + wait.waitMs });
  return ended ?? (() => undefined);
}

/** Sleeps `waitMs` before a retry, announced while it lasts. */
async function waitToRetry(state: ClientState, failed: ConnectorError, waitMs: number, signal: AbortSignal | undefined): Promise<void> {
  const overLimit = failed.status === 429 || failed.rateLimit?.remaining === 0;
  const ended = announceWait(state, {
    reason: overLimit ? 'rate-limit' : 'retry',
    waitMs,
    ...(failed.endpoint === undefined ? {} : { endpoint: failed.endpoint }),
    ...(failed.status === undefined ? {} : { status: failed.status }),
  });
  try {
    await state.timing.sleep(waitMs, signal);
  } finally {
    ended();
  }
}

/** The wait the API demands (Retry-After, or a reset header once nothing remains), in ms from now. */
function demandedWait(headers: Headers, rateLimit: ReturnType<typeof parseRateLimit>, now: number): number | undefined {
  const retryAfter = headers.get('retry-after');
  const explicitReset = retryAfter === null ? undefined : parseRetryAfter(retryAfter, now);
  if (explicitReset) return Math.max(0, explicitReset.getTime() - now);
  if (rateLimit?.remaining === 0 && rateLimit.resetAt && hasResetHeader(headers)) return Math.max(0, rateLimit.resetAt.getTime() - now);
  return undefined;
}

/** What a response says about the rate limit. */
interface RateLimitObservation {
  rateLimit?: ReturnType<typeof parseRateLimit>;
  waitMs?: number;
  demandedWaitMs?: number;
}

/**
 * Reads a rate-limit report and returns the wait it implies, in ms from now. When nothing
 * remains, every request is held for that wait: the one the API demands (Retry-After, a reset
 * header) or, after a 429 without one, a jittered 10-30 s. A demand longer than
 * `maxRateLimitWaitMs` is returned as `demandedWaitMs` and holds nothing: the caller refuses it.
 */
function observeRateLimit(state: ClientState, status: number, headers: Headers, attemptNumber: number): RateLimitObservation {
  const now = state.timing.now();
  const rateLimit = parseRateLimit(status, headers, now);
  const demandedWaitMs = demandedWait(headers, rateLimit, now);
  const result = { ...(rateLimit ? { rateLimit } : {}) };
  if (demandedWaitMs !== undefined && demandedWaitMs > state.retry.maxRateLimitWaitMs) return { ...result, demandedWaitMs };
  const overLimit = status === 429 || rateLimit?.remaining === 0;
  const waitMs =
    demandedWaitMs ??
    (status === 429 ? overLimitDelay(attemptNumber, MIN_OVER_LIMIT_WAIT_MS, MAX_OVER_LIMIT_WAIT_MS, state.timing.random) : undefined);
  if (waitMs !== undefined && waitMs > 0 && overLimit) {
    logWait(state, `${state.service} rate limit reached, pausing requests`, waitMs);
    state.limiter.pauseUntil(now + waitMs);
  }
  return { ...result, ...(waitMs === undefined ? {} : { waitMs }) };
}

/** Waits for the client-side limiter, then returns the auth headers; an auth failure is "unsent". */
async function prepareAttempt(state: ClientState, signal: AbortSignal | undefined): Promise<Record<string, string>> {
  const waitedMs = await waitForSlot(state, signal);
  if (waitedMs >= NOTABLE_WAIT_MS) state.logger.info(`waited for the ${state.service} rate limit`, { service: state.service, waitedMs });
  if (!state.options.auth) return {};
  try {
    return await state.options.auth.authorize(authContext(state, signal));
  } catch (error) {
    if (isConnectorError(error)) fail(state, error, { unsent: true });
    throw error;
  }
}

/** The body of a request as ky takes it. */
type BodyOptions = { json?: unknown; body?: URLSearchParams | string };

/** One request in flight: where it is, after any redirects, and the origin its credential belongs to. */
interface Exchange {
  method: HttpMethod;
  current: URL;
  endpoint: string;
  /** Redirects are followed only within this URL's origin (the API's, or the token endpoint's). */
  trusted: URL;
  body: BodyOptions;
}

/** The body options of a request spec: a form, JSON, or none. */
function bodyOf(spec: SendOptions): BodyOptions {
  return spec.form !== undefined ? { body: new URLSearchParams(spec.form) } : spec.json !== undefined ? { json: spec.json } : {};
}

/** The next hop of a redirect, checked: same origin, no user info, not too many. */
function redirectTarget(state: ClientState, exchange: Exchange, status: number, location: string, redirects: number): URL {
  const next = new URL(location, exchange.current);
  const { service } = state;
  const trusted = exchange.trusted.origin;
  refuseUserInfo(service, next, `redirect from ${exchange.endpoint}`);
  if (next.origin !== trusted) {
    const message = `${service} redirected ${exchange.endpoint} to ${next.origin}; refusing to follow it with the ${service} credential (only ${trusted} is trusted)`;
    fail(state, new ConnectorError(message, { code: 'failed-precondition', status, endpoint: exchange.endpoint }), {});
  }
  if (redirects >= MAX_REDIRECTS) {
    fail(
      state,
      new ConnectorError(`${service} ${exchange.endpoint} redirected more than ${MAX_REDIRECTS} times`, {
        code: 'internal',
        endpoint: exchange.endpoint,
      }),
      {},
    );
  }
  return next;
}

/** Sends the request and follows redirects within its trusted origin; returns the final response. */
async function sendFollowingRedirects(
  state: ClientState,
  exchange: Exchange,
  headers: Record<string, string>,
  signal: AbortSignal,
  attemptNumber: number,
): Promise<Response> {
  const started = state.timing.now();
  for (let redirects = 0; ; redirects++) {
    const response = await state.transport(exchange.current, { method: exchange.method, headers, ...exchange.body, signal });
    state.logger.debug('http request', {
      method: exchange.method,
      path: exchange.endpoint.slice(exchange.method.length + 1),
      status: response.status,
      durationMs: state.timing.now() - started,
      attempt: attemptNumber,
    });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
    await response.body?.cancel();
    const next = redirectTarget(state, exchange, response.status, location, redirects);
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && exchange.method === 'POST')) {
      exchange.method = 'GET';
      exchange.body = {};
    }
    exchange.current = next;
    exchange.endpoint = endpointLabel(exchange.method, state.base, next);
  }
}

/** Throws the ConnectorError for a failed response, with the wait a retry should take. */
function failResponse(state: ClientState, response: Response, text: string, endpoint: string, observed: RateLimitObservation): never {
  const { options } = state;
  const apiMessage = safeErrorMessage(state.errorMessage, parseJsonOrText(text));
  const failure: FailedResponse = {
    service: state.service,
    endpoint,
    status: response.status,
    ...(options.credential ? { credential: options.credential } : {}),
    ...(observed.rateLimit ? { rateLimit: observed.rateLimit } : {}),
    ...(apiMessage === undefined ? {} : { apiMessage }),
  };
  const statusError = httpStatusError(failure);
  if (observed.demandedWaitMs !== undefined && isRetryableCode(statusError.code)) {
    fail(state, waitTooLongError(failure, observed.demandedWaitMs, state.retry.maxRateLimitWaitMs), {});
  }
  return fail(state, statusError, observed.waitMs === undefined ? {} : { requestedWaitMs: observed.waitMs });
}

/** The validated body of a successful response, or undefined without a schema. */
function parseBody(state: ClientState, spec: RequestSpec, text: string, endpoint: string): unknown {
  if (!spec.schema) return undefined;
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : state.parseJson(text);
  } catch {
    fail(
      state,
      new ConnectorError(`${state.service} ${endpoint} returned a response that is not JSON`, { code: 'internal', endpoint }),
      {},
    );
  }
  return parseResponse(state.service, endpoint, spec.schema, body);
}

/** Turns an error that is not a ConnectorError (timeout, network) into one, or rethrows an abort. */
function failTransport(
  state: ClientState,
  error: unknown,
  callerSignal: AbortSignal | undefined,
  exchange: Exchange,
  timedOut: boolean,
  facts: { attempt: number; started: number },
): never {
  const { options, logger } = state;
  const path = exchange.endpoint.slice(exchange.method.length + 1);
  if (isConnectorError(error)) throw error;
  if (timedOut && options.timeoutMs !== undefined) {
    logger.debug('http request timed out', { method: exchange.method, path, timeoutMs: options.timeoutMs, attempt: facts.attempt });
    fail(state, timeoutError(state.service, exchange.endpoint, options.timeoutMs), {});
  }
  if (callerSignal?.aborted) throw error;
  const failure = networkError(state.service, exchange.endpoint, error);
  logger.debug('http request failed', {
    method: exchange.method,
    path,
    error: failure.message,
    durationMs: state.timing.now() - facts.started,
    attempt: facts.attempt,
  });
  return fail(state, failure, {});
}

/** The timeout of one attempt (body included) and the signal that ends it, with the caller's. */
function attemptTimeout(
  state: ClientState,
  callerSignal: AbortSignal | undefined,
): { timeout: AbortController; signal: AbortSignal; timer: NodeJS.Timeout | undefined } {
  const timeout = new AbortController();
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
  const { timeoutMs } = state.options;
  return { timeout, signal, timer: timeoutMs === undefined ? undefined : setTimeout(() => timeout.abort(), timeoutMs) };
}

/** Waits for the client-side limiter (announcing a notable wait); `pauseOnly`: only while the API asked for a pause. */
async function waitForSlot(state: ClientState, signal: AbortSignal | undefined, pauseOnly = false): Promise<number> {
  return state.limiter.acquire(
    signal,
    (waitMs, paused) => announceWait(state, { reason: paused ? 'rate-limit' : 'client-limit', waitMs }),
    pauseOnly,
  );
}

/**
 * A credential request (the OAuth token request) through the client's own steps: the limiter's
 * pause (a token endpoint is not part of the API's request budget, so it takes no slot), the
 * timeout, redirects only within the request URL's origin, the body cap, the same errors.
 */
async function sendAuthRequest(state: ClientState, request: AuthRequest, callerSignal: AbortSignal | undefined): Promise<AuthResponse> {
  await waitForSlot(state, callerSignal, true);
  const { timeout, signal, timer } = attemptTimeout(state, callerSignal);
  const endpoint = `${request.method} ${request.url.pathname}`;
  const exchange: Exchange = { method: request.method, current: request.url, endpoint, trusted: request.url, body: { body: request.body } };
  const started = state.timing.now();
  try {
    const response = await sendFollowingRedirects(state, exchange, request.headers, signal, 1);
    const text = await readCappedText(response, { service: state.service, endpoint: exchange.endpoint, maxBytes: state.maxResponseBytes });
    return { status: response.status, ok: response.ok, headers: response.headers, text };
  } catch (error) {
    return failTransport(state, error, callerSignal, exchange, timeout.signal.aborted, { attempt: 1, started });
  } finally {
    clearTimeout(timer);
  }
}

/** One attempt: limiter, auth, the exchange with redirects, then the response read and checked. */
async function attempt(
  state: ClientState,
  spec: RequestSpec,
  url: URL,
  attemptNumber: number,
  allowReauthorize: boolean,
): Promise<AttemptResult> {
  const { options } = state;
  const authHeaders = await prepareAttempt(state, spec.signal);
  const { timeout, signal, timer } = attemptTimeout(state, spec.signal);
  const exchange: Exchange = {
    method: spec.method,
    current: url,
    endpoint: endpointLabel(spec.method, state.base, url),
    trusted: state.base,
    body: bodyOf(spec),
  };
  const started = state.timing.now();
  const headers = { accept: 'application/json', 'user-agent': options.userAgent, ...options.headers, ...spec.headers, ...authHeaders };
  try {
    const response = await sendFollowingRedirects(state, exchange, headers, signal, attemptNumber);
    const observed = observeRateLimit(state, response.status, response.headers, attemptNumber);
    const text = await readCappedText(response, { service: state.service, endpoint: exchange.endpoint, maxBytes: state.maxResponseBytes });
    if (!response.ok) {
      if (response.status === 401 && allowReauthorize && options.auth?.refresh) {
        if (await options.auth.refresh(authHeaders, authContext(state, spec.signal))) return { kind: 'reauthorize' };
      }
      failResponse(state, response, text, exchange.endpoint, observed);
    }
    const data = parseBody(state, spec, text, exchange.endpoint);
    return { kind: 'response', response: { data, status: response.status, headers: response.headers, url: exchange.current.href } };
  } catch (error) {
    return failTransport(state, error, spec.signal, exchange, timeout.signal.aborted, { attempt: attemptNumber, started });
  } finally {
    clearTimeout(timer);
  }
}

/** How long to wait before the next attempt, or undefined to give up. */
function retryWait(state: ClientState, error: unknown, method: HttpMethod, attemptNumber: number): number | undefined {
  if (!isConnectorError(error, 'unavailable', 'deadline-exceeded') || attemptNumber >= state.retry.maxAttempts) return undefined;
  const facts = state.failureFacts.get(error) ?? {};
  if (!(IDEMPOTENT_METHODS.has(method) || error.status === 429 || facts.unsent)) return undefined;
  if (facts.requestedWaitMs !== undefined) return facts.requestedWaitMs;
  return backoffDelay(attemptNumber, state.retry.baseDelayMs, state.retry.maxDelayMs, state.timing.random);
}

/** The final error of a request: its attempts recorded, the declared hints applied. */
function finalError(state: ClientState, error: ConnectorError, tries: number): ConnectorError {
  return applyHints(withAttempts(error, tries), state.options.hints, state.failureFacts.get(error)?.unsent ? 'token' : 'api');
}

/** Sends a request with retries, renewing credentials once after a 401. */
async function request(state: ClientState, given: RequestSpec): Promise<HttpResponse<unknown>> {
  const signal = combineSignals(given.signal, state.options.operationSignal?.());
  const spec: RequestSpec = { ...given, ...(signal && { signal }) };
  const url = resolveRequestUrl(state.service, state.base, spec.target, spec.searchParams);
  let reauthorized = false;
  let tries = 0;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      tries++;
      const result = await attempt(state, spec, url, attemptNumber, !reauthorized);
      if (result.kind === 'response') return result.response;
      reauthorized = true;
      attemptNumber--;
      state.logger.debug('credentials renewed after 401, retrying', {
        service: state.service,
        endpoint: endpointLabel(spec.method, state.base, url),
      });
    } catch (error) {
      const waitMs = retryWait(state, error, spec.method, attemptNumber);
      if (waitMs === undefined) throw isConnectorError(error) ? finalError(state, error, tries) : error;
      const failed = error as ConnectorError;
      logWait(state, `${state.service} request failed, retrying`, waitMs, {
        endpoint: failed.endpoint,
        status: failed.status,
        attempt: attemptNumber,
      });
      await waitToRetry(state, failed, waitMs, spec.signal);
    }
  }
}

/**
 * Creates an HTTP client for one API: undici's fetch under ky, auth, origin guard, response
 * validation, retries with backoff, client-side and header-driven rate limiting, timeouts,
 * and ConnectorErrors an operator can act on, each with the `attempts` it made. Throws
 * ConnectorError `invalid-argument` when the base URL is not https (loopback hosts excepted)
 * or carries a user name or password; requests and redirects to such URLs are refused alike.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timing: Timing = options.timing ?? realTiming;
  const dispatcher = selectDispatcher(options.dispatcher);
  const state: ClientState = {
    options,
    service: options.service,
    base: parseBaseUrl(options.service, options.baseUrl),
    timing,
    logger: options.logger ?? silentLogger,
    transport: createKyTransport(dispatcher),
    limiter: new RequestLimiter(options.rateLimit, timing),
    errorMessage: options.errorMessage ?? defaultErrorMessage,
    parseJson: options.parseJson ?? JSON.parse,
    retry: {
      maxAttempts: Math.max(1, options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
      maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
      maxRateLimitWaitMs: options.retry?.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
    },
    failureFacts: new WeakMap(),
    maxResponseBytes: responseCap(options.maxResponseBytes),
  };
  const ownsDispatcher = dispatcher !== undefined && dispatcher !== options.dispatcher;
  return {
    baseUrl: state.base,
    async close() {
      if (ownsDispatcher) await dispatcher.close();
    },
    async get(path, getOptions) {
      const response = await request(state, { ...getOptions, method: 'GET', target: path });
      return response as HttpResponse<v.InferOutput<typeof getOptions.schema>>;
    },
    async send(method: HttpMethod, path: string, sendOptions?: SendOptions & { schema?: v.GenericSchema }) {
      return request(state, { ...sendOptions, method, target: path }) as Promise<HttpResponse<never>>;
    },
  };
}

/** The body cap a client is given, checked; the default when none is. */
function responseCap(maxResponseBytes: number | undefined): number {
  if (maxResponseBytes === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1)
    throw new RangeError('maxResponseBytes must be a whole number of bytes, 1 or more');
  return maxResponseBytes;
}

/** One signal that aborts when either does; undefined when there is none. */
function combineSignals(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a || !b || a === b) return a ?? b;
  return AbortSignal.any([a, b]);
}

function hasResetHeader(headers: Headers): boolean {
  for (const [name] of headers) if (/(?:^|-)reset$/.test(name)) return true;
  return false;
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function safeErrorMessage(extract: (body: unknown) => string | undefined, body: unknown): string | undefined {
  try {
    return extract(body);
  } catch {
    return undefined;
  }
}
