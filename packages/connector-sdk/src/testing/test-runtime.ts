import type { ConnectorRuntime } from '../connector/contract.js';
import type { ConfigField } from '../config/fields.js';
import type { Timing } from '../http/timing.js';
import type { ClientRateLimit, RetryOptions } from '../http/types.js';
import type { Logger } from '../log/logger.js';
import { createConnectorRuntime } from '../runtime/create-runtime.js';

/** What {@link testRuntime} takes; every field has a test-friendly default. */
export interface TestRuntimeOptions {
  /** Default `silentLogger`. */
  logger?: Logger;
  /** `--provisioning`. Default false. */
  provisioning?: boolean;
  /** Default `baton-test/0.0.0-test`. */
  userAgent?: string;
  /** Default 5 000 ms. */
  timeoutMs?: number;
  /** Default: 3 attempts, 1-5 ms backoff. */
  retry?: RetryOptions;
  /**
   * Replaces every client's declared rate limit. Default: none (requests are not held);
   * `'declared'` keeps the connector's own limits (to test them, with a fake `timing`).
   */
  rateLimit?: ClientRateLimit | 'declared';
  /** A fake clock (see `fakeClock`), for tests of waits. */
  timing?: Timing;
  /** The connector's config fields, so hints name env overrides as the CLI would. */
  fields?: Record<string, ConfigField>;
}

/** The test retry policy: three attempts with millisecond backoff. */
export const TEST_RETRY: RetryOptions = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

/**
 * A runtime for unit tests of a connector's `create`: quiet, with instant retries and no
 * client-side rate limit unless asked for. HTTP goes through undici's global dispatcher (a
 * MockAgent from `installMockAgent`). `K` is the connector's config keys.
 */
export function testRuntime<K extends string = string>(options: TestRuntimeOptions = {}): ConnectorRuntime<K> {
  const rateLimit = options.rateLimit === 'declared' ? undefined : (options.rateLimit ?? null);
  return createConnectorRuntime<K>({
    userAgent: options.userAgent ?? 'baton-test/0.0.0-test',
    timeoutMs: options.timeoutMs ?? 5_000,
    provisioning: options.provisioning ?? false,
    ...(options.logger && { logger: options.logger }),
    ...(options.fields && { fields: options.fields }),
    http: {
      retry: options.retry ?? TEST_RETRY,
      ...(rateLimit !== undefined && { rateLimit }),
      ...(options.timing && { timing: options.timing }),
    },
  });
}
