import { checkClientId, checkClientSecret } from '../service/credential-checks.js';
import { defineConfig } from './fields.js';

/** Whether a `--create-account-profile` value is a JSON object. */
function checkJsonObject(value: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return undefined;
  } catch {
    // reported below
  }
  return 'must be a JSON object';
}

/**
 * The standard flags every connector gets, with Baton's names, env vars and defaults, and
 * Baton's relationships between the one-shot operation flags. `log-format` and `output` have
 * no default: the CLI picks by whether the stream is a terminal.
 */
export const SDK_CONFIG = defineConfig({
  fields: {
    file: {
      type: 'string',
      short: 'f',
      default: 'sync.c1z',
      placeholder: 'PATH',
      description: 'The c1z file a sync writes and inspect commands read',
    },
    'log-level': {
      type: 'string',
      choices: ['debug', 'info', 'warn', 'error'],
      default: 'info',
      description: 'The least severe log level written',
    },
    'log-format': {
      type: 'string',
      choices: ['json', 'console'],
      description: 'Log line format (default: console on a terminal, json otherwise)',
    },
    provisioning: { type: 'boolean', short: 'p', description: 'Allow operations that change access (grant, revoke, create account)' },
    'sync-resource-types': {
      type: 'string-list',
      placeholder: 'IDS',
      description: 'Only sync these resource types (comma-separated ids, e.g. user,team)',
    },
    'skip-entitlements-and-grants': { type: 'boolean', description: 'Sync resources only, without their entitlements and grants' },
    'http-timeout-seconds': {
      type: 'integer',
      min: 1,
      max: 1800,
      default: 300,
      placeholder: 'SECONDS',
      description: 'Timeout of each HTTP request to the service',
    },
    workers: { type: 'integer', min: 1, max: 64, default: 4, placeholder: 'N', description: 'How many list calls a sync runs at once' },
    'c1z-temp-dir': { type: 'string', placeholder: 'PATH', description: "Directory for a sync's working files (default: beside --file)" },
    output: {
      type: 'string',
      choices: ['table', 'json'],
      description: 'Output format of inspect commands (default: table on a terminal, json otherwise)',
    },
    config: {
      type: 'string',
      flagOnly: true,
      env: 'BATON_CONFIG_PATH',
      placeholder: 'PATH',
      description: 'A YAML file of settings keyed by flag name',
    },
    'grant-entitlement': {
      type: 'string',
      placeholder: 'ID',
      description: 'Grant this entitlement (id as in the c1z) to --grant-principal, then exit',
    },
    'grant-principal': { type: 'string', placeholder: 'ID', description: 'The resource id of the principal for --grant-entitlement' },
    'grant-principal-type': {
      type: 'string',
      placeholder: 'TYPE',
      description: 'The resource type of the principal for --grant-entitlement',
    },
    'revoke-grant': { type: 'string', placeholder: 'ID', description: 'Revoke this grant (id as in the c1z), then exit' },
    'create-account-login': { type: 'string', placeholder: 'LOGIN', description: 'Create an account with this login, then exit' },
    'create-account-email': { type: 'string', placeholder: 'EMAIL', description: 'Create an account with this email, then exit' },
    'create-account-profile': {
      type: 'string',
      placeholder: 'JSON',
      check: checkJsonObject,
      description: 'Profile of the account to create, as a JSON object',
    },
    'create-account-resource-type': {
      type: 'string',
      placeholder: 'TYPE',
      hidden: true,
      description: 'The resource type of the account to create (default: the only one offered)',
    },
    'client-id': {
      type: 'string',
      placeholder: 'ID',
      check: checkClientId,
      description: 'C1 client id; with --client-secret the connector runs in service mode, taking tasks from C1',
    },
    'client-secret': {
      type: 'string',
      secret: true,
      placeholder: 'SECRET',
      check: checkClientSecret,
      description: 'C1 client secret (secret-token:conductorone.com:v1:...), for service mode',
    },
    'host-id': {
      type: 'string',
      placeholder: 'NAME',
      description: 'Service mode: the name this host reports to C1 (default: the hostname)',
    },
    'health-check': { type: 'boolean', description: 'Service mode: serve /health, /ready and /live over HTTP' },
    'health-check-port': {
      type: 'integer',
      min: 1,
      max: 65535,
      default: 8081,
      placeholder: 'PORT',
      description: 'Service mode: port of the health check endpoint',
    },
    'health-check-bind-address': {
      type: 'string',
      default: '127.0.0.1',
      placeholder: 'ADDRESS',
      description: 'Service mode: address the health check endpoint listens on',
    },
    help: { type: 'boolean', short: 'h', flagOnly: true, description: 'Show this help' },
    version: { type: 'boolean', flagOnly: true, description: 'Show the version' },
  },
  requiredTogether: [
    ['grant-entitlement', 'grant-principal', 'grant-principal-type'],
    ['client-id', 'client-secret'],
  ],
  mutuallyExclusive: [
    [
      ['grant-entitlement', 'grant-principal', 'grant-principal-type'],
      'revoke-grant',
      ['create-account-login', 'create-account-email', 'create-account-profile', 'create-account-resource-type'],
    ],
  ],
});
