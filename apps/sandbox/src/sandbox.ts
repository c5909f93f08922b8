import type { FaultOptions } from './core/faults.js';
import { SandboxHost } from './core/host.js';
import type { Clock } from './core/rate-limiter.js';
import type { AnyServiceRegistration, CreatedService, DetailsOf, OptionsOf, ServiceOptionsBase } from './core/registration.js';
import { SANDBOX_SERVICES } from './services.js';

type Registered = (typeof SANDBOX_SERVICES)[number];

/** Names of the services the sandbox serves. */
export type SandboxServiceName = Registered['name'];

/** Per-service options, keyed by service name. */
export type SandboxServiceOptions = { [R in Registered as R['name']]?: OptionsOf<R> };

/** Connection details and data of every service, keyed by service name. */
export type SandboxServices = { readonly [R in Registered as R['name']]: DetailsOf<R> };

/** Options of {@link startSandbox}. */
export interface SandboxOptions extends SandboxServiceOptions {
  /** Seed for every generated org and token (default 1): same seed, same data. */
  seed?: number;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Faults armed at start for every service. */
  faults?: FaultOptions;
  /** Clock for rate-limit windows and timestamps of changes (default `Date.now`). */
  clock?: Clock;
}

/** A running sandbox. */
export interface Sandbox {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly services: SandboxServices;
  /**
   * Requests received (faulted ones included), for one service or all, optionally only for one
   * path relative to the service mount (`/users`) or one method and path (`GET /users`).
   */
  requestCount(service?: SandboxServiceName, path?: string): number;
  /** Every count, as `{ ilert: { 'GET /users': 3, ... } }`. */
  requestCounts(): Record<string, Record<string, number>>;
  /** Sets every request count back to zero. */
  resetRequestCounts(): void;
  /** Replaces the fault state of one service, or of all services when `service` is left out. */
  setFaults(faults: FaultOptions, service?: SandboxServiceName): void;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1 with freshly generated, seeded data. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { seed = 1, port = 0, faults, clock, ...perService } = options;
  const byName: Readonly<Record<string, ServiceOptionsBase | undefined>> = perService;
  const registrations: readonly AnyServiceRegistration[] = SANDBOX_SERVICES;
  const created = new Map<string, CreatedService<unknown>>();
  for (const registration of registrations) {
    created.set(registration.name, registration.create(seed, byName[registration.name] ?? {}, clock));
  }
  const host = new SandboxHost(
    [...created.values()].map(({ service }) => service),
    faults,
  );
  for (const [name, service] of Object.entries(byName)) {
    if (service?.faults !== undefined) host.setFaults(service.faults, name);
  }
  const url = await host.listen(port);
  const services = Object.fromEntries([...created].map(([name, service]) => [name, service.details(url)]));
  return {
    url,
    // Built from the registrations in SANDBOX_SERVICES, so it holds exactly the keys and types of SandboxServices.
    services: services as SandboxServices,
    requestCount: (service, path) => host.counter.count(service, path),
    requestCounts: () => host.counter.snapshot(),
    resetRequestCounts: () => host.counter.reset(),
    setFaults: (faults, service) => host.setFaults(faults, service),
    close: () => host.close(),
  };
}
