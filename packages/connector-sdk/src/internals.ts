/**
 * @c1/connector-sdk/internals: the pieces the SDK's own tools, the runner and the service host
 * build on: the CLI entry, the config engine, the sync engine and its tuning constants, the HTTP
 * client factory, runtime construction and secret redaction. Connector code does not need these.
 * @packageDocumentation
 */
export * from './cli/index.js';
export * from './config/index.js';
export * from './http/index.js';
export * from './log/index.js';
export * from './runtime/index.js';
export * from './sync/index.js';
