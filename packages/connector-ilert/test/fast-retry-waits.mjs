/**
 * Test-only preload (`node --import ./test/fast-retry-waits.mjs dist/main.js`): runs timers of
 * 0.5 s to 60 s fifty times faster, so the built CLI's retry backoff and rate-limit waits pass in
 * a blink while the fault tests still exercise the real retry budgets. Shorter timers (undici's
 * 499 ms clock tick among them) and longer ones (the 300 s HTTP timeout) keep their length.
 */
const realSetTimeout = globalThis.setTimeout;
const SPEED_UP = 50;

function fastSetTimeout(callback, delay, ...args) {
  const shortened = typeof delay === 'number' && delay >= 500 && delay <= 60_000 ? Math.ceil(delay / SPEED_UP) : delay;
  return realSetTimeout(callback, shortened, ...args);
}
Object.defineProperties(fastSetTimeout, Object.getOwnPropertyDescriptors(realSetTimeout));
globalThis.setTimeout = fastSetTimeout;
