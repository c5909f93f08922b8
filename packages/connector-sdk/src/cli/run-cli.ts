import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  envName,
  formatConfigProblems,
  loadConfigFile,
  parseArgv,
  resolveConfig,
  SDK_CONFIG,
} from '../config/index.js';
import type { ConfigProblem, ConfigSchema, FlagValues } from '../config/index.js';
import type { ConnectorDefinition } from '../connector/index.js';
import { isConnectorError } from '../errors/index.js';
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
import { runServiceMode, serviceModeRequested } from '../service/run-service.js';
import { refuseUnsupported } from './read-only.js';
import { BASE_SCHEMA, fullSchema, onlyFieldsOf } from './schema.js';
import { staticAnswer } from './static-answer.js';
import { type CliSettings, type Operation, readSettings, requestedOperations } from './settings.js';

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

/** The YAML file Baton reads when no `--config` is given. */
const DEFAULT_CONFIG_FILE = '.baton.yaml';

const OPERATION_FLAGS: Record<Operation, string> = {
  grant: '--grant-entitlement',
  revoke: '--revoke-grant',
  'create-account': '--create-account-login/--create-account-email',
};

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

    const file = readConfigFile(parsed.flags, env, cwd);
    const resolved = resolveSettings(command, schema, parsed.flags, env, file, cwd, parsed.positionals.length > 0);
    const problems = [...usageProblems, ...(resolved.ok ? [] : resolved.problems)];
    if (!resolved.ok || problems.length > 0) {
      throw new UsageError(formatConfigProblems(problems) + (usageProblems.length > 0 ? `\n${seeHelp}` : ''));
    }
    const { values, settings } = resolved;
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
      values,
      logger,
      stdout,
      stderr,
      format: chooseOutputFormat(explicitOutput(parsed.flags, env, file, settings), stdout.stream),
      signal,
    };
    const [operation] = requestedOperations(settings);
    if (!operation && command.name === 'sync' && serviceModeRequested(values)) return await runServiceMode(ctx, env);
    if (!operation) return await command.run(ctx);
    await refuseUnsupported(ctx, operation, OPERATION_FLAGS[operation]);
    return await OPERATIONS[operation](ctx);
  } catch (error) {
    return presentError(error, stderr, { binary, debug, signal });
  }
}

/**
 * Resolves the settings a command needs, or returns every problem found: the connector's own
 * fields only count for commands that build the connector, and one-shot operations need
 * `--provisioning` and no command.
 */
function resolveSettings(
  command: Command,
  schema: ConfigSchema,
  flags: FlagValues,
  env: Record<string, string | undefined>,
  file: Record<string, unknown>,
  cwd: string,
  commandGiven: boolean,
): { ok: true; values: Record<string, unknown>; settings: CliSettings } | { ok: false; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const base = resolveConfig(BASE_SCHEMA, { flags: onlyFieldsOf(BASE_SCHEMA, flags), env, file: onlyFieldsOf(BASE_SCHEMA, file) });
  const full = command.usesConnector ? resolveConfig(schema, { flags, env, file }) : base;
  if (!full.ok) problems.push(...full.problems);
  else if (!base.ok) problems.push(...base.problems);
  if (base.ok) {
    const settings = readSettings(base.values, cwd);
    for (const operation of requestedOperations(settings)) {
      const flag = OPERATION_FLAGS[operation];
      if (commandGiven && command.name !== 'sync') {
        problems.push({ message: `${flag} is a one-shot operation; run it without the "${command.name}" command` });
      } else if (!settings.provisioning) {
        problems.push({
          field: 'provisioning',
          message: `${flag} changes access and runs only with --provisioning / ${envName('provisioning')}=true`,
        });
      }
    }
  }
  if (problems.length > 0 || !full.ok) return { ok: false, problems };
  const values = full.values as Record<string, unknown>;
  return { ok: true, values, settings: readSettings(values, cwd) };
}

/** The config file's values: `--config` / BATON_CONFIG_PATH, else `./.baton.yaml` when present. */
function readConfigFile(flags: FlagValues, env: Record<string, string | undefined>, cwd: string): Record<string, unknown> {
  const given = flags['config'] ?? env[SDK_CONFIG.fields.config.env ?? envName('config')];
  const path = typeof given === 'string' && given !== '' ? given : undefined;
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  if (path === undefined && !existsSync(fallback)) return {};
  try {
    return loadConfigFile(path === undefined ? fallback : isAbsolute(path) ? path : resolve(cwd, path));
  } catch (error) {
    if (isConnectorError(error)) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** `--output` when the operator set it (flag, env or file); otherwise the CLI picks by TTY. */
function explicitOutput(
  flags: FlagValues,
  env: Record<string, string | undefined>,
  file: Record<string, unknown>,
  settings: CliSettings,
): string | undefined {
  const given = Object.hasOwn(flags, 'output') || env[envName('output')] !== undefined || Object.hasOwn(file, 'output');
  return given ? settings.output : undefined;
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
