import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

/** Environment variables that select a proxy. */
export type ProxyEnv = Record<string, string | undefined>;

function envValue(env: ProxyEnv, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * The dispatcher requests go through: the one given; else, when `HTTPS_PROXY`/`HTTP_PROXY`
 * is set, undici's `EnvHttpProxyAgent` (which honours `NO_PROXY`); else undefined, meaning
 * undici's global dispatcher looked up at request time, so a MockAgent installed later with
 * `setGlobalDispatcher` is used.
 */
export function selectDispatcher(explicit: Dispatcher | undefined, env: ProxyEnv = process.env): Dispatcher | undefined {
  if (explicit) return explicit;
  const httpProxy = envValue(env, 'HTTP_PROXY');
  const httpsProxy = envValue(env, 'HTTPS_PROXY');
  if (!httpProxy && !httpsProxy) return undefined;
  const noProxy = envValue(env, 'NO_PROXY');
  return new EnvHttpProxyAgent({
    ...(httpProxy === undefined ? {} : { httpProxy }),
    ...(httpsProxy === undefined ? {} : { httpsProxy }),
    noProxy: noProxy ?? '',
  });
}
