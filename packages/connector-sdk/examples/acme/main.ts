#!/usr/bin/env node
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { acmeDeclaration } from './declaration.js';

// --help and --version come from the declaration; any other command loads the connector first.
// Flags, env vars, sync to a c1z file, validate, inspect commands, exit codes: all from the SDK.
await runConnectorBin(acmeDeclaration, async () => (await import('./connector.js')).acmeConnector);
