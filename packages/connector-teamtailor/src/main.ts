#!/usr/bin/env node
import { runConnectorMain } from '@c1/connector-sdk';
import { teamtailorConnector } from './connector.js';

await runConnectorMain(teamtailorConnector);
