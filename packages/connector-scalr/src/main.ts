#!/usr/bin/env node
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { scalrDeclaration } from './declaration.js';

await runConnectorBin(scalrDeclaration, async () => (await import('./connector.js')).scalrConnector);
