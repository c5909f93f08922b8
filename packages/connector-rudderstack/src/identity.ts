import { defineConnectorIdentity } from '@c1/connector-sdk/declare';
import packageJson from '../package.json' with { type: 'json' };
import { rudderstackConfig } from './config.js';

/** `baton-rudderstack`'s name, version and settings: all its bin loads to answer `--help` and `--version`. */
export const rudderstackIdentity = defineConnectorIdentity({
  name: 'rudderstack',
  version: packageJson.version,
  config: rudderstackConfig,
});
