import ky, { type KyInstance, type Options } from 'ky';
import { fetch as undiciFetch, type Dispatcher } from 'undici';

/**
 * undici's fetch (the npm package, not the runtime's global one) bound to `dispatcher`;
 * without one, undici's global dispatcher is read at request time, so a MockAgent installed
 * with the same package's `setGlobalDispatcher` sees every request on any Node version.
 * Redirects are never followed here: the client follows same-origin ones itself.
 */
export function boundFetch(dispatcher: Dispatcher | undefined): typeof undiciFetch {
  return (input, init) =>
    undiciFetch(input, { ...init, redirect: 'manual', ...(dispatcher === undefined ? {} : { dispatcher }) });
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
 * ky's retry, timeout and error throwing are off: the client does those itself.
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
