import type { Logger } from '../log/index.js';
import { errorMessage } from './log-safe.js';

/** Logs a lost connection to C1 once when it starts and once when it ends, never per attempt. */
export class OutageLog {
  readonly #logger: Logger;
  #since?: number;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** A call to C1 failed in a way worth retrying. */
  failed(error: unknown, now = Date.now()): void {
    if (this.#since !== undefined) return;
    this.#since = now;
    this.#logger.warn('C1 is unreachable; retrying with backoff', { error: errorMessage(error) });
  }

  /** A call to C1 succeeded. */
  recovered(now = Date.now()): void {
    if (this.#since === undefined) return;
    this.#logger.info('reconnected to C1', { outageSeconds: Math.round((now - this.#since) / 1000) });
    this.#since = undefined;
  }
}
