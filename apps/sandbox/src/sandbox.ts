import type { FaultOptions } from './core/faults.js';
import { SandboxHost } from './core/host.js';
import type { Clock } from './core/rate-limiter.js';
import { seededToken } from './core/random.js';
import { generateIlertOrg } from './ilert/generate.js';
import type { IlertOrg } from './ilert/model.js';
import { createIlertService } from './ilert/service.js';

/** Names of the services the sandbox serves. */
export type SandboxServiceName = 'ilert';

/** Options of the fake ilert API. */
export interface IlertSandboxOptions {
  /** Number of users (default 100, at least 1). */
  users?: number;
  /** Number of teams (default 20). */
  teams?: number;
  /** Requests per minute per API key (default 120, ilert's limit); `false` disables the limiter. */
  rateLimitPerMinute?: number | false;
  /** Faults for ilert only, on top of (replacing) the sandbox-wide `faults`. */
  faults?: FaultOptions;
}

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Seed for every generated org and token (default 1): same seed, same data. */
  seed?: number;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  ilert?: IlertSandboxOptions;
  /** Faults armed at start for every service. */
  faults?: FaultOptions;
  /** Clock for rate-limit windows and timestamps of changes (default `Date.now`). */
  clock?: Clock;
}

/** Connection details and data of the fake ilert API. */
export interface IlertSandbox {
  /** `<url>/ilert/api`, the value for `--ilert-base-url`. */
  readonly baseUrl: string;
  /** Full-access API key (owned by `org.users[0]`, an ADMIN). */
  readonly token: string;
  /** A read-restricted API key: users are readable, `/teams` and writes answer 403. */
  readonly restrictedToken: string;
  /** The served org; member add/remove requests change it in place. */
  readonly org: IlertOrg;
}

/** A running sandbox. */
export interface Sandbox {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly services: { readonly ilert: IlertSandbox };
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
  const seed = options.seed ?? 1;
  const ilertOptions = options.ilert ?? {};
  const org = generateIlertOrg({ seed, users: ilertOptions.users ?? 100, teams: ilertOptions.teams ?? 20 });
  const ilert = createIlertService({
    org,
    token: seededToken(seed, 'ilert-sbx'),
    restrictedToken: seededToken(seed, 'ilert-sbx-readonly'),
    ...(ilertOptions.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: ilertOptions.rateLimitPerMinute }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const host = new SandboxHost([ilert], options.faults);
  if (ilertOptions.faults !== undefined) host.setFaults(ilertOptions.faults, 'ilert');
  const url = await host.listen(options.port ?? 0);
  return {
    url,
    services: {
      ilert: { baseUrl: `${url}${ilert.mountPath}`, token: ilert.token, restrictedToken: ilert.restrictedToken, org },
    },
    requestCount: (service, path) => host.counter.count(service, path),
    requestCounts: () => host.counter.snapshot(),
    resetRequestCounts: () => host.counter.reset(),
    setFaults: (faults, service) => host.setFaults(faults, service),
    close: () => host.close(),
  };
}
