export * from './capabilities.js';
export * from './contract.js';
export * from './validate.js';
export * from './identity.js';
