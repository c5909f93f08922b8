import { isLoopbackHost } from '../net/loopback.js';

/**
 * A `check` for base-URL fields: an absolute http(s) URL without query or fragment, and https
 * unless the host is loopback (the HTTP client refuses the same at run time; this reports it
 * with every other config problem, before anything starts). `example` is shown in the message.
 */
export function baseUrlCheck(example: string): (value: string) => string | undefined {
  return (value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `must be an absolute URL such as ${example}`;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
    if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return 'must use https (plain http only for loopback hosts)';
    if (url.search !== '' || url.hash !== '') return 'must not have a query or fragment';
    return undefined;
  };
}
