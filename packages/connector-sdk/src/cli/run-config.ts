import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { envName, fieldEnvName, formatConfigProblems, loadConfigFile, resolveConfig, SDK_CONFIG } from '../config/index.js';
import type { ConfigProblem, ConfigSchema, FlagValues } from '../config/index.js';
import type { ConnectorDefinition } from '../connector/index.js';
import { isConnectorError } from '../errors/index.js';
import { UsageError } from './cli-errors.js';
import type { Command } from './context.js';
import { connectorOnlyFields } from './schema.js';
import { type CliSettings, type Operation, readSettings, requestedOperations } from './settings.js';

/** The YAML file Baton reads when no `--config` is given. */
const DEFAULT_CONFIG_FILE = '.baton.yaml';

/** The flag that asks for each one-shot operation, as messages name it. */
export const OPERATION_FLAGS: Record<Operation, string> = {
  grant: '--grant-entitlement',
  revoke: '--revoke-grant',
  'create-account': '--create-account-login/--create-account-email',
};

/** The configuration of one run, resolved once and handed to the command. */
export interface RunConfig {
  settings: CliSettings;
  /** The connector's own values (its `create` input); empty when the command does not build it. */
  connectorValues: Readonly<Record<string, unknown>>;
}

/** What {@link resolveRunConfig} reads. */
export interface RunConfigInput {
  definition: ConnectorDefinition;
  /** Every flag the binary accepts (`fullSchema`). */
  schema: ConfigSchema;
  command: Command;
  /** Whether a command was named (one-shot operations run without one). */
  commandGiven: boolean;
  flags: FlagValues;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  signal: AbortSignal;
  /** Problems found earlier (argv syntax, the command name), reported with the config's own. */
  usageProblems: readonly ConfigProblem[];
  /** Appended to the message when there are usage problems. */
  seeHelp: string;
}

/**
 * Merges argv, env and the config file over the whole schema in one pass and checks it once:
 * the connector's own fields count only for commands that need them (`needsConnectorConfig`),
 * and one-shot operations need `--provisioning` and no command. Throws a UsageError listing
 * every problem.
 */
export async function resolveRunConfig(input: RunConfigInput): Promise<RunConfig> {
  const { definition, command, env, cwd } = input;
  const file = await readConfigFile(input.flags, env, cwd, input.signal);
  const connectorFields = connectorOnlyFields(definition);
  const skip = command.needsConnectorConfig ? [] : connectorFields;
  const resolved = resolveConfig(input.schema, { flags: input.flags, env, file }, { skip });
  const problems = [...input.usageProblems];
  if (!resolved.ok) problems.push(...resolved.problems);
  // Operation problems need the base settings; they are reported once the values are valid.
  const settings = resolved.ok ? readSettings(resolved.values, cwd) : undefined;
  if (settings) problems.push(...operationProblems(settings, command, input.commandGiven));
  if (!resolved.ok || !settings || problems.length > 0) {
    throw new UsageError(formatConfigProblems(problems) + (input.usageProblems.length > 0 ? `\n${input.seeHelp}` : ''));
  }
  const connectorValues: Record<string, unknown> = {};
  if (command.needsConnectorConfig) {
    for (const name of Object.keys(definition.config.fields)) {
      if (resolved.values[name] !== undefined) connectorValues[name] = resolved.values[name];
    }
  }
  return { settings, connectorValues };
}

function operationProblems(settings: CliSettings, command: Command, commandGiven: boolean): ConfigProblem[] {
  return requestedOperations(settings).flatMap((operation): ConfigProblem[] => {
    const flag = OPERATION_FLAGS[operation];
    if (commandGiven && command.name !== 'sync') {
      return [{ message: `${flag} is a one-shot operation; run it without the "${command.name}" command` }];
    }
    if (settings.provisioning) return [];
    return [
      { field: 'provisioning', message: `${flag} changes access and runs only with --provisioning / ${envName('provisioning')}=true` },
    ];
  });
}

/** The config file's values: `--config` / BATON_CONFIG_PATH, else `./.baton.yaml` when present. */
async function readConfigFile(
  flags: FlagValues,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const configEnv = fieldEnvName('config', SDK_CONFIG.fields.config);
  const given = flags['config'] ?? (configEnv === undefined ? undefined : env[configEnv]);
  const path = typeof given === 'string' && given !== '' ? given : undefined;
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  if (path === undefined && !existsSync(fallback)) return {};
  try {
    return await loadConfigFile(path === undefined ? fallback : isAbsolute(path) ? path : resolve(cwd, path), { signal });
  } catch (error) {
    if (isConnectorError(error)) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}
