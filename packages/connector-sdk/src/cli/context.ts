import type { ConnectorDefinition } from '../connector/index.js';
import type { Logger } from '../log/index.js';
import type { OutputFormat, TextOutput } from './output.js';
import type { CliSettings } from './settings.js';

/** Everything a command needs: the connector package, settings, logger and output streams. */
export interface CommandContext {
  definition: ConnectorDefinition;
  /** `baton-<name>`. */
  binary: string;
  /** The standard and command flags, resolved once for the run. */
  settings: CliSettings;
  /** The connector's own config values, resolved with the settings; empty unless the command needs them. */
  connectorValues: Readonly<Record<string, unknown>>;
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
  /**
   * Whether the command builds the connector, so the connector's own fields (credentials) must be
   * set and valid. When false they are not read at all: `capabilities`, `config` and the inspect
   * commands run without credentials.
   */
  needsConnectorConfig: boolean;
  /** Runs the command and returns the exit code; throws for failures the CLI presents. */
  run(ctx: CommandContext): Promise<number>;
}
