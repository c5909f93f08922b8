import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogFields, Logger } from '../log/logger.js';

/** The message the HTTP client logs (at debug) for every response, with `method`, `path` and `status`. */
const RESPONSE_LOG_MESSAGE = 'http request';
/** Endpoints named before the rest are counted. */
const MAX_NAMED = 3;

/** The endpoints (`GET /users`, no query) answered with success while a connector call ran, in order. */
class RequestTrail {
  readonly endpoints = new Set<string>();

  /** `GET /users`, `GET /users, GET /roles` or `GET /a, GET /b, GET /c and 2 more`; undefined for none. */
  describe(): string | undefined {
    if (this.endpoints.size === 0) return undefined;
    const all = [...this.endpoints];
    const named = all.slice(0, MAX_NAMED).join(', ');
    return all.length > MAX_NAMED ? `${named} and ${all.length - MAX_NAMED} more` : named;
  }
}

const trail = new AsyncLocalStorage<RequestTrail>();

/**
 * Runs `call` and says which endpoints the runtime's HTTP clients got a successful answer from
 * meanwhile (method and path without the query, so no secret in it): the requests behind one page
 * of a listing, to name in a warning about a record of that page.
 */
export async function followRequests<T>(call: () => Promise<T>): Promise<{ value: T; endpoints: string | undefined }> {
  const requests = new RequestTrail();
  const value = await trail.run(requests, call);
  return { value, endpoints: requests.describe() };
}

/** Notes the response an HTTP client logs into the trail of the call under way, if one is followed. */
function note(message: string, fields: LogFields | undefined): void {
  if (message !== RESPONSE_LOG_MESSAGE || fields === undefined) return;
  const requests = trail.getStore();
  const { method, path, status } = fields;
  if (!requests || typeof method !== 'string' || typeof path !== 'string' || typeof status !== 'number') return;
  if (status >= 200 && status < 300) requests.endpoints.add(`${method} ${path}`);
}

/** `logger` for the runtime's HTTP clients: the same lines, and each successful response noted in the trail. */
export function requestNotingLogger(logger: Logger): Logger {
  return {
    debug: (message, fields) => {
      note(message, fields);
      logger.debug(message, fields);
    },
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => logger.warn(message, fields),
    error: (message, fields) => logger.error(message, fields),
    child: (fields) => requestNotingLogger(logger.child(fields)),
  };
}
