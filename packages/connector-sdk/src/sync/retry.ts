import { isRetryableCode } from '../errors/codes.js';
import { isConnectorError } from '../errors/connector-error.js';
import type { Logger } from '../log/logger.js';
import type { SyncRetryOptions, SyncTiming } from './types.js';

/** Retry settings with defaults filled in. */
export type RetryPolicy = Required<SyncRetryOptions>;

/**
 * Baton's syncer backoff (linear, one second per attempt, capped at a minute), with a small
 * attempt budget. It applies to connector calls that fail with a retryable error nobody retried
 * yet; the SDK's HTTP client retries its requests itself (with backoff and rate-limit waits)
 * and marks what it gives up on, which the engine then does not retry again. A rerun resumes
 * from the last checkpoint. Baton itself retries without limit.
 */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };

/**
 * How long to wait before retry number `attempt` (1-based) after `error`: until the rate limit
 * resets when the error says when, else `attempt × baseDelayMs`; never more than `maxDelayMs`.
 */
export function retryDelayMs(error: unknown, attempt: number, policy: RetryPolicy, now: number): number {
  const resetAt = isConnectorError(error) ? error.rateLimit?.resetAt : undefined;
  const wait = resetAt && resetAt.getTime() > now ? resetAt.getTime() - now : attempt * policy.baseDelayMs;
  return Math.min(wait, policy.maxDelayMs);
}

/** Where a retried call reports its waits. */
export interface RetryContext {
  policy: RetryPolicy;
  timing: SyncTiming;
  signal: AbortSignal;
  logger: Logger;
  /** Told as a wait before a retry starts; may return a function called when it ends. */
  onWait(ms: number): (() => void) | void;
}

/**
 * Calls `fn` until it succeeds, retrying ConnectorErrors with a retryable code that their
 * thrower has not retried already. Other errors, the last attempt's error and aborts go to the
 * caller.
 */
export async function withRetry<T>(what: string, fn: () => Promise<T>, context: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      // An error its thrower already retried (the HTTP client's, say) is final: retrying it
      // here would multiply the attempts.
      const retryable = isConnectorError(error) && isRetryableCode(error.code) && (error.attempts ?? 1) <= 1;
      if (!retryable || attempt >= context.policy.maxAttempts || context.signal.aborted) throw error;
      const waitMs = retryDelayMs(error, attempt, context.policy, context.timing.now());
      context.logger.warn(`${what} failed, retrying`, { attempt, waitMs, code: error.code, error: error.message });
      const ended = context.onWait(waitMs);
      try {
        await context.timing.sleep(waitMs, context.signal);
      } finally {
        ended?.();
      }
    }
  }
}
