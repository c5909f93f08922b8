#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=50
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { rudderstackIdentity } from './identity.js';

await runConnectorBin(rudderstackIdentity, async () => (await import('./connector.js')).rudderstackConnector);
