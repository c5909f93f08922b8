#!/usr/bin/env -S node --optimize-for-size
import { runConnectorBin } from '@c1/connector-sdk/bin';
import { acmeIdentity } from './identity.js';

// --help and --version come from the identity; any other command loads the connector first.
// Flags, env vars, sync to a c1z file, validate, inspect commands, exit codes: all from the SDK.
await runConnectorBin(acmeIdentity, async () => (await import('./connector.js')).acmeConnector);
