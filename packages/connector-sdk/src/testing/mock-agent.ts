import { getGlobalDispatcher, MockAgent, setGlobalDispatcher, type Dispatcher } from 'undici';

/**
 * undici's mock types, from the undici the SDK sends with: a test that types its agent with
 * these compiles against the agent {@link installMockAgent} returns, whichever undici the
 * test's own project resolves.
 */
export type { Interceptable, MockAgent, MockPool } from 'undici';

/** What {@link installMockAgent} returns. */
export interface InstalledMockAgent {
  /** The agent to register interceptors on: `agent.get(origin).intercept(...).reply(...)`. */
  agent: MockAgent;
  /** Closes the agent and puts back the dispatcher that was installed before. */
  restore(): Promise<void>;
}

/** What {@link installMockAgent} takes. */
export interface InstallMockAgentOptions {
  /**
   * Hosts that may still be reached for real, matched against `host[:port]` of the request
   * (see {@link LOOPBACK_HOSTS}). Everything else that is not intercepted fails the request.
   */
  allowHosts?: ReadonlyArray<string | RegExp>;
}

/**
 * Installs an undici `MockAgent` as the process-wide dispatcher with real network access
 * disabled, so a request that no interceptor matches fails instead of leaving the machine.
 * The SDK's HTTP client sends through undici's global dispatcher, so the mock sees every
 * request a connector makes.
 */
export function installMockAgent(options: InstallMockAgentOptions = {}): InstalledMockAgent {
  const previous: Dispatcher = getGlobalDispatcher();
  const agent = createMockAgent(options);
  setGlobalDispatcher(agent);
  let restored = false;
  return {
    agent,
    async restore() {
      if (restored) return;
      restored = true;
      setGlobalDispatcher(previous);
      await agent.close();
    },
  };
}

/**
 * A `MockAgent` with real network access disabled (but for `allowHosts`), not installed
 * anywhere: for code that takes its dispatcher as an option. Close it after the test.
 */
export function createMockAgent(options: InstallMockAgentOptions = {}): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  for (const host of options.allowHosts ?? []) {
    if (typeof host === 'string') agent.enableNetConnect(host);
    else agent.enableNetConnect(host);
  }
  return agent;
}

/** The test-framework hooks {@link useMockAgent} registers with (vitest's, jest's, node:test's). */
export interface EachTestHooks {
  beforeEach(fn: () => void | Promise<void>): void;
  afterEach(fn: () => void | Promise<void>): void;
}

/** What {@link useMockAgent} returns: the agent of the test that is running. */
export interface MockAgentPerTest {
  /** The agent installed for the running test; throws outside a test. */
  readonly agent: MockAgent;
}

/**
 * Installs a fresh MockAgent before each test and restores the previous dispatcher after it:
 *
 * ```ts
 * import { afterEach, beforeEach } from 'vitest';
 * const mock = useMockAgent({ beforeEach, afterEach });
 * it('lists users', async () => { mock.agent.get(ORIGIN).intercept(...).reply(...); ... });
 * ```
 */
export function useMockAgent(hooks: EachTestHooks, options: InstallMockAgentOptions = {}): MockAgentPerTest {
  let installed: InstalledMockAgent | undefined;
  hooks.beforeEach(() => {
    installed = installMockAgent(options);
  });
  hooks.afterEach(async () => {
    await installed?.restore();
    installed = undefined;
  });
  return {
    get agent(): MockAgent {
      if (!installed) throw new Error('useMockAgent: no test is running, so no agent is installed');
      return installed.agent;
    },
  };
}

/** Headers for a JSON reply: `.reply(200, body, { headers: JSON_HEADERS })`. */
export const JSON_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

/**
 * Throws when an interceptor registered on `agent` was never used (or was used fewer times
 * than declared), listing each one: a test that mocks a request the connector no longer
 * makes should say so.
 */
export function assertNoPendingInterceptors(agent: MockAgent): void {
  agent.assertNoPendingInterceptors();
}

/** Matchers for loopback hosts on any port, for {@link InstallMockAgentOptions.allowHosts}. */
export const LOOPBACK_HOSTS: readonly RegExp[] = [/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}(:\d+)?$/, /^localhost(:\d+)?$/, /^\[::1\](:\d+)?$/];

export { isMockNotMatchedError, MOCK_NOT_MATCHED_CODE } from '../http/errors.js';
