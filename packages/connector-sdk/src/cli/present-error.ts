import { isConnectorError } from '../errors/index.js';
import { plainText, redactSecrets } from '../log/index.js';
import { EXIT_CODES, exitCodeForAbort, type ExitCode, STDOUT_CLOSED } from './exit-codes.js';
import type { TextOutput } from './output.js';
import { InterruptedError, isUsageError } from './cli-errors.js';

/** What {@link presentError} needs to know about the run. */
export interface PresentErrorOptions {
  binary: string;
  /** Print stack traces of unexpected errors (`--log-level debug`). */
  debug: boolean;
  /** The run's abort signal: an error after it fired is an interruption. */
  signal: AbortSignal;
}

/**
 * Prints an error for an operator and returns the exit code. Expected failures (usage and
 * config problems, ConnectorError) print just their message; unexpected errors print their
 * message and, with `--log-level debug`, the stack. Every line is scrubbed of secrets and of
 * terminal control characters (an API's error text could otherwise drive the terminal).
 */
export async function presentError(error: unknown, stderr: TextOutput, options: PresentErrorOptions): Promise<ExitCode> {
  const say = (text: string): Promise<void> => stderr.line(redactSecrets(`${options.binary}: ${plainText(text)}`));
  // The reader of stdout went away (`| head`): what it wanted was printed; not an error.
  if (options.signal.reason === STDOUT_CLOSED) return EXIT_CODES.ok;
  if (options.signal.aborted) {
    await say(error instanceof InterruptedError ? error.message : 'interrupted');
    return exitCodeForAbort(options.signal);
  }
  if (isUsageError(error)) {
    await say(error.message);
    return EXIT_CODES.usage;
  }
  if (isConnectorError(error)) {
    await say(error.message);
    return EXIT_CODES.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  await say(`unexpected error: ${message}`);
  if (options.debug && error instanceof Error && error.stack) await stderr.line(redactSecrets(plainText(error.stack)));
  else await stderr.line('(run with --log-level debug to see the stack trace)');
  return EXIT_CODES.failed;
}
