#!/usr/bin/env node
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { scalrIdentity } from './identity.js';

await runConnectorBin(scalrIdentity, async () => (await import('./connector.js')).scalrConnector);
