import { hostname, tmpdir } from 'node:os';
import { Code } from '@connectrpc/connect';
import { envName } from '../config/index.js';
import { withConnector } from '../cli/connector-factory.js';
import type { CommandContext } from '../cli/context.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { ConnectorError } from '../errors/index.js';
import { C1CallError, GrpcC1Api } from './client.js';
import { c1Address } from './address.js';
import { parseC1Credentials } from './credentials.js';
import { startHealthServer, type HealthServer } from './health.js';
import { runTaskLoop } from './task-loop.js';
import { C1TokenSource } from './token.js';

/** The host id baton-sdk falls back to when there is no hostname. */
const DEFAULT_HOST_ID = 'baton-sdk';

/** A refused Hello as an operator reads it; the exit code is 1. */
function refusal(error: C1CallError): ConnectorError {
  const hint = `check --client-id / ${envName('client-id')} and --client-secret / ${envName('client-secret')}`;
  if (error.code === Code.Unauthenticated || error.code === Code.PermissionDenied) {
    return new ConnectorError(`${error.message} - ${hint}`, { code: 'unauthenticated', cause: error });
  }
  return new ConnectorError(`C1 refused the connector: ${error.message}`, { code: 'failed-precondition', cause: error });
}

/**
 * Runs the connector in service mode: exchanges the C1 client credentials for tokens, says
 * Hello, and carries out C1's tasks until the run's signal aborts (SIGTERM/SIGINT), then
 * returns 0. `env` supplies `BATON_C1_API_HOST`.
 */
export async function runServiceMode(
  ctx: CommandContext,
  env: Readonly<Record<string, string | undefined>>,
  options: { ca?: string } = {},
): Promise<number> {
  const { settings } = ctx;
  const credentials = parseC1Credentials(settings.clientId ?? '', settings.clientSecret ?? '');
  const address = c1Address(credentials.tokenHost, env);
  const hostId = settings.hostId ?? (hostname() || DEFAULT_HOST_ID);
  const tokens = new C1TokenSource({ credentials, address, ...(options.ca !== undefined && { ca: options.ca }) });
  const api = new GrpcC1Api({
    address,
    tokens,
    userAgent: `${credentials.name} c1-connector-sdk/${ctx.definition.version}`,
    env,
    ...(options.ca !== undefined && { ca: options.ca }),
  });
  let health: HealthServer | undefined;
  try {
    if (settings.healthCheck) health = await startHealthServer(settings.healthCheckPort, settings.healthCheckBindAddress);
    ctx.logger.info('service mode: connecting to C1', { address, hostId });
    await withConnector(ctx, (connector) =>
      runTaskLoop({
        api,
        hostId,
        connector,
        logger: ctx.logger,
        signal: ctx.signal,
        provisioning: settings.provisioning,
        tempDir: settings.c1zTempDir ?? tmpdir(),
        build: { package: ctx.binary, version: ctx.definition.version },
        workers: settings.workers,
        onReady: () => health?.setReady(true),
      }),
    ).catch((error: unknown) => {
      throw error instanceof C1CallError ? refusal(error) : error;
    });
    ctx.logger.info('service mode stopped', { reason: String(ctx.signal.reason ?? 'done') });
    return EXIT_CODES.ok;
  } finally {
    api.close();
    await tokens.close();
    await health?.close();
  }
}
