#!/usr/bin/env node
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { teamtailorDeclaration } from './declaration.js';

await runConnectorBin(teamtailorDeclaration, async () => (await import('./connector.js')).teamtailorConnector);
