/**
 * Timing helpers for tests that drive a client against the sandbox: wait until a service has
 * seen a number of requests, and arm faults so they hit exactly the nth request to an endpoint.
 */
import type { FaultOptions } from './core/faults.js';
import type { Sandbox, SandboxServiceName } from './sandbox.js';

/** How often {@link waitForCount} looks at the count, in milliseconds. */
const POLL_INTERVAL_MS = 2;
/** Latency that holds requests while {@link armAt} waits for the nth one, in milliseconds. */
const HOLD_LATENCY_MS = 300;

/**
 * Resolves once `count()` reaches `target`, looking every 2 ms; rejects with the count it saw
 * when `timeoutMs` (default 20 s) passes first.
 */
export async function waitForCount(count: () => number, target: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (count() < target) {
    if (Date.now() > deadline) throw new Error(`request count stayed at ${count()}, expected ${target}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/**
 * Makes `faults` hit exactly the `nth` request to `endpoint` (`'GET /users'`, relative to the
 * service's mount) of one service, counted from this call, and every request after it.
 *
 * It slows the service down at once (300 ms latency) and returns a hook that waits for the nth
 * request, then replaces the service's faults with `faults` (latency off unless `faults` sets
 * it). The sandbox counts a request when it arrives but picks its fault only after the latency,
 * so the held nth request is the first to meet `faults`; this holds for a client that sends one
 * request to the service at a time. Start the client, then await the hook while it runs (it
 * fits the `during` hook of a CLI runner).
 */
export function armAt(
  sandbox: Sandbox,
  service: SandboxServiceName,
  endpoint: string,
  nth: number,
  faults: FaultOptions,
): () => Promise<void> {
  const start = sandbox.requestCount(service, endpoint);
  sandbox.setFaults({ latencyMs: HOLD_LATENCY_MS }, service);
  return async () => {
    await waitForCount(() => sandbox.requestCount(service, endpoint), start + nth);
    sandbox.setFaults(faults, service);
  };
}
