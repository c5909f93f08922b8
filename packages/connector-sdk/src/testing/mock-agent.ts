import { getGlobalDispatcher, MockAgent, setGlobalDispatcher, type Dispatcher } from 'undici';

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
  const agent = new MockAgent();
  agent.disableNetConnect();
  for (const host of options.allowHosts ?? []) {
    if (typeof host === 'string') agent.enableNetConnect(host);
    else agent.enableNetConnect(host);
  }
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
 * Throws when an interceptor registered on `agent` was never used (or was used fewer times
 * than declared), listing each one: a test that mocks a request the connector no longer
 * makes should say so.
 */
export function assertNoPendingInterceptors(agent: MockAgent): void {
  agent.assertNoPendingInterceptors();
}

/** Matchers for loopback hosts on any port, for {@link InstallMockAgentOptions.allowHosts}. */
export const LOOPBACK_HOSTS: readonly RegExp[] = [
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}(:\d+)?$/,
  /^localhost(:\d+)?$/,
  /^\[::1\](:\d+)?$/,
];

export { isMockNotMatchedError, MOCK_NOT_MATCHED_CODE } from '../http/errors.js';
