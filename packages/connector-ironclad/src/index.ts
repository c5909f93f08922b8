/**
 * @c1/connector-ironclad: a Baton-compatible connector for Ironclad accounts and groups (SCIM),
 * with group provisioning and account creation.
 * @packageDocumentation
 */
export * from './accounts.js';
export * from './client.js';
export * from './config.js';
export * from './connector.js';
export * from './identity.js';
export * from './groups.js';
export * from './password.js';
export * from './users.js';
