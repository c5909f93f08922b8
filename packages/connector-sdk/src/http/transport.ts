import ky, { type KyInstance, type Options } from 'ky';
import { fetch as undiciFetch, type Dispatcher } from 'undici';

/**
 * undici's fetch (the npm package, not the runtime's global one) bound to `dispatcher`;
 * without one, undici's global dispatcher is read at request time, so a MockAgent installed
 * with the same package's `setGlobalDispatcher` sees every request on any Node version.
 * Redirects are never followed here: the client follows same-origin ones itself.
 */
export function boundFetch(dispatcher: Dispatcher | undefined): typeof undiciFetch {
  return (input, init) => undiciFetch(input, { ...init, redirect: 'manual', ...(dispatcher === undefined ? {} : { dispatcher }) });
}

/** ky's options for one request, with the signal that bounds the whole exchange, body included. */
export type TransportOptions = Options & { signal: AbortSignal };

/** Sends one request; the response body stays bound to `options.signal` until it is read. */
export type Transport = (url: URL, options: TransportOptions) => Promise<Response>;

/**
 * A transport whose requests go through ky and out through undici's fetch. ky builds the
 * runtime's own `Request`, which undici's fetch would read as a bare URL, so the request is
 * unpacked here (bodies are JSON or form text). The caller's signal goes to undici directly,
 * under an option name ky passes through untouched: the `Request` ky builds only holds a
 * follower of it, which a garbage collection can drop while the body is still arriving, and
 * then neither the timeout nor an interrupt would stop the read.
 * ky builds the request (JSON and form bodies, header merging). Its retry, timeout, URL
 * options and error throwing are off, because each would change what the client promises:
 * - `timeout` is cleared once the headers arrive, so a body that drips would never time out;
 *   the client's timeout covers the body too.
 * - `retry` sleeps on its own `setTimeout` (no injectable clock, so no shared limiter pause,
 *   no announced waits, no exact waits in tests), clamps a `Retry-After` over `maxRetryAfter`
 *   instead of refusing it at once, reads `X-RateLimit-Reset` as a wait even while requests
 *   remain, and checks `methods` before `shouldRetry`: the client's rule (a POST is retried
 *   after a 429, never after a 503) would need every method listed and the whole decision in
 *   `shouldRetry`, leaving ky's loop nothing of its own to decide.
 * - `searchParams` replaces the query of the target (a next link's cursor would be lost) and
 *   `prefixUrl` refuses a leading slash and absolute next links; the origin guard resolves both.
 */
export function createKyTransport(dispatcher: Dispatcher | undefined): Transport {
  const send = boundFetch(dispatcher);
  const kyFetch = async (input: string | URL | Request, init?: RequestInit & { [UNDICI_SIGNAL]?: AbortSignal }): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.body === null ? undefined : await request.text();
    const response = await send(request.url, {
      method: request.method,
      headers: [...request.headers],
      ...(body === undefined ? {} : { body }),
      signal: init?.[UNDICI_SIGNAL] ?? request.signal,
    });
    return response as unknown as Response;
  };
  const instance: KyInstance = ky.create({ fetch: kyFetch, retry: 0, timeout: false, throwHttpErrors: false, redirect: 'manual' });
  return (url, options) => instance(url, { ...options, [UNDICI_SIGNAL]: options.signal } as Options);
}

/** The option ky hands to its fetch unchanged (it is neither ky's nor a `Request` field). */
const UNDICI_SIGNAL = 'undiciSignal';
