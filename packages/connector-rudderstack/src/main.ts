#!/usr/bin/env node
import { runConnectorMain } from '@c1/connector-sdk';
import { rudderstackConnector } from './connector.js';

await runConnectorMain(rudderstackConnector);
