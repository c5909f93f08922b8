/**
 * Imported first by a bin entry that calls `runConnectorMain` itself, for its effects, before
 * anything that loads the store: turns on Node's module compile cache and keeps the
 * experimental-feature notices of the built-in SQLite and zstd off the operator's terminal (see
 * `prepareBinProcess`). `runConnectorBin` of `@c1/connector-sdk/bin` does the same on its own.
 * @packageDocumentation
 */
import { prepareBinProcess } from './process-setup.js';

prepareBinProcess();
