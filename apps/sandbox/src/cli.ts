#!/usr/bin/env node
/**
 * Runs the sandbox until SIGTERM/SIGINT. Prints one JSON line to stdout once listening:
 * `{"url":…,"services":{"ilert":{"baseUrl":…,"token":…},"ironclad":{"baseUrl":…,"clientId":…,"clientSecret":…,"asUserEmail":…},"teamtailor":{"baseUrl":…,"apiKey":…},"scalr":{"baseUrl":…,"account":…,"token":…},
 * "rudderstack":{"baseUrl":…,"token":…,"workspaceToken":…}}}`;
 * nothing else goes to stdout.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.js';
import type { SandboxOptions } from './sandbox.js';

const USAGE = `usage: sandbox [--users N] [--teams N] [--seed S] [--port P] [--latency-ms MS]
               [--rate-limit N | --no-rate-limit]
               [--ironclad-users N] [--ironclad-groups N] [--ironclad-saml]
               [--teamtailor-users N] [--teamtailor-region eu|na]
               [--scalr-users N] [--scalr-service-accounts N]
               [--rudderstack-users N] [--rudderstack-groups N] [--rudderstack-max-page-size N]
               [--rudderstack-omit-total-results] [--rudderstack-scim-disabled]

Serves fake SaaS APIs on 127.0.0.1 and prints {"url", "services"} as one JSON line.
  --users N        ilert users (default 100)
  --teams N        ilert teams (default 20)
  --seed S         data seed (default 1)
  --port P         port, 0 = any free port (default 0)
  --latency-ms MS  delay added to every response (default 0)
  --rate-limit N   requests per minute per API key (default 120, ilert's limit)
  --no-rate-limit  turn the per-key limiter off (for benchmarks; Ironclad's and Teamtailor's limits too)
  --ironclad-users N   Ironclad users (default 100)
  --ironclad-groups N  Ironclad groups (default 20)
  --ironclad-saml      the Ironclad company uses SAML: new users need no password
  --teamtailor-users N     Teamtailor users (default 100)
  --teamtailor-region R    region the Teamtailor company lives in: eu (default) or na
  --scalr-users N             users of the Scalr account acme (default 100)
  --scalr-service-accounts N  service accounts of acme (default 10)
  --rudderstack-users N           RudderStack users (default 100)
  --rudderstack-groups N          RudderStack groups (default 20)
  --rudderstack-max-page-size N   RudderStack's page cap (default 100)
  --rudderstack-omit-total-results  RudderStack listings leave totalResults out
  --rudderstack-scim-disabled     RudderStack answers 403 "SCIM is not enabled"
Control API: GET/DELETE <url>/_sandbox/requests, GET/PUT <url>/_sandbox/faults[?service=ilert]`;

class UsageError extends Error {}

function integer(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got '${text}'`);
  }
  return Number(text);
}

function parseOptions(argv: string[]): SandboxOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      users: { type: 'string' },
      teams: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      'latency-ms': { type: 'string' },
      'rate-limit': { type: 'string' },
      'no-rate-limit': { type: 'boolean' },
      'ironclad-users': { type: 'string' },
      'ironclad-groups': { type: 'string' },
      'ironclad-saml': { type: 'boolean' },
      'teamtailor-users': { type: 'string' },
      'teamtailor-region': { type: 'string' },
      'scalr-users': { type: 'string' },
      'scalr-service-accounts': { type: 'string' },
      'rudderstack-users': { type: 'string' },
      'rudderstack-groups': { type: 'string' },
      'rudderstack-max-page-size': { type: 'string' },
      'rudderstack-omit-total-results': { type: 'boolean' },
      'rudderstack-scim-disabled': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  if (values['no-rate-limit'] === true && values['rate-limit'] !== undefined) {
    throw new UsageError('use either --rate-limit or --no-rate-limit, not both');
  }
  const port = integer('port', values.port, 0);
  if (port !== undefined && port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  const users = integer('users', values.users, 1);
  const teams = integer('teams', values.teams, 0);
  const rateLimit = values['no-rate-limit'] === true ? false : integer('rate-limit', values['rate-limit'], 1);
  const latencyMs = integer('latency-ms', values['latency-ms'], 0);
  const seed = integer('seed', values.seed, Number.MIN_SAFE_INTEGER);
  const ironcladUsers = integer('ironclad-users', values['ironclad-users'], 1);
  const ironcladGroups = integer('ironclad-groups', values['ironclad-groups'], 0);
  const teamtailorUsers = integer('teamtailor-users', values['teamtailor-users'], 1);
  const teamtailorRegion = values['teamtailor-region'];
  const scalrUsers = integer('scalr-users', values['scalr-users'], 1);
  const scalrServiceAccounts = integer('scalr-service-accounts', values['scalr-service-accounts'], 0);
  const rudderstackUsers = integer('rudderstack-users', values['rudderstack-users'], 1);
  const rudderstackGroups = integer('rudderstack-groups', values['rudderstack-groups'], 0);
  const rudderstackPage = integer('rudderstack-max-page-size', values['rudderstack-max-page-size'], 1);
  if (teamtailorRegion !== undefined && teamtailorRegion !== 'eu' && teamtailorRegion !== 'na') {
    throw new UsageError(`--teamtailor-region must be eu or na, got '${teamtailorRegion}'`);
  }
  return {
    ...(seed === undefined ? {} : { seed }),
    ...(port === undefined ? {} : { port }),
    ilert: {
      ...(users === undefined ? {} : { users }),
      ...(teams === undefined ? {} : { teams }),
      ...(rateLimit === undefined ? {} : { rateLimitPerMinute: rateLimit }),
    },
    ironclad: {
      ...(ironcladUsers === undefined ? {} : { users: ironcladUsers }),
      ...(ironcladGroups === undefined ? {} : { groups: ironcladGroups }),
      ...(values['ironclad-saml'] === true ? { saml: true } : {}),
      ...(rateLimit === false ? { rateLimits: false as const } : {}),
    },
    teamtailor: {
      ...(teamtailorUsers === undefined ? {} : { users: teamtailorUsers }),
      ...(teamtailorRegion === undefined ? {} : { region: teamtailorRegion }),
      ...(rateLimit === false ? { rateLimit: false as const } : {}),
    },
    scalr: {
      ...(scalrUsers === undefined ? {} : { users: scalrUsers }),
      ...(scalrServiceAccounts === undefined ? {} : { serviceAccounts: scalrServiceAccounts }),
    },
    rudderstack: {
      ...(rudderstackUsers === undefined ? {} : { users: rudderstackUsers }),
      ...(rudderstackGroups === undefined ? {} : { groups: rudderstackGroups }),
      ...(rudderstackPage === undefined ? {} : { maxPageSize: rudderstackPage }),
      ...(values['rudderstack-omit-total-results'] === true ? { omitTotalResults: true } : {}),
      ...(values['rudderstack-scim-disabled'] === true ? { scimEnabled: false } : {}),
    },
    ...(latencyMs === undefined ? {} : { faults: { latencyMs } }),
  };
}

async function main(): Promise<number> {
  let options: SandboxOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const sandbox = await startSandbox(options);
  const { ilert, ironclad, teamtailor, scalr, rudderstack } = sandbox.services;
  const services = {
    ilert: { baseUrl: ilert.baseUrl, token: ilert.token },
    ironclad: { baseUrl: ironclad.baseUrl, clientId: ironclad.clientId, clientSecret: ironclad.clientSecret, asUserEmail: ironclad.asUserEmail },
    teamtailor: { baseUrl: teamtailor.baseUrl, apiKey: teamtailor.apiKey },
    scalr: { baseUrl: scalr.baseUrl, account: scalr.account, token: scalr.token },
    rudderstack: { baseUrl: rudderstack.baseUrl, token: rudderstack.token, workspaceToken: rudderstack.workspaceToken },
  };
  process.stdout.write(`${JSON.stringify({ url: sandbox.url, services })}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await sandbox.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
