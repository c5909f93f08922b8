#!/usr/bin/env -S node --optimize-for-size
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { teamtailorIdentity } from './identity.js';

await runConnectorBin(teamtailorIdentity, async () => (await import('./connector.js')).teamtailorConnector);
