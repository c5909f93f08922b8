import { defineConnectorIdentity } from '@c1/connector-sdk/declare';
import packageJson from '../package.json' with { type: 'json' };
import { scalrConfig } from './config.js';

/** `baton-scalr`'s name, version and settings: all its bin loads to answer `--help` and `--version`. */
export const scalrIdentity = defineConnectorIdentity({ name: 'scalr', version: packageJson.version, config: scalrConfig });
