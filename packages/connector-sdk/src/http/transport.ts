import ky, { type KyInstance } from 'ky';
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

/**
 * A ky instance whose requests go out through undici's fetch. ky builds the runtime's own
 * `Request`, which undici's fetch would read as a bare URL, so the request is unpacked here
 * (bodies are JSON or form text).
 * ky's retry, timeout and error throwing are off: the client does those itself.
 */
export function createKyTransport(dispatcher: Dispatcher | undefined): KyInstance {
  const send = boundFetch(dispatcher);
  const kyFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.body === null ? undefined : await request.text();
    const response = await send(request.url, {
      method: request.method,
      headers: [...request.headers],
      ...(body === undefined ? {} : { body }),
      signal: request.signal,
    });
    return response as unknown as Response;
  };
  return ky.create({ fetch: kyFetch, retry: 0, timeout: false, throwHttpErrors: false, redirect: 'manual' });
}
