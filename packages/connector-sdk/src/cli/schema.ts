import type { ConfigSchema } from '../config/fields.js';
import { mergeSchemas } from '../config/merge.js';
import { SDK_CONFIG } from '../config/sdk-config.js';
import type { ConnectorIdentity } from '../connector/identity.js';
import { CLI_CONFIG } from './cli-fields.js';

/** The settings every command reads: the SDK's standard flags and the CLI's command flags. */
export const BASE_SCHEMA = mergeSchemas(SDK_CONFIG, CLI_CONFIG);

/** Every flag a `baton-<name>` binary accepts: standard, command and the connector's own. */
export function fullSchema(definition: Pick<ConnectorIdentity, 'config'>): ConfigSchema {
  return mergeSchemas(BASE_SCHEMA, definition.config);
}

/** The connector's own fields: declared by it and not among the standard or command flags. */
export function connectorOnlyFields(definition: Pick<ConnectorIdentity, 'config'>): string[] {
  return Object.keys(definition.config.fields).filter((name) => !Object.hasOwn(BASE_SCHEMA.fields, name));
}
