/**
 * Per-worker guard: network access is disabled except to loopback (the sandbox), so a test
 * that forgets to mock a request fails instead of reaching the internet.
 */
import { installMockAgent, LOOPBACK_HOSTS } from '@c1/connector-sdk/testing';

installMockAgent({ allowHosts: LOOPBACK_HOSTS });
