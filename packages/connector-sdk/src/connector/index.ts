export * from './capabilities.js';
export * from './contract.js';
