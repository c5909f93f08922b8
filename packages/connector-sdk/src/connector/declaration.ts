import type { ConfigSchema } from '../config/fields.js';
import type { ConnectorDefinition } from './contract.js';

/**
 * What a connector package states before any of its code loads: its name, version and settings.
 * A bin answers `--help` and `--version` from this alone; the connector's definition spreads it
 * (`defineConnector({ ...declaration, create })`), so both always agree.
 */
export type ConnectorDeclaration<S extends ConfigSchema = ConfigSchema> = Pick<ConnectorDefinition<S>, 'name' | 'version' | 'config'>;

/** Declares a connector package's name, version and settings in one typed call. */
export function declareConnector<const S extends ConfigSchema>(declaration: ConnectorDeclaration<S>): ConnectorDeclaration<S> {
  return declaration;
}
