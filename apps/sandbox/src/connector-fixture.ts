/**
 * The sandbox side of the connectors' end-to-end tests: for each service, the flags, the
 * credentials and the secrets of its connector's CLI, and a fixture that starts the sandbox
 * and runs that CLI against it (`startE2eFixture` of `@c1/connector-sdk/testing`).
 */
import { startE2eFixture, type E2eFixture } from '@c1/connector-sdk/testing';
import { startSandbox, type Sandbox, type SandboxOptions, type SandboxServiceName } from './sandbox.js';

/** How a connector's CLI syncs from one sandbox service. */
interface ConnectorCli {
  binary: string;
  /** The flags pointing the CLI at the sandbox (without `--file` and `--log-level`). */
  syncArgs(sandbox: Sandbox): string[];
  /** The credentials, as BATON_* variables. */
  syncEnv(sandbox: Sandbox): Record<string, string>;
  /** Every credential the service hands out, none of which a run may print. */
  secrets(sandbox: Sandbox): string[];
}

const CONNECTOR_CLIS: Record<SandboxServiceName, ConnectorCli> = {
  ilert: {
    binary: 'baton-ilert',
    syncArgs: ({ services: { ilert } }) => ['--ilert-base-url', ilert.baseUrl],
    syncEnv: ({ services: { ilert } }) => ({ BATON_ILERT_API_TOKEN: ilert.token }),
    secrets: ({ services: { ilert } }) => [ilert.token, ilert.restrictedToken],
  },
  ironclad: {
    binary: 'baton-ironclad',
    syncArgs: ({ services: { ironclad } }) => ['--ic-base-url', ironclad.baseUrl],
    syncEnv: ({ services: { ironclad } }) => ({
      BATON_IC_CLIENT_ID: ironclad.clientId,
      BATON_IC_CLIENT_SECRET: ironclad.clientSecret,
      BATON_IC_AS_USER_EMAIL: ironclad.asUserEmail,
    }),
    secrets: ({ services: { ironclad } }) => [ironclad.clientSecret],
  },
  scalr: {
    binary: 'baton-scalr',
    syncArgs: ({ services: { scalr } }) => ['--scalr-account', scalr.account, '--scalr-base-url', scalr.baseUrl],
    syncEnv: ({ services: { scalr } }) => ({ BATON_SCALR_API_TOKEN: scalr.token }),
    secrets: ({ services: { scalr } }) => [scalr.token, scalr.restrictedToken],
  },
  teamtailor: {
    binary: 'baton-teamtailor',
    syncArgs: ({ services: { teamtailor } }) => ['--teamtailor-base-url', teamtailor.baseUrl],
    syncEnv: ({ services: { teamtailor } }) => ({ BATON_TEAMTAILOR_API_KEY: teamtailor.apiKey }),
    secrets: ({ services: { teamtailor } }) => [teamtailor.apiKey, teamtailor.internalKey, teamtailor.publicKey],
  },
  rudderstack: {
    binary: 'baton-rudderstack',
    syncArgs: ({ services: { rudderstack } }) => ['--rudderstack-scim-base-url', rudderstack.baseUrl],
    syncEnv: ({ services: { rudderstack } }) => ({ BATON_RUDDERSTACK_SCIM_TOKEN: rudderstack.token }),
    secrets: ({ services: { rudderstack } }) => [rudderstack.token, rudderstack.workspaceToken],
  },
};

/** A sandbox, a c1z file and the connector CLI that syncs from one of its services. */
export interface SandboxFixture extends E2eFixture<Sandbox> {
  /** Clears the service's faults and every request count, as between two tests. */
  reset(): void;
}

/** What {@link startSandboxFixture} takes. */
export interface SandboxFixtureOptions {
  /** The connector package directory (its built `dist/main.js` is run). */
  packageDir: string;
  /** The sandbox's options: seed, and the service's data and behaviour. */
  sandbox: SandboxOptions;
}

/**
 * Builds the connector if stale, starts the sandbox and makes the sync's directory: `sync()`
 * then runs the connector of `service` against it with the service's credentials.
 */
export async function startSandboxFixture(service: SandboxServiceName, options: SandboxFixtureOptions): Promise<SandboxFixture> {
  const cli = CONNECTOR_CLIS[service];
  const fixture = await startE2eFixture({
    packageDir: options.packageDir,
    binary: cli.binary,
    startFake: () => startSandbox(options.sandbox),
    syncArgs: (sandbox, file) => [...cli.syncArgs(sandbox), '-f', file],
    syncEnv: cli.syncEnv,
    secrets: cli.secrets,
  });
  return {
    ...fixture,
    reset() {
      fixture.fake.setFaults({}, service);
      fixture.fake.resetRequestCounts();
    },
  };
}
