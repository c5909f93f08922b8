#!/usr/bin/env node
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { rudderstackIdentity } from './identity.js';

await runConnectorBin(rudderstackIdentity, async () => (await import('./connector.js')).rudderstackConnector);
