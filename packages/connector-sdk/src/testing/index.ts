/**
 * `@c1/connector-sdk/testing`: the connector author's test kit. MockAgent helpers, a harness
 * that runs a whole sync in memory, a conformance suite, and end-to-end helpers that run a
 * built connector CLI and read its c1z file back. It depends on no test framework. The preload
 * `@c1/connector-sdk/testing/fast-retry-waits` speeds up retry waits in a CLI under test.
 * @packageDocumentation
 */
export * from './conformance.js';
export * from './cli-failure.js';
export * from './connector-cli.js';
export * from './describe-conformance.js';
export * from './harness.js';
export * from './mock-agent.js';
export type * from './paging-recorder.js';
export * from './sync-content.js';
export * from './test-runtime.js';
