import { formatConfigProblems, parseArgv } from '../config/index.js';
import type { ConfigProblem, ConfigSchema } from '../config/index.js';
import type { ConnectorDefinition } from '../connector/index.js';
import { createLogger } from '../log/index.js';
import { UsageError } from './cli-errors.js';
import { capabilitiesCommand } from './commands/capabilities.js';
import { configCommand } from './commands/config.js';
import { createAccountOnce } from './commands/create-account.js';
import { diffCommand } from './commands/diff.js';
import { exportCommand } from './commands/export.js';
import { entitlementsCommand, grantsCommand, resourcesCommand, statsCommand } from './commands/inspect.js';
import { grantOnce, revokeOnce } from './commands/provision.js';
import { syncCommand } from './commands/sync.js';
import { validateCommand } from './commands/validate.js';
import type { Command, CommandContext } from './context.js';
import { EXIT_CODES } from './exit-codes.js';
import { chooseOutputFormat, TextOutput } from './output.js';
import { presentError } from './present-error.js';
import { refuseUnsupported } from './read-only.js';
import { OPERATION_FLAGS, resolveRunConfig } from './run-config.js';
import { fullSchema } from './schema.js';
import { staticAnswer } from './static-answer.js';
import { type Operation, requestedOperations } from './settings.js';
import { serviceModeRequested } from '../service/mode.js';

/** The process environment a CLI run sees; tests pass in-memory streams and their own env. */
export interface CliIo {
  /** Arguments after the binary name; default `process.argv.slice(2)`. */
  argv?: string[];
  env?: Record<string, string | undefined>;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Relative paths (`--file`, `--config`) are taken from here; default `process.cwd()`. */
  cwd?: string;
  /** Aborting stops the run (a sync checkpoints first); its reason names the signal (`SIGINT`). */
  signal?: AbortSignal;
}

const OPERATIONS: Record<Operation, (ctx: CommandContext) => Promise<number>> = {
  grant: grantOnce,
  revoke: revokeOnce,
  'create-account': createAccountOnce,
};

/** Every command of the binary, in the order `--help` lists them. */
function commandsOf(schema: ConfigSchema): Command[] {
  return [
    syncCommand,
    validateCommand,
    capabilitiesCommand,
    configCommand(schema),
    resourcesCommand,
    entitlementsCommand,
    grantsCommand,
    statsCommand,
    diffCommand,
    exportCommand,
  ];
}

/**
 * Runs a `baton-<name>` command line and returns its exit code (never throws, never exits).
 * With no command it syncs into `--file`; see `--help` for the commands and flags.
 */
export async function runCli(definition: ConnectorDefinition, io: CliIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const signal = io.signal ?? new AbortController().signal;
  const stdout = new TextOutput(io.stdout ?? process.stdout, signal);
  const stderr = new TextOutput(io.stderr ?? process.stderr);
  const binary = `baton-${definition.name}`;
  let debug = false;
  try {
    const schema = fullSchema(definition);
    const commands = commandsOf(schema);
    const parsed = parseArgv(schema, io.argv ?? process.argv.slice(2));
    const answer = staticAnswer(definition, schema, parsed);
    if (answer !== undefined) {
      await stdout.write(answer);
      return EXIT_CODES.ok;
    }
    const seeHelp = `run ${binary} --help for the commands and flags`;
    const [name = 'sync', ...extra] = parsed.positionals;
    const command = commands.find((candidate) => candidate.name === name);
    const usageProblems: ConfigProblem[] = [...parsed.problems];
    if (!command) usageProblems.push({ message: `unknown command ${shownArgument(name, env)}` });
    if (extra.length > 0) usageProblems.push({ message: `unexpected argument ${shownArgument(extra[0] ?? '', env)} after ${name}` });
    if (!command) throw new UsageError(`${formatConfigProblems(usageProblems)}\n${seeHelp}`);

    const { settings, connectorValues } = await resolveRunConfig({
      definition,
      schema,
      command,
      commandGiven: parsed.positionals.length > 0,
      flags: parsed.flags,
      env,
      cwd,
      signal,
      usageProblems,
      seeHelp,
    });
    debug = settings.logLevel === 'debug';
    const logger = createLogger({
      level: settings.logLevel,
      format: settings.logFormat ?? (stderr.isTty ? 'console' : 'json'),
      stream: stderr.stream,
    });
    const ctx: CommandContext = {
      definition,
      binary,
      settings,
      connectorValues,
      logger,
      stdout,
      stderr,
      format: chooseOutputFormat(settings.output, stdout.stream),
      signal,
    };
    const [operation] = requestedOperations(settings);
    // Service mode (gRPC, protobuf, the age sealing of secrets) is loaded only when asked for:
    // a one-shot run does not pay for it in start-up time or memory.
    if (!operation && command.name === 'sync' && serviceModeRequested(settings)) {
      return await (await import('../service/run-service.js')).runServiceMode(ctx, env);
    }
    if (!operation) return await command.run(ctx);
    refuseUnsupported(ctx, operation, OPERATION_FLAGS[operation]);
    return await OPERATIONS[operation](ctx);
  } catch (error) {
    return presentError(error, stderr, { binary, debug, signal });
  }
}

/**
 * An argument as an error may quote it: a word that could be a command name is shown, anything
 * else (a token pasted in the wrong place, a value equal to a BATON_* variable) only by length.
 */
function shownArgument(value: string, env: Readonly<Record<string, string | undefined>>): string {
  const isSetting = Object.entries(env).some(([key, setting]) => key.startsWith('BATON_') && setting === value);
  if (/^[a-z][a-z0-9-]{0,31}$/.test(value) && !isSetting) return `"${value}"`;
  return `(an argument of ${value.length} characters, not shown in case it is a secret)`;
}
