import { defineConnectorIdentity } from '@c1/connector-sdk/declare';
import packageJson from '../package.json' with { type: 'json' };
import { ilertConfig } from './config.js';

/** `baton-ilert`'s name, version and settings: all its bin loads to answer `--help` and `--version`. */
export const ilertIdentity = defineConnectorIdentity({ name: 'ilert', version: packageJson.version, config: ilertConfig });
