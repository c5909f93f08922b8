/**
 * @c1/connector-rudderstack: a Baton-compatible, read-only connector for RudderStack SCIM users,
 * groups and group memberships.
 * @packageDocumentation
 */
export * from './config.js';
export * from './connector.js';
export * from './identity.js';
