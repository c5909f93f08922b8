/**
 * @c1/connector-teamtailor: a Baton-compatible connector for Teamtailor users and their access roles.
 * @packageDocumentation
 */
export * from './client.js';
export * from './config.js';
export * from './connector.js';
export * from './identity.js';
export * from './users.js';
