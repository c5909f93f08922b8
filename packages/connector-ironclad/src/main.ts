#!/usr/bin/env -S node --optimize-for-size
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { ironcladIdentity } from './identity.js';

await runConnectorBin(ironcladIdentity, async () => (await import('./connector.js')).ironcladConnector);
