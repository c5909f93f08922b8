#!/usr/bin/env -S node --optimize-for-size
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { scalrIdentity } from './identity.js';

await runConnectorBin(scalrIdentity, async () => (await import('./connector.js')).scalrConnector);
