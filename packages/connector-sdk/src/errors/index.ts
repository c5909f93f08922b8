export * from './codes.js';
export * from './connector-error.js';
