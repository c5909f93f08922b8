import { describe, expect, it } from 'vitest';
import { defineConfig } from './fields.js';
import { formatHelp } from './help.js';
import { mergeSchemas } from './merge.js';
import { SDK_CONFIG } from './sdk-config.js';

const connector = defineConfig({
  fields: {
    'ilert-api-token': {
      type: 'string',
      secret: true,
      required: true,
      default: 'default-secret-value',
      description: 'The ilert API token',
    },
    'ilert-base-url': { type: 'string', default: 'https://api.ilert.com/api', description: 'Base URL of the ilert API' },
  },
});
const help = formatHelp({
  binary: 'baton-ilert',
  description: 'Syncs ilert users and teams.',
  schema: mergeSchemas(SDK_CONFIG, connector),
  commands: [
    { name: 'sync', summary: 'Sync into --file (the default)' },
    { name: 'validate', summary: 'Check the configuration and credentials' },
  ],
});
/** The two help lines of a flag: the flag with its description, then its env var and default. */
const lineOf = (flag: string): string => {
  const lines = help.split('\n');
  const index = lines.findIndex((line) => new RegExp(`^ {2}(-[a-z], | {4})--${flag}( |$)`).test(line));
  return `${lines[index]}\n${lines[index + 1]}`;
};

describe('formatHelp', () => {
  it('shows usage, description and commands', () => {
    expect(help.startsWith('Syncs ilert users and teams.\n\nUsage:\n  baton-ilert [command] [flags]\n')).toBe(true);
    expect(help).toMatch(/Commands:\n {2}sync {6}Sync into --file \(the default\)\n {2}validate {2}Check the configuration/);
  });

  it('lists the connector flags before the standard flags, each with its env var and default', () => {
    expect(help.indexOf('Flags:')).toBeLessThan(help.indexOf('--ilert-base-url'));
    expect(help.indexOf('--ilert-base-url')).toBeLessThan(help.indexOf('Standard flags:'));
    expect(lineOf('ilert-base-url')).toMatch(/env BATON_ILERT_BASE_URL, default "https:\/\/api\.ilert\.com\/api"/);
    expect(lineOf('file')).toMatch(/-f, --file PATH +The c1z file.*\n +env BATON_FILE, default "sync\.c1z"/);
    expect(lineOf('http-timeout-seconds')).toContain('env BATON_HTTP_TIMEOUT_SECONDS, default 300, 1..1800');
    expect(lineOf('log-level')).toContain('--log-level debug|info|warn|error');
    expect(lineOf('config')).toContain('env BATON_CONFIG_PATH');
    expect(lineOf('provisioning')).toMatch(/-p, --provisioning +Allow/);
  });

  it('marks secrets and required flags and never shows a secret default', () => {
    expect(lineOf('ilert-api-token')).toMatch(/The ilert API token \(required, secret\)\n +env BATON_ILERT_API_TOKEN$/);
    expect(help).not.toContain('default-secret-value');
  });

  it('leaves hidden flags out', () => {
    expect(help).not.toContain('--create-account-resource-type');
    expect(help).toContain('--create-account-profile JSON');
  });
});
