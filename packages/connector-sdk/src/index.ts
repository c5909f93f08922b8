/**
 * @c1/connector-sdk: build Baton-compatible identity-governance connectors in TypeScript.
 * @packageDocumentation
 */
export * from './c1z/index.js';
export * from './cli/index.js';
export * from './config/index.js';
export * from './connector/index.js';
export * from './errors/index.js';
export * from './http/index.js';
export * from './kits/index.js';
export * from './log/index.js';
export * from './model/index.js';
export * from './pagination/index.js';
export * from './runtime/index.js';
export * from './scim/index.js';
export * from './sync/index.js';
