#!/usr/bin/env -S node --optimize-for-size
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { rudderstackIdentity } from './identity.js';

await runConnectorBin(rudderstackIdentity, async () => (await import('./connector.js')).rudderstackConnector);
