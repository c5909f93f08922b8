/**
 * @c1/connector-ilert: a Baton-compatible connector for ilert users, teams and team roles.
 * @packageDocumentation
 */
export * from './client.js';
export * from './config.js';
export * from './connector.js';
export * from './identity.js';
export * from './teams.js';
export * from './users.js';
