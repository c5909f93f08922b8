/**
 * An error in how the binary was called: a bad flag, a missing value, an id that is not in the
 * c1z file. The CLI prints its message (no stack trace) and exits 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Whether a value is a {@link UsageError}. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}

/**
 * A command stopped by SIGINT/SIGTERM after saving what it could; its message tells the
 * operator what to do next. The CLI exits 130 (SIGINT) or 143 (SIGTERM).
 */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}
