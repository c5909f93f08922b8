#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=50
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { ironcladIdentity } from './identity.js';

await runConnectorBin(ironcladIdentity, async () => (await import('./connector.js')).ironcladConnector);
