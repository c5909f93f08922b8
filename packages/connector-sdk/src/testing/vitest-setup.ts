/**
 * Per-worker vitest setup, published as `@c1/connector-sdk/testing/setup` for connector
 * packages (`setupFiles: ['@c1/connector-sdk/testing/setup']`) and used by the SDK's own
 * tests: installs a MockAgent with real network access
 * disabled (loopback still allowed for local servers), so a test that forgets to mock a request
 * fails instead of reaching the internet. Tests install their own agent on top with
 * `installMockAgent()` and restore this one afterwards.
 */
import { installMockAgent, LOOPBACK_HOSTS } from './mock-agent.js';

installMockAgent({ allowHosts: LOOPBACK_HOSTS });
