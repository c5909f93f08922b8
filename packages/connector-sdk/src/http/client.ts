import type { KyInstance } from 'ky';
import type * as v from 'valibot';
import { isRetryableCode } from '../errors/codes.js';
import { ConnectorError, isConnectorError } from '../errors/connector-error.js';
import type { Logger } from '../log/logger.js';
import { silentLogger } from '../log/logger.js';
import type { AuthContext } from './auth.js';
import { backoffDelay, overLimitDelay } from './backoff.js';
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
import { boundFetch, createKyTransport } from './transport.js';
import type { HttpClient, HttpClientOptions, HttpMethod, HttpResponse, SendOptions } from './types.js';

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

/**
 * Creates an HTTP client for one API: undici's fetch under ky, auth, origin guard, response
 * validation, retries with backoff, client-side and header-driven rate limiting, timeouts,
 * and ConnectorErrors an operator can act on, each with the `attempts` it made. Throws
 * ConnectorError `invalid-argument` when the base URL is not https (loopback hosts excepted)
 * or carries a user name or password; requests and redirects to such URLs are refused alike.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const service = options.service;
  const base = parseBaseUrl(service, options.baseUrl);
  const timing: Timing = options.timing ?? realTiming;
  const logger: Logger = options.logger ?? silentLogger;
  const dispatcher = selectDispatcher(options.dispatcher);
  const transport: KyInstance = createKyTransport(dispatcher);
  const limiter = new RequestLimiter(options.rateLimit, timing);
  const errorMessage = options.errorMessage ?? defaultErrorMessage;
  const parseJson = options.parseJson ?? JSON.parse;
  const maxAttempts = Math.max(1, options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const baseDelayMs = options.retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const maxRateLimitWaitMs = options.retry?.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  const failureFacts = new WeakMap<ConnectorError, FailureFacts>();
  const authFetch = boundFetch(dispatcher);

  const authContext = (signal: AbortSignal | undefined): AuthContext => ({
    service,
    ...(options.credential ? { credential: options.credential } : {}),
    userAgent: options.userAgent,
    fetch: authFetch,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(signal ? { signal } : {}),
    logger,
    timing,
  });

  const fail = (error: ConnectorError, facts: FailureFacts): never => {
    failureFacts.set(error, facts);
    throw error;
  };

  /** Waits an operator would notice (a second or more) are logged at info, shorter ones at debug. */
  const logWait = (message: string, waitMs: number, fields: Record<string, unknown> = {}): void => {
    const log = waitMs >= NOTABLE_WAIT_MS ? logger.info : logger.debug;
    log.call(logger, message, { service, waitMs, ...fields });
  };

  /**
   * Reads a rate-limit report and returns the wait it implies, in ms from now. When nothing
   * remains, every request is held for that wait: the one the API demands (Retry-After, a reset
   * header) or, after a 429 without one, a jittered 10-30 s. A demand longer than
   * `maxRateLimitWaitMs` is returned as `demandedWaitMs` and holds nothing: the caller refuses it.
   */
  const observeRateLimit = (
    status: number,
    headers: Headers,
    attemptNumber: number,
  ): { rateLimit?: ReturnType<typeof parseRateLimit>; waitMs?: number; demandedWaitMs?: number } => {
    const now = timing.now();
    const rateLimit = parseRateLimit(status, headers, now);
    let demandedWaitMs: number | undefined;
    const retryAfter = headers.get('retry-after');
    const explicitReset = retryAfter === null ? undefined : parseRetryAfter(retryAfter, now);
    if (explicitReset) demandedWaitMs = Math.max(0, explicitReset.getTime() - now);
    else if (rateLimit?.remaining === 0 && rateLimit.resetAt && hasResetHeader(headers)) {
      demandedWaitMs = Math.max(0, rateLimit.resetAt.getTime() - now);
    }
    const result = { ...(rateLimit ? { rateLimit } : {}) };
    if (demandedWaitMs !== undefined && demandedWaitMs > maxRateLimitWaitMs) return { ...result, demandedWaitMs };
    const overLimit = status === 429 || rateLimit?.remaining === 0;
    const waitMs =
      demandedWaitMs ??
      (status === 429 ? overLimitDelay(attemptNumber, MIN_OVER_LIMIT_WAIT_MS, MAX_OVER_LIMIT_WAIT_MS, timing.random) : undefined);
    if (waitMs !== undefined && waitMs > 0 && overLimit) {
      logWait(`${service} rate limit reached, pausing requests`, waitMs);
      limiter.pauseUntil(now + waitMs);
    }
    return { ...result, ...(waitMs === undefined ? {} : { waitMs }) };
  };

  const attempt = async (spec: RequestSpec, url: URL, attemptNumber: number, allowReauthorize: boolean): Promise<AttemptResult> => {
    const waitedMs = await limiter.acquire(spec.signal);
    if (waitedMs >= NOTABLE_WAIT_MS) logger.info(`waited for the ${service} rate limit`, { service, waitedMs });
    let authHeaders: Record<string, string> = {};
    if (options.auth) {
      try {
        authHeaders = await options.auth.authorize(authContext(spec.signal));
      } catch (error) {
        if (isConnectorError(error)) fail(error, { unsent: true });
        throw error;
      }
    }
    const timeout = new AbortController();
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout.signal]) : timeout.signal;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => timeout.abort(), options.timeoutMs);
    let method: HttpMethod = spec.method;
    let current = url;
    let endpoint = endpointLabel(method, base, current);
    const started = timing.now();
    try {
      let bodyOptions: { json?: unknown; body?: URLSearchParams } =
        spec.form !== undefined ? { body: new URLSearchParams(spec.form) } : spec.json !== undefined ? { json: spec.json } : {};
      for (let redirects = 0; ; redirects++) {
        const response = await transport(current, {
          method,
          headers: {
            accept: 'application/json',
            'user-agent': options.userAgent,
            ...options.headers,
            ...spec.headers,
            ...authHeaders,
          },
          ...bodyOptions,
          signal,
        });
        logger.debug('http request', {
          method,
          path: endpoint.slice(method.length + 1),
          status: response.status,
          durationMs: timing.now() - started,
          attempt: attemptNumber,
        });
        const location = response.headers.get('location');
        if (REDIRECT_STATUSES.has(response.status) && location !== null) {
          await response.body?.cancel();
          const next = new URL(location, current);
          refuseUserInfo(service, next, `redirect from ${endpoint}`);
          if (next.origin !== base.origin) {
            fail(
              new ConnectorError(
                `${service} redirected ${endpoint} to ${next.origin}; refusing to follow it with the ${service} credential (only ${base.origin} is trusted)`,
                { code: 'failed-precondition', status: response.status, endpoint },
              ),
              {},
            );
          }
          if (redirects >= MAX_REDIRECTS) {
            fail(new ConnectorError(`${service} ${endpoint} redirected more than ${MAX_REDIRECTS} times`, { code: 'internal', endpoint }), {});
          }
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = 'GET';
            bodyOptions = {};
          }
          current = next;
          endpoint = endpointLabel(method, base, current);
          continue;
        }
        const { rateLimit, waitMs, demandedWaitMs } = observeRateLimit(response.status, response.headers, attemptNumber);
        const text = await response.text();
        if (!response.ok) {
          if (response.status === 401 && allowReauthorize && options.auth?.refresh) {
            if (await options.auth.refresh(authHeaders, authContext(spec.signal))) return { kind: 'reauthorize' };
          }
          const apiMessage = safeErrorMessage(errorMessage, parseJsonOrText(text));
          const failure: FailedResponse = {
            service,
            endpoint,
            status: response.status,
            ...(options.credential ? { credential: options.credential } : {}),
            ...(rateLimit ? { rateLimit } : {}),
            ...(apiMessage === undefined ? {} : { apiMessage }),
          };
          const statusError = httpStatusError(failure);
          if (demandedWaitMs !== undefined && isRetryableCode(statusError.code)) {
            fail(waitTooLongError(failure, demandedWaitMs, maxRateLimitWaitMs), {});
          }
          fail(statusError, waitMs === undefined ? {} : { requestedWaitMs: waitMs });
        }
        let data: unknown;
        if (spec.schema) {
          let body: unknown;
          try {
            body = text.trim() === '' ? undefined : parseJson(text);
          } catch {
            fail(new ConnectorError(`${service} ${endpoint} returned a response that is not JSON`, { code: 'internal', endpoint }), {});
          }
          data = parseResponse(service, endpoint, spec.schema, body);
        }
        return { kind: 'response', response: { data, status: response.status, headers: response.headers, url: current.href } };
      }
    } catch (error) {
      if (isConnectorError(error)) throw error;
      if (timeout.signal.aborted && options.timeoutMs !== undefined) {
        logger.debug('http request timed out', { method, path: endpoint.slice(method.length + 1), timeoutMs: options.timeoutMs, attempt: attemptNumber });
        fail(timeoutError(service, endpoint, options.timeoutMs), {});
      }
      if (spec.signal?.aborted) throw error;
      const failure = networkError(service, endpoint, error);
      logger.debug('http request failed', {
        method,
        path: endpoint.slice(method.length + 1),
        error: failure.message,
        durationMs: timing.now() - started,
        attempt: attemptNumber,
      });
      return fail(failure, {});
    } finally {
      clearTimeout(timer);
    }
  };

  /** How long to wait before the next attempt, or undefined to give up. */
  const retryWait = (error: unknown, method: HttpMethod, attemptNumber: number): number | undefined => {
    if (!isConnectorError(error, 'unavailable', 'deadline-exceeded') || attemptNumber >= maxAttempts) return undefined;
    const facts = failureFacts.get(error) ?? {};
    if (!(IDEMPOTENT_METHODS.has(method) || error.status === 429 || facts.unsent)) return undefined;
    if (facts.requestedWaitMs !== undefined) return facts.requestedWaitMs;
    return backoffDelay(attemptNumber, baseDelayMs, maxDelayMs, timing.random);
  };

  /** The final error of a request: its attempts recorded, the declared hints applied. */
  const finalError = (error: ConnectorError, tries: number): ConnectorError =>
    applyHints(withAttempts(error, tries), options.hints, failureFacts.get(error)?.unsent ? 'token' : 'api');

  const request = async (given: RequestSpec): Promise<HttpResponse<unknown>> => {
    const signal = combineSignals(given.signal, options.operationSignal?.());
    const spec: RequestSpec = { ...given, ...(signal && { signal }) };
    const url = resolveRequestUrl(service, base, spec.target, spec.searchParams);
    let reauthorized = false;
    let tries = 0;
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        tries++;
        const result = await attempt(spec, url, attemptNumber, !reauthorized);
        if (result.kind === 'response') return result.response;
        reauthorized = true;
        attemptNumber--;
        logger.debug('credentials renewed after 401, retrying', { service, endpoint: endpointLabel(spec.method, base, url) });
      } catch (error) {
        const waitMs = retryWait(error, spec.method, attemptNumber);
        if (waitMs === undefined) throw isConnectorError(error) ? finalError(error, tries) : error;
        logWait(`${service} request failed, retrying`, waitMs, {
          endpoint: (error as ConnectorError).endpoint,
          status: (error as ConnectorError).status,
          attempt: attemptNumber,
        });
        await timing.sleep(waitMs, spec.signal);
      }
    }
  };

  const ownsDispatcher = dispatcher !== undefined && dispatcher !== options.dispatcher;
  const client: HttpClient = {
    baseUrl: base,
    async close() {
      if (ownsDispatcher) await dispatcher.close();
    },
    async get(path, getOptions) {
      const response = await request({ ...getOptions, method: 'GET', target: path });
      return response as HttpResponse<v.InferOutput<typeof getOptions.schema>>;
    },
    async send(method: HttpMethod, path: string, sendOptions?: SendOptions & { schema?: v.GenericSchema }) {
      return request({ ...sendOptions, method, target: path }) as Promise<HttpResponse<never>>;
    },
  };
  return client;
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
