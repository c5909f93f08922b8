import type * as v from 'valibot';
import type { Dispatcher } from 'undici';
import type { Logger } from '../log/logger.js';
import type { AuthStrategy } from './auth.js';
import type { HttpHint } from './hints.js';
import type { Timing } from './timing.js';

/** Query parameters; `undefined` values are left out. */
export type SearchParams = Record<string, string | number | boolean | undefined>;

/** HTTP methods the client sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The credential a client sends, named for error messages. */
export interface CredentialDescription {
  /** What operators call it: `API token`, `client credentials`. */
  name: string;
  /** The config key that holds it (`ilert-api-token`); errors blaming it carry it as `settingKey`. */
  key: string;
  /**
   * How operators set it, as messages name it (`--ilert-api-token / BATON_ILERT_API_TOKEN`).
   * The runtime fills it in from the connector's config fields (env overrides included); the
   * HTTP client never derives it.
   */
  setting: string;
}

/**
 * How failed requests are retried. Every ConnectorError a request ends with carries `attempts`,
 * the number of tries made: callers must not retry it again.
 */
export interface RetryOptions {
  /** Attempts in total, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff step; each retry doubles it (full jitter). Default 1000 ms. */
  baseDelayMs?: number;
  /** Longest backoff wait. Default 30 000 ms. */
  maxDelayMs?: number;
  /**
   * Longest wait the client accepts when the API names one (`Retry-After`, a rate-limit reset);
   * a longer demand fails the request at once with a ConnectorError `resource-exhausted`
   * carrying the rate-limit data, and holds no other request. Default 300 000 ms. A 429 that
   * names no wait is retried after a jittered 10-30 s, and every request waits that long.
   */
  maxRateLimitWaitMs?: number;
}

/** A client-side limit: at most `requests` requests start in any `intervalMs` window. */
export interface ClientRateLimit {
  requests: number;
  intervalMs: number;
}

/**
 * A wait the client is about to make, announced while it lasts so an operator sees why
 * requests pause: `rate-limit` when the API asked for it (429, `Retry-After`, nothing
 * remaining), `client-limit` for the client-side limiter, `retry` for backoff after a failure.
 */
export interface HttpWait {
  service: string;
  reason: 'rate-limit' | 'client-limit' | 'retry';
  waitMs: number;
  /** Epoch ms (of the client's clock) when the wait ends. */
  endsAt: number;
  /** The request that failed, for `retry` and `rate-limit` waits after a response. */
  endpoint?: string;
  status?: number;
}

/** Hears of a wait as it starts; may return a function the client calls when the wait ends. */
export type HttpWaitObserver = (wait: HttpWait) => (() => void) | void;

/** What {@link createHttpClient} takes. */
export interface HttpClientOptions {
  /** The service's short name (`ilert`), used in messages. */
  service: string;
  /** Every path is relative to it; must be https unless the host is loopback. */
  baseUrl: string;
  auth?: AuthStrategy;
  /** Names the credential in 401/403 messages. */
  credential?: CredentialDescription;
  /** `baton-<connector>/<version>`. */
  userAgent: string;
  /** Per attempt, response body included. Default: no timeout. */
  timeoutMs?: number;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /**
   * The most bytes one response body may hold, counted as it arrives and after decompression.
   * A larger body fails the request at once (ConnectorError `resource-exhausted`, not retried)
   * and is never read whole. Default 64 MiB.
   */
  maxResponseBytes?: number;
  retry?: RetryOptions;
  rateLimit?: ClientRateLimit;
  /**
   * Parses a successful JSON body before schema validation; default `JSON.parse`. Lets a
   * connector keep 64-bit integer ids exact, which `JSON.parse` would round.
   */
  parseJson?: (text: string) => unknown;
  /** Extracts the API's own message from an error body; the default reads `message`, `detail`, `error_description`, `error`. */
  errorMessage?: (body: unknown) => string | undefined;
  logger?: Logger;
  /** Told of every wait of a second or more (limiter, rate limit, backoff) when it starts and ends. */
  onWait?: HttpWaitObserver;
  /** Operator hints by status, applied to the error a request finally fails with. */
  hints?: readonly HttpHint[];
  /**
   * The abort signal of the operation under way (the runtime passes its own), combined with
   * any `signal` a request is given.
   */
  operationSignal?: () => AbortSignal | undefined;
  /** Default: a proxy agent when `HTTPS_PROXY`/`HTTP_PROXY` is set, else undici's global dispatcher at request time. */
  dispatcher?: Dispatcher;
  /** Clock and sleep; replaced in tests and simulations. */
  timing?: Timing;
}

/** A parsed response. */
export interface HttpResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  /** The final URL, after same-origin redirects. */
  url: string;
}

/** Options of {@link HttpClient.get}. */
export interface GetOptions<S extends v.GenericSchema> {
  /** Validates the JSON body; a mismatch is a ConnectorError `internal`. */
  schema: S;
  searchParams?: SearchParams;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Options of {@link HttpClient.send} besides the schema. */
export interface SendOptions {
  /** A JSON body. */
  json?: unknown;
  /** A form body (`application/x-www-form-urlencoded`). */
  form?: Record<string, string>;
  searchParams?: SearchParams;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A client bound to one API origin and credential. */
export interface HttpClient {
  /**
   * Reads `path` (relative to the base URL, or an absolute URL of the same origin) and
   * validates the JSON body against `schema`.
   */
  get<S extends v.GenericSchema>(path: string, options: GetOptions<S>): Promise<HttpResponse<v.InferOutput<S>>>;
  /** Sends a request; with a schema the JSON body is validated and returned. */
  send<S extends v.GenericSchema>(
    method: HttpMethod,
    path: string,
    options: SendOptions & { schema: S },
  ): Promise<HttpResponse<v.InferOutput<S>>>;
  /** Sends a request whose body is not needed. */
  send(method: HttpMethod, path: string, options?: SendOptions & { schema?: undefined }): Promise<HttpResponse<undefined>>;
  /** The validated base URL. */
  readonly baseUrl: URL;
  /** Closes connections the client opened itself (a proxy agent); a shared dispatcher is left open. */
  close(): Promise<void>;
}
