import { mergeSchemas, SDK_CONFIG } from '../config/index.js';
import type { ConfigSchema } from '../config/index.js';
import type { ConnectorDefinition } from '../connector/index.js';
import { CLI_CONFIG } from './cli-fields.js';

/** The settings every command reads: the SDK's standard flags and the CLI's command flags. */
export const BASE_SCHEMA = mergeSchemas(SDK_CONFIG, CLI_CONFIG);

/** Every flag a `baton-<name>` binary accepts: standard, command and the connector's own. */
export function fullSchema(definition: ConnectorDefinition): ConfigSchema {
  return mergeSchemas(BASE_SCHEMA, definition.config);
}

/** The connector's own fields: declared by it and not among the standard or command flags. */
export function connectorOnlyFields(definition: ConnectorDefinition): string[] {
  return Object.keys(definition.config.fields).filter((name) => !Object.hasOwn(BASE_SCHEMA.fields, name));
}
