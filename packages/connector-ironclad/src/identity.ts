import { defineConnectorIdentity } from '@c1/connector-sdk/declare';
import packageJson from '../package.json' with { type: 'json' };
import { ironcladConfig } from './config.js';

/** `baton-ironclad`'s name, version and settings: all its bin loads to answer `--help` and `--version`. */
export const ironcladIdentity = defineConnectorIdentity({ name: 'ironclad', version: packageJson.version, config: ironcladConfig });
