#!/usr/bin/env -S node --optimize-for-size
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { ilertIdentity } from './identity.js';

await runConnectorBin(ilertIdentity, async () => (await import('./connector.js')).ilertConnector);
