import { defineConnectorIdentity } from '@c1/connector-sdk/declare';
import { acmeConfig } from './config.js';

// Everything the binary needs for --help and --version, without loading the connector.
export const acmeIdentity = defineConnectorIdentity({
  name: 'acme', // the binary is baton-acme
  version: '1.0.0',
  config: acmeConfig,
});
