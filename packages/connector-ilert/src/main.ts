#!/usr/bin/env node
import '@c1/connector-sdk/prelude';
import { runConnectorMain } from '@c1/connector-sdk';
import { ilertConnector } from './connector.js';

await runConnectorMain(ilertConnector);
