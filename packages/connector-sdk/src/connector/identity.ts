import type { ConfigSchema } from '../config/fields.js';
import type { ConnectorDefinition } from './contract.js';

/**
 * What a connector package states before any of its code loads: its name, version and settings.
 * A bin answers `--help` and `--version` from this alone; the connector's definition spreads it
 * (`defineConnector({ ...identity, declaration, create })`), so both always agree.
 */
export type ConnectorIdentity<S extends ConfigSchema = ConfigSchema> = Pick<ConnectorDefinition<S>, 'name' | 'version' | 'config'>;

/** Declares a connector package's name, version and settings in one typed call. */
export function defineConnectorIdentity<const S extends ConfigSchema>(identity: ConnectorIdentity<S>): ConnectorIdentity<S> {
  return identity;
}
