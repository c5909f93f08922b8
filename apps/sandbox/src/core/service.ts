import type { IncomingHttpHeaders } from 'node:http';

/** One HTTP request as a sandbox service sees it: already read, with the path relative to the mount. */
export interface ServiceRequest {
  /** Upper-case method, e.g. `GET`. */
  readonly method: string;
  /** Path below the service's mount path, starting with `/` (e.g. `/users/42`), without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The request body as text (`''` when there is none). */
  readonly body: string;
}

/** What a service answers; the host writes it to the socket (and may truncate it when told to). */
export interface ServiceResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Body text; leave out for bodiless answers such as 204. */
  readonly body?: string;
}

/**
 * A fake SaaS API the sandbox can mount. The host owns the socket, request counting and fault
 * injection; a service only maps a request to a response over its own seeded state.
 */
export interface SandboxService {
  /** Short name used for fault switches and request counts, e.g. `ilert`. */
  readonly name: string;
  /** Where the API lives below the sandbox origin, e.g. `/ilert/api` (no trailing slash). */
  readonly mountPath: string;
  /** Answers one request. Thrown errors become a 500 in the vendor's error format. */
  handle(request: ServiceRequest): ServiceResponse | Promise<ServiceResponse>;
  /** The vendor's error response for a status, used for injected faults (429 storms, 5xx bursts). */
  errorResponse(status: number, message: string): ServiceResponse;
}
