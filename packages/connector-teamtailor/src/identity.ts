import { defineConnectorIdentity } from '@c1/connector-sdk/declare';
import packageJson from '../package.json' with { type: 'json' };
import { teamtailorConfig } from './config.js';

/** `baton-teamtailor`'s name, version and settings: all its bin loads to answer `--help` and `--version`. */
export const teamtailorIdentity = defineConnectorIdentity({ name: 'teamtailor', version: packageJson.version, config: teamtailorConfig });
