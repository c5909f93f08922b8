import { defineConfig } from '../config/fields.js';

/**
 * Flags of the CLI's own commands, on top of the SDK's standard flags: the inspect filters
 * (command-line only, never read from env or the config file) and the recipient that
 * one-shot account creation encrypts returned secrets to.
 */
export const CLI_CONFIG = defineConfig({
  fields: {
    'resource-type': {
      type: 'string',
      description: 'resources, entitlements: only this resource type',
      flagOnly: true,
      placeholder: 'TYPE',
    },
    resource: {
      type: 'string',
      description: 'entitlements, grants: only this resource, as type:id',
      flagOnly: true,
      placeholder: 'TYPE:ID',
    },
    entitlement: { type: 'string', description: 'grants: only this entitlement id', flagOnly: true, placeholder: 'ID' },
    principal: { type: 'string', description: 'grants: only this principal, as type:id', flagOnly: true, placeholder: 'TYPE:ID' },
    'sync-id': {
      type: 'string',
      description: 'inspect commands: read this sync instead of the latest finished full sync',
      flagOnly: true,
      placeholder: 'ID',
    },
    format: { type: 'string', description: 'export: file format', choices: ['json', 'csv'], default: 'json', flagOnly: true },
    'create-account-credential': {
      type: 'string',
      description: "create-account: how the account's credentials are set (default: the connector's preferred option)",
      choices: ['random-password', 'no-password'],
    },
    'create-account-age-recipient': {
      type: 'string',
      description: 'age X25519 public key (age1...) that secrets of a created account are encrypted to',
      placeholder: 'KEY',
      check: (value) => (/^age1[02-9ac-hj-np-z]{58}$/.test(value) ? undefined : 'must be an age X25519 public key (age1...)'),
    },
  },
});
