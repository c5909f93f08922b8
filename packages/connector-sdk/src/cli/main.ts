import type { ConnectorDefinition } from '../connector/index.js';
import { EXIT_CODES, STDOUT_CLOSED } from './exit-codes.js';
import { runCli } from './run-cli.js';

/**
 * The whole `main` of a connector binary: runs the CLI on the process's argv, env and streams,
 * turns the first SIGINT/SIGTERM into a graceful abort (a sync checkpoints, then the process
 * exits 130/143), a second one into an immediate exit, and exits with the CLI's code.
 */
export async function runConnectorMain(definition: ConnectorDefinition): Promise<never> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(signal === 'SIGTERM' ? EXIT_CODES.terminated : EXIT_CODES.interrupted);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A reader that goes away (`| head`) is not an error of ours: stop writing, let the command
  // close what it opened, and exit 0.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (!controller.signal.aborted) controller.abort(STDOUT_CLOSED);
  });
  // Nothing can be reported once stderr's reader is gone; carry on with the job.
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const code = await runCli(definition, { signal: controller.signal });
  // Exit once stdout has flushed, so piped output is never cut short.
  if (!process.stdout.destroyed) await new Promise<void>((done) => process.stdout.write('', () => done()));
  process.exit(code);
}
