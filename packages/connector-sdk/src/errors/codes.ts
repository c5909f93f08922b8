/**
 * Error codes, named after the gRPC codes Baton maps HTTP failures to. The sync engine decides
 * what to do from the code alone: `unavailable` and `deadline-exceeded` are retried, `not-found`
 * on one resource's entitlements or grants is a warning, everything else fails the job.
 * `resource-exhausted` means the API asked for a longer wait than the client accepts, or sent a
 * response body larger than the client reads.
 */
export const ERROR_CODES = [
  'invalid-argument',
  'unauthenticated',
  'permission-denied',
  'not-found',
  'deadline-exceeded',
  'already-exists',
  'failed-precondition',
  'resource-exhausted',
  'unimplemented',
  'unavailable',
  'internal',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether errors with this code are worth retrying. */
export function isRetryableCode(code: ErrorCode): boolean {
  return code === 'unavailable' || code === 'deadline-exceeded';
}
