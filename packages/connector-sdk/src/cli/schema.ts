import type { ConfigSchema } from '../config/fields.js';
import { mergeSchemas } from '../config/merge.js';
import { SDK_CONFIG } from '../config/sdk-config.js';
import type { ConnectorDeclaration } from '../connector/declaration.js';
import { CLI_CONFIG } from './cli-fields.js';

/** The settings every command reads: the SDK's standard flags and the CLI's command flags. */
export const BASE_SCHEMA: ConfigSchema = mergeSchemas(SDK_CONFIG, CLI_CONFIG);

/** Every flag a `baton-<name>` binary accepts: standard, command and the connector's own. */
export function fullSchema(definition: Pick<ConnectorDeclaration, 'config'>): ConfigSchema {
  return mergeSchemas(BASE_SCHEMA, definition.config);
}

/** Keeps the entries whose key (flag name, or config-file key with `_`) names a field of `schema`. */
export function onlyFieldsOf<T>(schema: ConfigSchema, values: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(values).filter(([key]) => Object.hasOwn(schema.fields, key.replace(/_/g, '-'))),
  );
}
