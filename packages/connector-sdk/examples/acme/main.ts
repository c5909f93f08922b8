#!/usr/bin/env node
import { runConnectorMain } from '@c1/connector-sdk';
import { acmeConnector } from './connector.js';

// Flags, env vars, sync to a c1z file, validate, inspect commands, exit codes: all from the SDK.
await runConnectorMain(acmeConnector);
