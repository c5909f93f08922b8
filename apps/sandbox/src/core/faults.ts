import { nullFirstId } from './malform.js';

/**
 * Fault switches for one service. Counters arm the next N requests; they count down as requests
 * arrive. When several are armed, a request takes the first that applies in this order:
 * connection reset, 429, 5xx; a served response may then be truncated.
 */
export interface FaultOptions {
  /** Delay added before every response, in milliseconds. */
  latencyMs?: number;
  /** The next N requests fail with a 5xx error in the vendor's error format. */
  serverErrors?: number;
  /** Status for {@link serverErrors}; without it the burst cycles 500, 502, 503. */
  serverErrorStatus?: 500 | 502 | 503;
  /** The next N requests get 429 Too Many Requests (no rate-limit headers, as the vendors send). */
  rateLimited?: number;
  /** The next N requests have their TCP connection reset without any response. */
  connectionResets?: number;
  /**
   * The next N responses that have a body announce the full Content-Length, send the first half
   * of the body, and then drop the connection.
   */
  truncatedBodies?: number;
  /**
   * The next N successful JSON responses that hold an object with an `id` have the first such
   * object's `id` (depth first) replaced with null: a page that breaks the vendor's schema.
   */
  malformedBodies?: number;
}

/** What the host should do with one request, as decided by {@link FaultSwitch.take}. */
export type FaultAction = { readonly kind: 'reset' } | { readonly kind: 'status'; readonly status: number } | { readonly kind: 'serve' };

const SERVER_ERROR_CYCLE = [500, 502, 503] as const;

function checkCount(name: string, value: number | undefined): number {
  const count = value ?? 0;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`fault ${name} must be a non-negative integer, got ${value}`);
  return count;
}

/** The live fault state of one service. */
export class FaultSwitch {
  #latencyMs = 0;
  #serverErrors = 0;
  #serverErrorStatus: 500 | 502 | 503 | undefined;
  #serverErrorsSent = 0;
  #rateLimited = 0;
  #connectionResets = 0;
  #truncatedBodies = 0;
  #malformedBodies = 0;

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Replaces the whole fault state: anything left out of `options` is switched off. */
  set(options: FaultOptions): void {
    const latencyMs = options.latencyMs ?? 0;
    if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new RangeError(`fault latencyMs must be >= 0, got ${latencyMs}`);
    const serverErrors = checkCount('serverErrors', options.serverErrors);
    const rateLimited = checkCount('rateLimited', options.rateLimited);
    const connectionResets = checkCount('connectionResets', options.connectionResets);
    const truncatedBodies = checkCount('truncatedBodies', options.truncatedBodies);
    const malformedBodies = checkCount('malformedBodies', options.malformedBodies);
    const status = options.serverErrorStatus;
    if (status !== undefined && !SERVER_ERROR_CYCLE.includes(status)) {
      throw new RangeError(`fault serverErrorStatus must be 500, 502 or 503, got ${String(status)}`);
    }
    this.#latencyMs = latencyMs;
    this.#serverErrors = serverErrors;
    this.#serverErrorStatus = status;
    this.#serverErrorsSent = 0;
    this.#rateLimited = rateLimited;
    this.#connectionResets = connectionResets;
    this.#truncatedBodies = truncatedBodies;
    this.#malformedBodies = malformedBodies;
  }

  /** The delay to add before answering. */
  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** Decides the fate of one arriving request, counting down the fault that applies. */
  take(): FaultAction {
    if (this.#connectionResets > 0) {
      this.#connectionResets -= 1;
      return { kind: 'reset' };
    }
    if (this.#rateLimited > 0) {
      this.#rateLimited -= 1;
      return { kind: 'status', status: 429 };
    }
    if (this.#serverErrors > 0) {
      this.#serverErrors -= 1;
      const status = this.#serverErrorStatus ?? (SERVER_ERROR_CYCLE[this.#serverErrorsSent % SERVER_ERROR_CYCLE.length] as number);
      this.#serverErrorsSent += 1;
      return { kind: 'status', status };
    }
    return { kind: 'serve' };
  }

  /** True (and counted down) when the next response with a body should be cut in half. */
  takeTruncation(): boolean {
    if (this.#truncatedBodies === 0) return false;
    this.#truncatedBodies -= 1;
    return true;
  }

  /**
   * The body to serve instead of a successful response's `body` when a malformed body is due
   * (counted down only when the body had an `id` to break); undefined to serve it as it is.
   */
  malform(status: number, body: string): string | undefined {
    if (this.#malformedBodies === 0 || status < 200 || status > 299) return undefined;
    const broken = nullFirstId(body);
    if (broken !== undefined) this.#malformedBodies -= 1;
    return broken;
  }

  /** The faults still armed. */
  snapshot(): FaultOptions {
    return {
      latencyMs: this.#latencyMs,
      serverErrors: this.#serverErrors,
      ...(this.#serverErrorStatus === undefined ? {} : { serverErrorStatus: this.#serverErrorStatus }),
      rateLimited: this.#rateLimited,
      connectionResets: this.#connectionResets,
      truncatedBodies: this.#truncatedBodies,
      malformedBodies: this.#malformedBodies,
    };
  }
}
