import { isAbsolute, resolve } from 'node:path';
import type { LogLevel } from '../log/index.js';

/** The SDK and CLI settings a command reads, typed, from the resolved config values. */
export interface CliSettings {
  /** Absolute path of the c1z file. */
  file: string;
  logLevel: LogLevel;
  /** Unset when not configured: the CLI then picks console on a terminal, json otherwise. */
  logFormat?: 'json' | 'console';
  output?: string;
  provisioning: boolean;
  syncResourceTypes: string[];
  skipEntitlementsAndGrants: boolean;
  httpTimeoutSeconds: number;
  workers?: number;
  /** Where a sync keeps its working files (default: beside the file). */
  c1zTempDir?: string;
  grantEntitlement?: string;
  grantPrincipal?: string;
  grantPrincipalType?: string;
  revokeGrant?: string;
  createAccountLogin?: string;
  createAccountEmail?: string;
  createAccountProfile?: string;
  createAccountAgeRecipient?: string;
  createAccountCredential?: 'random-password' | 'no-password';
  resourceType?: string;
  resource?: string;
  entitlement?: string;
  principal?: string;
  syncId?: string;
  exportFormat: 'json' | 'csv';
}

/** Reads {@link CliSettings} from resolved config values; relative paths are taken from `cwd`. */
export function readSettings(values: Readonly<Record<string, unknown>>, cwd: string): CliSettings {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const flag = (name: string): boolean => values[name] === true;
  const integer = (name: string): number | undefined => {
    const value = values[name];
    return typeof value === 'number' ? value : undefined;
  };
  const list = (name: string): string[] => {
    const value = values[name];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  };
  const path = (value: string): string => (isAbsolute(value) ? value : resolve(cwd, value));
  const logLevel = text('log-level');
  const tempDir = text('c1z-temp-dir');
  const logFormat = text('log-format');
  return {
    file: path(text('file') ?? 'sync.c1z'),
    logLevel: logLevel === 'debug' || logLevel === 'warn' || logLevel === 'error' ? logLevel : 'info',
    logFormat: logFormat === 'console' || logFormat === 'json' ? logFormat : undefined,
    output: text('output'),
    provisioning: flag('provisioning'),
    syncResourceTypes: list('sync-resource-types'),
    skipEntitlementsAndGrants: flag('skip-entitlements-and-grants'),
    httpTimeoutSeconds: integer('http-timeout-seconds') ?? 300,
    workers: integer('workers'),
    c1zTempDir: tempDir === undefined ? undefined : path(tempDir),
    grantEntitlement: text('grant-entitlement'),
    grantPrincipal: text('grant-principal'),
    grantPrincipalType: text('grant-principal-type'),
    revokeGrant: text('revoke-grant'),
    createAccountLogin: text('create-account-login'),
    createAccountEmail: text('create-account-email'),
    createAccountProfile: text('create-account-profile'),
    createAccountAgeRecipient: text('create-account-age-recipient'),
    createAccountCredential: credentialKind(text('create-account-credential')),
    resourceType: text('resource-type'),
    resource: text('resource'),
    entitlement: text('entitlement'),
    principal: text('principal'),
    syncId: text('sync-id'),
    exportFormat: text('format') === 'csv' ? 'csv' : 'json',
  };
}

/** The one-shot provisioning operation the flags ask for, if any. */
export type Operation = 'grant' | 'revoke' | 'create-account';

/** Which one-shot operations the settings ask for (more than one is a usage error). */
export function requestedOperations(settings: CliSettings): Operation[] {
  const operations: Operation[] = [];
  if (settings.grantEntitlement || settings.grantPrincipal || settings.grantPrincipalType) operations.push('grant');
  if (settings.revokeGrant) operations.push('revoke');
  if (settings.createAccountLogin || settings.createAccountEmail || settings.createAccountProfile) {
    operations.push('create-account');
  }
  return operations;
}

function credentialKind(value: string | undefined): CliSettings['createAccountCredential'] {
  return value === 'random-password' || value === 'no-password' ? value : undefined;
}
