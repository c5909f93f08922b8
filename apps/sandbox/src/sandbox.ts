import type { FaultOptions } from './core/faults.js';
import { SandboxHost } from './core/host.js';
import type { Clock } from './core/rate-limiter.js';
import { seededToken } from './core/random.js';
import { generateIlertOrg } from './ilert/generate.js';
import type { IlertOrg } from './ilert/model.js';
import { createIlertService } from './ilert/service.js';
import { generateIroncladOrg } from './ironclad/generate.js';
import type { IroncladOrg } from './ironclad/model.js';
import { createIroncladService } from './ironclad/service.js';
import { generateTeamtailorCompany } from './teamtailor/generate.js';
import type { TeamtailorCompany, TeamtailorRegion } from './teamtailor/model.js';
import { createTeamtailorService } from './teamtailor/service.js';
import { generateScalrOrg } from './scalr/generate.js';
import type { ScalrOrg } from './scalr/model.js';
import { createScalrService } from './scalr/service.js';
import { generateRudderstackOrg } from './rudderstack/generate.js';
import type { RudderstackOrg } from './rudderstack/model.js';
import { createRudderstackService } from './rudderstack/service.js';

/** Names of the services the sandbox serves. */
export type SandboxServiceName = 'ilert' | 'ironclad' | 'teamtailor' | 'scalr' | 'rudderstack';

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

/** Options of the fake Ironclad API. */
export interface IroncladSandboxOptions {
  /** Number of users (default 100, at least 1; user 0 is the admin the API acts as). */
  users?: number;
  /** Number of groups (default 20). */
  groups?: number;
  /** A SAML company: `POST /Users` needs no password (default false). */
  saml?: boolean;
  /** `expires_in` of issued tokens in seconds (default 3600). */
  tokenLifetimeSeconds?: number;
  /** `false` turns off Ironclad's limits (600/min reads, 50/min user changes). */
  rateLimits?: false;
  /** Faults for Ironclad only, on top of (replacing) the sandbox-wide `faults`. */
  faults?: FaultOptions;
}

/** Options of the fake Teamtailor API. */
export interface TeamtailorSandboxOptions {
  /** Number of users (default 100, at least 1). */
  users?: number;
  /** Region the company lives in (default `eu`); its keys answer 401 in the other region. */
  region?: TeamtailorRegion;
  /** Requests per window per key (default 50 per 10 s); `false` disables the limiter. */
  rateLimit?: { requests: number; windowSeconds: number } | false;
  /** Faults for Teamtailor only, on top of (replacing) the sandbox-wide `faults`. */
  faults?: FaultOptions;
}

/** Options of the fake Scalr API. */
export interface ScalrSandboxOptions {
  /** Users of the main account `acme` (default 100, at least 1). */
  users?: number;
  /** Service accounts of the main account (default 10). */
  serviceAccounts?: number;
  /** Faults for Scalr only, on top of (replacing) the sandbox-wide `faults`. */
  faults?: FaultOptions;
}

/** Options of the fake RudderStack SCIM API. */
export interface RudderstackSandboxOptions {
  /** Number of users (default 100, at least 1). */
  users?: number;
  /** Number of groups (default 20). */
  groups?: number;
  /** The server's page cap (default 100): a larger `count` gets this many. */
  maxPageSize?: number;
  /** Leave `totalResults` out of listings (default false). */
  omitTotalResults?: boolean;
  /** `false` answers every request with the "SCIM not enabled" 403 (default true). */
  scimEnabled?: boolean;
  /** Faults for RudderStack only, on top of (replacing) the sandbox-wide `faults`. */
  faults?: FaultOptions;
}


/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Seed for every generated org and token (default 1): same seed, same data. */
  seed?: number;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  ilert?: IlertSandboxOptions;
  ironclad?: IroncladSandboxOptions;
  teamtailor?: TeamtailorSandboxOptions;
  scalr?: ScalrSandboxOptions;
  rudderstack?: RudderstackSandboxOptions;
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

/** Connection details and data of the fake Ironclad API. */
export interface IroncladSandbox {
  /** `<url>/ironclad`, the value for `--ic-base-url` (token at `/oauth/token`, SCIM at `/scim/v2`). */
  readonly baseUrl: string;
  /** The OAuth client (client credentials grant). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** An admin's email, the value for `--ic-as-user-email`. */
  readonly asUserEmail: string;
  /** The served company; user creation and membership changes alter it in place. */
  readonly org: IroncladOrg;
}

/** Connection details and data of the fake Teamtailor API. */
export interface TeamtailorSandbox {
  /** `<url>/teamtailor/<region>/v1` of the company's region, the value for `--teamtailor-base-url`. */
  readonly baseUrl: string;
  /** Base URLs of both regions; the company's keys answer 401 in the other one. */
  readonly regionUrls: Readonly<Record<TeamtailorRegion, string>>;
  /** An Admin scope API key (sees every user with `login-email`). */
  readonly apiKey: string;
  /** An Internal scope key: users are listed without `login-email`. */
  readonly internalKey: string;
  /** A Public scope key: `/users` answers 403. */
  readonly publicKey: string;
  readonly company: TeamtailorCompany;
}

/** Connection details and data of the fake Scalr API. */
export interface ScalrSandbox {
  /** `<url>/scalr/acme`, the value for `--scalr-base-url` (the API is below it at `/api/iacp/v3`). */
  readonly baseUrl: string;
  /** The main account's subdomain, the value for `--scalr-account`. */
  readonly account: string;
  /** Token of the account owner: reads users and service accounts. */
  readonly token: string;
  /** A valid token without permission to read users: every listing answers 404. */
  readonly restrictedToken: string;
  /** The served installation (`accounts[0]` is the main account). */
  readonly org: ScalrOrg;
}

/** Connection details and data of the fake RudderStack SCIM API. */
export interface RudderstackSandbox {
  /** `<url>/rudderstack/scim/v2`, the value for `--rudderstack-scim-base-url`. */
  readonly baseUrl: string;
  /** The organization-level Service Access Token. */
  readonly token: string;
  /** A workspace-level token, which SCIM refuses with 403. */
  readonly workspaceToken: string;
  /** The served organization. */
  readonly org: RudderstackOrg;
}

/** A running sandbox. */
export interface Sandbox {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly services: { readonly ilert: IlertSandbox; readonly ironclad: IroncladSandbox; readonly teamtailor: TeamtailorSandbox; readonly scalr: ScalrSandbox; readonly rudderstack: RudderstackSandbox };
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
  const ironcladOptions = options.ironclad ?? {};
  const ironclad = createIroncladService({
    org: generateIroncladOrg({
      seed,
      users: ironcladOptions.users ?? 100,
      groups: ironcladOptions.groups ?? 20,
      ...(ironcladOptions.saml === undefined ? {} : { saml: ironcladOptions.saml }),
    }),
    clientId: seededToken(seed, 'ironclad-client'),
    clientSecret: seededToken(seed, 'ironclad-secret'),
    ...(ironcladOptions.tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds: ironcladOptions.tokenLifetimeSeconds }),
    ...(ironcladOptions.rateLimits === undefined ? {} : { rateLimits: ironcladOptions.rateLimits }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const teamtailorOptions = options.teamtailor ?? {};
  const teamtailor = createTeamtailorService({
    company: generateTeamtailorCompany({ seed, users: teamtailorOptions.users ?? 100 }),
    region: teamtailorOptions.region ?? 'eu',
    keys: { admin: seededToken(seed, 'tt-admin'), internal: seededToken(seed, 'tt-internal'), public: seededToken(seed, 'tt-public') },
    ...(teamtailorOptions.rateLimit === undefined ? {} : { rateLimit: teamtailorOptions.rateLimit }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const scalrOptions = options.scalr ?? {};
  const scalr = createScalrService({
    org: generateScalrOrg({ seed, users: scalrOptions.users ?? 100, serviceAccounts: scalrOptions.serviceAccounts ?? 10 }),
    token: seededToken(seed, 'scalr-sbx'),
    restrictedToken: seededToken(seed, 'scalr-sbx-noiam'),
  });
  const rudderstackOptions = options.rudderstack ?? {};
  const rudderstack = createRudderstackService({
    org: generateRudderstackOrg({ seed, users: rudderstackOptions.users ?? 100, groups: rudderstackOptions.groups ?? 20 }),
    token: seededToken(seed, 'rudderstack-sat'),
    workspaceToken: seededToken(seed, 'rudderstack-workspace'),
    ...(rudderstackOptions.maxPageSize === undefined ? {} : { maxPageSize: rudderstackOptions.maxPageSize }),
    ...(rudderstackOptions.omitTotalResults === undefined ? {} : { omitTotalResults: rudderstackOptions.omitTotalResults }),
    ...(rudderstackOptions.scimEnabled === undefined ? {} : { scimEnabled: rudderstackOptions.scimEnabled }),
  });
  const host = new SandboxHost([ilert, ironclad, teamtailor, scalr, rudderstack], options.faults);
  if (ilertOptions.faults !== undefined) host.setFaults(ilertOptions.faults, 'ilert');
  if (ironcladOptions.faults !== undefined) host.setFaults(ironcladOptions.faults, 'ironclad');
  if (teamtailorOptions.faults !== undefined) host.setFaults(teamtailorOptions.faults, 'teamtailor');
  if (scalrOptions.faults !== undefined) host.setFaults(scalrOptions.faults, 'scalr');
  if (rudderstackOptions.faults !== undefined) host.setFaults(rudderstackOptions.faults, 'rudderstack');
  const url = await host.listen(options.port ?? 0);
  const teamtailorUrl = (region: TeamtailorRegion): string => `${url}${teamtailor.mountPath}/${region}/v1`;
  return {
    url,
    services: {
      ilert: { baseUrl: `${url}${ilert.mountPath}`, token: ilert.token, restrictedToken: ilert.restrictedToken, org },
      ironclad: {
        baseUrl: `${url}${ironclad.mountPath}`,
        clientId: ironclad.clientId,
        clientSecret: ironclad.clientSecret,
        asUserEmail: ironclad.asUserEmail,
        org: ironclad.org,
      },
      teamtailor: {
        baseUrl: teamtailorUrl(teamtailor.region),
        regionUrls: { eu: teamtailorUrl('eu'), na: teamtailorUrl('na') },
        apiKey: teamtailor.keys.admin,
        internalKey: teamtailor.keys.internal,
        publicKey: teamtailor.keys.public,
        company: teamtailor.company,
      },
      scalr: {
        baseUrl: `${url}${scalr.mountPath}/${scalr.org.accounts[0]?.name ?? ''}`,
        account: scalr.org.accounts[0]?.name ?? '',
        token: scalr.token,
        restrictedToken: scalr.restrictedToken,
        org: scalr.org,
      },
      rudderstack: {
        baseUrl: `${url}${rudderstack.mountPath}/scim/v2`,
        token: rudderstack.token,
        workspaceToken: rudderstack.workspaceToken,
        org: rudderstack.org,
      },
    },
    requestCount: (service, path) => host.counter.count(service, path),
    requestCounts: () => host.counter.snapshot(),
    resetRequestCounts: () => host.counter.reset(),
    setFaults: (faults, service) => host.setFaults(faults, service),
    close: () => host.close(),
  };
}
