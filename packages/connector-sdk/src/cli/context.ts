import type { ConnectorDefinition } from '../connector/index.js';
import type { Logger } from '../log/index.js';
import type { OutputFormat, TextOutput } from './output.js';
import type { CliSettings } from './settings.js';

/** Everything a command needs: the connector package, settings, logger and output streams. */
export interface CommandContext {
  definition: ConnectorDefinition;
  /** `baton-<name>`. */
  binary: string;
  settings: CliSettings;
  /** Every resolved config value, the connector's own included when the command needs them. */
  values: Readonly<Record<string, unknown>>;
  logger: Logger;
  stdout: TextOutput;
  stderr: TextOutput;
  /** How listings are printed. */
  format: OutputFormat;
  /** Aborted on SIGINT/SIGTERM (its reason is the signal name). */
  signal: AbortSignal;
}

/** A subcommand of `baton-<name>`. */
export interface Command {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Whether the command builds the connector, so its config (credentials) must be valid. */
  usesConnector: boolean;
  /** Runs the command and returns the exit code; throws for failures the CLI presents. */
  run(ctx: CommandContext): Promise<number>;
}
