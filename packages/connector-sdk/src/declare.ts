/**
 * @c1/connector-sdk/declare: what a connector's declaration module needs, and nothing else of the
 * SDK: `declareConnector`, `defineConfig`, the field types and the field checks. A bin loads
 * only this (and `@c1/connector-sdk/bin`) to answer `--help` and `--version`; the root export
 * holds the same functions.
 * @packageDocumentation
 */
export * from './config/fields.js';
export * from './config/checks.js';
export type { ConfigKey } from './connector/contract.js';
export { declareConnector, type ConnectorDeclaration } from './connector/declaration.js';
