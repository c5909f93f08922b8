/**
 * Full-jitter exponential backoff: a random wait in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))).
 * `retry` counts from 1; `random` returns a number in [0, 1).
 */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The wait after a rate-limit rejection that names no wait: a random wait in
 * [max(minMs, ceiling / 2), ceiling) where ceiling = min(maxMs, minMs * 2^retry), so it is never
 * shorter than `minMs`, grows with each retry, and stays jittered at the `maxMs` cap.
 */
export function overLimitDelay(retry: number, minMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.max(minMs, Math.min(maxMs, minMs * 2 ** Math.max(1, retry)));
  const floor = Math.min(ceiling, Math.max(minMs, ceiling / 2));
  return Math.floor(floor + random() * (ceiling - floor));
}
