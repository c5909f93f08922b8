/** @c1/connector-scalr: a Baton-compatible connector for the users and service accounts of a Scalr account. @packageDocumentation */
export * from './client.js';
export * from './config.js';
export * from './connector.js';
export * from './identity.js';
export * from './users.js';
