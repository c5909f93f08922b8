#!/usr/bin/env node
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { ironcladDeclaration } from './declaration.js';

await runConnectorBin(ironcladDeclaration, async () => (await import('./connector.js')).ironcladConnector);
