#!/usr/bin/env node
import { runConnectorMain } from '@c1/connector-sdk';
import { scalrConnector } from './connector.js';

await runConnectorMain(scalrConnector);
