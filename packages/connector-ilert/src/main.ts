#!/usr/bin/env node
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { ilertDeclaration } from './declaration.js';

await runConnectorBin(ilertDeclaration, async () => (await import('./connector.js')).ilertConnector);
