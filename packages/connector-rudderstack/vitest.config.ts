import { packageTestConfig } from '../../vitest.shared.js';

export default packageTestConfig(import.meta.url, { setupFiles: ['@c1/connector-sdk/testing/setup'] });
