/**
 * @c1/connector-sdk/declare: what a connector's identity module needs, and nothing else of the
 * SDK: `defineConnectorIdentity`, `defineConfig`, the field types and the field checks. A bin loads
 * only this (and `@c1/connector-sdk/bin`) to answer `--help` and `--version`; the root export
 * holds the same functions.
 * @packageDocumentation
 */
export * from './config/fields.js';
export * from './config/checks.js';
export type { ConfigKey } from './connector/contract.js';
export { defineConnectorIdentity, type ConnectorIdentity } from './connector/identity.js';
