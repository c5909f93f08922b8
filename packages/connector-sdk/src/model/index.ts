export * from './annotations.js';
export * from './baton-profile.js';
export * from './builders.js';
export * from './enums.js';
export * from './errors.js';
export * from './ids.js';
export * from './json.js';
export * from './limits.js';
export type * from './types.js';
