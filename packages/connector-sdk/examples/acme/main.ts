#!/usr/bin/env node
// First: turns on the module compile cache and keeps Node's SQLite/zstd experimental notices quiet.
import '@c1/connector-sdk/prelude';
import { runConnectorMain } from '@c1/connector-sdk';
import { acmeConnector } from './connector.js';

// Flags, env vars, sync to a c1z file, validate, inspect commands, exit codes: all from the SDK.
await runConnectorMain(acmeConnector);
