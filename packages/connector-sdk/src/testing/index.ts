/**
 * `@c1/connector-sdk/testing`: the connector author's test kit. MockAgent helpers, a harness
 * that runs a whole sync in memory, and a conformance suite. It depends on no test framework.
 * @packageDocumentation
 */
export * from './conformance.js';
export * from './describe-conformance.js';
export * from './harness.js';
export * from './mock-agent.js';
export type * from './paging-recorder.js';
