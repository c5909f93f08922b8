import { isAbsolute, resolve } from 'node:path';
import type { ConfigValues } from '../config/index.js';
import { BASE_SCHEMA } from './schema.js';

/** `log-level` -> `logLevel`, `http-timeout-seconds` -> `httpTimeoutSeconds`. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** The same values keyed by camel-case names; optional keys stay optional. */
type CamelCased<T> = { [K in keyof T as K extends string ? CamelCase<K> : never]: T[K] };

/**
 * The SDK's standard flags and the CLI's command flags as a command reads them: typed by their
 * declarations in `SDK_CONFIG` and `CLI_CONFIG` (a flag with a default is always set), keyed by
 * camel-case name (`--http-timeout-seconds` is `httpTimeoutSeconds`). `file` and `c1zTempDir`
 * are absolute paths.
 */
export type CliSettings = CamelCased<ConfigValues<typeof BASE_SCHEMA>>;

/**
 * Reads {@link CliSettings} from values resolved over a schema holding `BASE_SCHEMA` (the
 * resolver checked and defaulted each of them); relative paths are taken from `cwd`.
 */
export function readSettings(values: Readonly<Record<string, unknown>>, cwd: string): CliSettings {
  const camel: Record<string, unknown> = {};
  for (const name of Object.keys(BASE_SCHEMA.fields)) {
    if (values[name] !== undefined) camel[name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())] = values[name];
  }
  // The one place the resolved values meet their type: resolveConfig validated every base field.
  const settings = camel as CliSettings;
  const path = (value: string): string => (isAbsolute(value) ? value : resolve(cwd, value));
  return { ...settings, file: path(settings.file), ...(settings.c1zTempDir !== undefined && { c1zTempDir: path(settings.c1zTempDir) }) };
}

/** The one-shot provisioning operation the flags ask for, if any. */
export type Operation = 'grant' | 'revoke' | 'create-account';

/** Which one-shot operations the settings ask for (more than one is a usage error). */
export function requestedOperations(settings: CliSettings): Operation[] {
  const operations: Operation[] = [];
  if (settings.grantEntitlement || settings.grantPrincipal || settings.grantPrincipalType) operations.push('grant');
  if (settings.revokeGrant) operations.push('revoke');
  if (settings.createAccountLogin || settings.createAccountEmail || settings.createAccountProfile) {
    operations.push('create-account');
  }
  return operations;
}
