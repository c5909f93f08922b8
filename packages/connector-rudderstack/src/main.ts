#!/usr/bin/env node
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { rudderstackDeclaration } from './declaration.js';

await runConnectorBin(rudderstackDeclaration, async () => (await import('./connector.js')).rudderstackConnector);
