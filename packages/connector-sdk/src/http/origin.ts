import { ConnectorError } from '../errors/connector-error.js';
import { isLoopbackHost } from '../net/loopback.js';
import type { SearchParams } from './types.js';

/**
 * Parses and checks a base URL: absolute, http(s), https unless the host is loopback, with no
 * credentials, query or fragment. Throws ConnectorError `invalid-argument` naming the service.
 */
export function parseBaseUrl(service: string, baseUrl: string, what = 'base URL'): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConnectorError(`${service} ${what} "${baseUrl.replace(/\/\/.*@/, '//')}" is not an absolute URL`, {
      code: 'invalid-argument',
    });
  }
  if (url.username || url.password) {
    throw new ConnectorError(`${service} ${what} must not contain a user name or password: ${urlWithoutCredentials(url)}`, {
      code: 'invalid-argument',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectorError(`${service} ${what} must use https, not ${url.protocol.slice(0, -1)}`, { code: 'invalid-argument' });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConnectorError(
      `${service} ${what} must use https (plain http is only allowed for loopback hosts such as 127.0.0.1): ${url.origin}`,
      { code: 'invalid-argument' },
    );
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * Resolves a request target: a path relative to `base` (`users`, `/users`; a leading slash
 * does not escape the base path) or an absolute URL, which must share `base`'s origin so the
 * credential never leaves it and must not carry a user name or password. Adds `searchParams`
 * to any query already in the target. Throws ConnectorError `invalid-argument`.
 */
export function resolveRequestUrl(service: string, base: URL, target: string, searchParams?: SearchParams): URL {
  const url = /^[a-z][a-z0-9+.-]*:/i.test(target) ? new URL(target) : new URL(target.replace(/^\/+/, ''), base);
  refuseUserInfo(service, url, 'request');
  if (url.origin !== base.origin) {
    throw new ConnectorError(`refusing to send the ${service} credential to ${url.origin}: requests may only go to ${base.origin}`, {
      code: 'invalid-argument',
      endpoint: url.origin,
    });
  }
  for (const [name, value] of Object.entries(searchParams ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  url.hash = '';
  return url;
}

/** `GET /users`: the method and path relative to the base URL, without the query string. */
export function endpointLabel(method: string, base: URL, url: URL): string {
  const path = url.pathname.startsWith(base.pathname) ? url.pathname.slice(base.pathname.length - 1) : url.pathname;
  return `${method} ${path}`;
}

/**
 * Throws ConnectorError `invalid-argument` when `url` carries a user name or password (fetch
 * would refuse it, and the client sends only its own credential). The message shows the URL
 * without them. `what` names where the URL came from: `request`, `redirect`.
 */
export function refuseUserInfo(service: string, url: URL, what: string): void {
  if (!url.username && !url.password) return;
  throw new ConnectorError(
    `refusing the ${service} ${what} URL ${urlWithoutCredentials(url)}: it carries a user name or password, which the client never sends`,
    { code: 'invalid-argument', endpoint: url.origin },
  );
}

/** `url` without its user name, password, query and fragment. */
export function urlWithoutCredentials(url: URL): string {
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  shown.search = '';
  shown.hash = '';
  return shown.href;
}
