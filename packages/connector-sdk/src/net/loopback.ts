/**
 * Whether `hostname` (as `URL.hostname` gives it) is a loopback address: `localhost`, `::1` or
 * `127.x.x.x`. Other names under `.localhost` do not count: a resolver is free to send them
 * elsewhere, so their name alone proves nothing.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return true;
  if (host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
