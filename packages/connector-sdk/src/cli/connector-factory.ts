import type { ConfigValues } from '../config/index.js';
import { assertMatchesDeclaration, type Connector, type ConnectorRuntime, type OperationContext } from '../connector/index.js';
import { isConnectorError } from '../errors/index.js';
import { createConnectorRuntime, scopeOperations } from '../runtime/index.js';
import type { HttpWaitObserver } from '../http/index.js';
import type { CommandContext } from './context.js';
import { UsageError } from './cli-errors.js';
import { logWaits } from './wait-board.js';

/** What a command adds to the connector's runtime. */
export interface ConnectorRuntimeExtras {
  /** Shows the HTTP client's waits as they happen; default: logged as they start and every 10 s. */
  onHttpWait?: HttpWaitObserver;
}

/**
 * The runtime handed to the connector's `create`: logger, HTTP client factory, provisioning
 * switch, and where the HTTP clients' waits are shown.
 */
export function connectorRuntime(ctx: CommandContext, extras: ConnectorRuntimeExtras = {}): ConnectorRuntime {
  return createConnectorRuntime({
    logger: ctx.logger,
    onHttpWait: extras.onHttpWait ?? logWaits(ctx.logger),
    userAgent: `${ctx.binary}/${ctx.definition.version}`,
    timeoutMs: ctx.settings.httpTimeoutSeconds * 1000,
    provisioning: ctx.settings.provisioning,
    fields: ctx.definition.config.fields,
  });
}

/**
 * Builds the connector from its own config values, checks it against the package's declaration,
 * runs `use`, and closes the connector.
 * A ConnectorError 'invalid-argument' from `create` (a malformed base URL, say) is a config
 * problem, so it becomes a usage error (exit 2).
 */
export async function withConnector<T>(
  ctx: CommandContext,
  use: (connector: Connector) => Promise<T>,
  extras: ConnectorRuntimeExtras = {},
): Promise<T> {
  let connector: Connector;
  try {
    // resolveRunConfig checked these values against the connector's own fields.
    const values = ctx.connectorValues as ConfigValues<typeof ctx.definition.config>;
    connector = scopeOperations(await ctx.definition.create(values, connectorRuntime(ctx, extras)));
  } catch (error) {
    if (isConnectorError(error, 'invalid-argument')) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  try {
    assertMatchesDeclaration(ctx.binary, ctx.definition.declaration, connector);
    return await use(connector);
  } finally {
    await connector.close?.();
  }
}

/** The context of a single connector call made by the CLI. */
export function operationContext(ctx: CommandContext): OperationContext {
  return { signal: ctx.signal, logger: ctx.logger };
}
