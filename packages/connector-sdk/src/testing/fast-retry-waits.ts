/**
 * `@c1/connector-sdk/testing/fast-retry-waits`: FOR TESTS ONLY, never load it in production.
 *
 * A node preload for end-to-end tests of a built connector CLI
 * (`node --import @c1/connector-sdk/testing/fast-retry-waits dist/main.js …`, or
 * `runConnectorCli(dir, args, { preloads: ['@c1/connector-sdk/testing/fast-retry-waits'] })`).
 * Importing it makes every `setTimeout` of 0.5 s to 60 s in the process run 50 times faster, so
 * the CLI's retry backoff and rate-limit waits pass in a blink while fault tests still exercise
 * the real retry budgets. Shorter timers (undici's 499 ms clock tick among them) and longer ones
 * (the 300 s HTTP timeout) keep their length.
 * @packageDocumentation
 */
import { speedUpRetryWaits } from './fast-timers.js';

speedUpRetryWaits(globalThis);
