import type { Connector } from '../connector/contract.js';
import { checkConformance, CONFORMANCE_RULES, formatViolations, type ConformanceRule } from './conformance.js';
import { runConnectorInMemory, type CollectedSync, type RunInMemoryOptions } from './harness.js';
import { installMockAgent, type MockAgent } from './mock-agent.js';

/** The test-framework functions {@link describeConformance} registers its tests with. */
export interface TestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeout?: number): void;
}

/** What the factory given to {@link describeConformance} returns. */
export interface ConformanceSubject {
  connector: Connector;
  /**
   * Registers the interceptors the sync needs on a MockAgent installed for it (and restored
   * after it), e.g. `intercept: (agent) => interceptListing(agent, 'users', [...])`.
   */
  intercept?: (agent: MockAgent) => void | Promise<void>;
  /** Runs before the sync (after `intercept`). */
  setup?: () => void | Promise<void>;
  /** Runs after the sync, even when it failed. */
  teardown?: () => void | Promise<void>;
  options?: RunInMemoryOptions;
}

/**
 * Registers a test suite that syncs the connector once (through the real engine, in memory)
 * and checks each conformance rule in its own test. The framework is passed in, so the SDK
 * never depends on one at run time:
 *
 * ```ts
 * import { describe, it } from 'vitest';
 * describeConformance('acme', () => ({ connector, setup, teardown }), { describe, it });
 * ```
 */
export function describeConformance(name: string, makeSubject: () => ConformanceSubject | Promise<ConformanceSubject>, api: TestApi): void {
  let run: Promise<CollectedSync> | undefined;
  const collect = () => (run ??= syncOnce(makeSubject));
  api.describe(`${name} conformance`, () => {
    api.it('syncs without error', async () => {
      await collect();
    });
    for (const [rule, description] of Object.entries(CONFORMANCE_RULES) as [ConformanceRule, string][]) {
      api.it(description, async () => {
        const violations = checkConformance(await collect()).filter((v) => v.rule === rule);
        if (violations.length > 0) throw new Error(formatViolations(violations));
      });
    }
  });
}

async function syncOnce(makeSubject: () => ConformanceSubject | Promise<ConformanceSubject>): Promise<CollectedSync> {
  const subject = await makeSubject();
  const mock = subject.intercept && installMockAgent();
  try {
    if (mock) await subject.intercept?.(mock.agent);
    await subject.setup?.();
    try {
      return await runConnectorInMemory(subject.connector, subject.options);
    } finally {
      await subject.teardown?.();
    }
  } finally {
    await mock?.restore();
  }
}
