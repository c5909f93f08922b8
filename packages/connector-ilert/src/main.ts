#!/usr/bin/env node
import { runConnectorMain } from '@c1/connector-sdk';
import { ilertConnector } from './connector.js';

await runConnectorMain(ilertConnector);
