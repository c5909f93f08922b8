/**
 * `@c1/connector-sdk/testing`: the connector author's test kit, and the one the SDK's own tests
 * use. MockAgent helpers (with undici's mock types), a fake clock, a recording logger, a harness
 * that runs a whole sync in memory, a conformance suite, end-to-end helpers that run a built
 * connector CLI against a fake API and read its c1z file back, fault-suite scenarios, and a
 * hostile HTTP server. It depends on no test framework. The preload
 * `@c1/connector-sdk/testing/fast-retry-waits` speeds up retry waits in a CLI under test.
 * @packageDocumentation
 */
export * from './capabilities-check.js';
export * from './conformance.js';
export * from './cli-failure.js';
export * from './connector-cli.js';
export * from './describe-conformance.js';
export * from './e2e-fixture.js';
export * from './fake-clock.js';
export * from './fault-suite.js';
export * from './harness.js';
export * from './hostile-server.js';
export * from './mock-agent.js';
export * from './recording-logger.js';
export type * from './paging-recorder.js';
export * from './sync-content.js';
export * from './test-runtime.js';
