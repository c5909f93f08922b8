/**
 * @c1/connector-sdk/bin: the whole `main` of a connector's bin. `--help` and `--version` are
 * answered from the connector's identity alone; any other command line loads the connector
 * and the full CLI first. This module imports nothing else, so those two answers load no store,
 * HTTP or gRPC code and no connector code beyond its identity; in a single executable they
 * compile none of it either (see `SEA_FULL_CLI_ASSET`).
 * @packageDocumentation
 */
import { prepareBinProcess } from '../bin/process-setup.js';
import { startSeaFullCli } from '../bin/sea-full-cli.js';
import { parseArgv } from '../config/argv.js';
import type { ConnectorDefinition } from '../connector/contract.js';
import type { ConnectorIdentity } from '../connector/identity.js';
import { EXIT_CODES } from './exit-codes.js';
import { fullSchema } from './schema.js';
import { staticAnswer } from './static-answer.js';

/**
 * Runs a connector's bin on the process's argv: prints `--help`/`--version` from `identity`,
 * or else awaits `load` (a dynamic import of the connector's definition, which spreads the same
 * identity) and runs the full CLI with `runConnectorMain`'s signal handling and exit codes.
 *
 * ```ts
 * await runConnectorBin(ilertIdentity, async () => (await import('./connector.js')).ilertConnector);
 * ```
 */
export async function runConnectorBin(identity: ConnectorIdentity, load: () => Promise<ConnectorDefinition>): Promise<never> {
  prepareBinProcess();
  const answer = answerFromIdentity(identity, process.argv.slice(2));
  if (answer !== undefined) return printAndExit(answer);
  // In a single executable, the complete CLI is a separate asset that runs the command and exits.
  if (startSeaFullCli()) return new Promise<never>(() => {});
  const [{ runConnectorMain }, definition] = await Promise.all([import('./main.js'), load()]);
  return runConnectorMain(definition);
}

/** The `--help`/`--version` text for `argv`; undefined for anything else, and for an identity the full CLI must report on. */
function answerFromIdentity(identity: ConnectorIdentity, argv: readonly string[]): string | undefined {
  let schema;
  try {
    schema = fullSchema(identity);
  } catch {
    // A clash between the connector's fields and the SDK's: the full CLI presents it.
    return undefined;
  }
  return staticAnswer(identity, schema, parseArgv(schema, argv));
}

/** Writes `text` to stdout and exits 0 once it is flushed; a reader that went away (`| head`) is no error. */
async function printAndExit(text: string): Promise<never> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((done) => process.stdout.write(text, () => done()));
  process.exit(EXIT_CODES.ok);
}

export { SEA_FULL_CLI_ASSET } from '../bin/sea-full-cli.js';
export { SYNC_NODE_FLAGS } from '../sync/node-flags.js';
