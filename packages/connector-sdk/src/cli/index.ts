export { EXIT_CODES, type ExitCode } from './exit-codes.js';
export { runConnectorMain } from './main.js';
export { runCli, type CliIo } from './run-cli.js';
