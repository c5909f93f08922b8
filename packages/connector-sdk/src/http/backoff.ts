/**
 * Full-jitter exponential backoff: a random wait in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))).
 * `retry` counts from 1; `random` returns a number in [0, 1).
 */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
