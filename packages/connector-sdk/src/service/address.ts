/** The variable that points a client at another C1 address (a test fake, say), as in baton-sdk. */
export const C1_API_HOST_ENV = 'BATON_C1_API_HOST';

/**
 * The `host:port` that both gRPC and the token endpoint use: `BATON_C1_API_HOST` when set,
 * else the tenant host from the client id, with port 443 when none is given.
 */
export function c1Address(tokenHost: string, env: Readonly<Record<string, string | undefined>>): string {
  const override = env[C1_API_HOST_ENV];
  const host = override !== undefined && override !== '' ? override : tokenHost;
  return hasPort(host) ? host : `${host}:443`;
}

function hasPort(host: string): boolean {
  if (host.startsWith('[')) return /\]:\d+$/.test(host);
  const colons = host.split(':').length - 1;
  return colons === 1 && /:\d+$/.test(host);
}
