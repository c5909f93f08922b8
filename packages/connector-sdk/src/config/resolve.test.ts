import { afterEach, describe, expect, it } from 'vitest';
import { redactSecrets, clearSecretsForTesting } from '../log/secrets.js';
import { parseArgv } from './argv.js';
import { defineConfig } from './fields.js';
import { mergeSchemas } from './merge.js';
import { formatConfigProblems } from './problems.js';
import { resolveConfig, type ConfigSources } from './resolve.js';
import { SDK_CONFIG } from './sdk-config.js';

const ilert = defineConfig({
  fields: {
    'ilert-api-token': { type: 'string', secret: true, required: true, description: 'The ilert API token' },
    'ilert-base-url': { type: 'string', default: 'https://api.ilert.com/api', description: 'Base URL' },
    region: { type: 'string', choices: ['eu', 'na'], default: 'eu', description: 'Region' },
  },
});
const schema = mergeSchemas(SDK_CONFIG, ilert);
const TOKEN = 'il-secret-token-123';

function resolve(argv: string[], env: ConfigSources['env'] = {}, file?: Record<string, unknown>) {
  const parsed = parseArgv(schema, argv);
  expect(parsed.problems).toEqual([]);
  return resolveConfig(schema, { flags: parsed.flags, env, ...(file ? { file } : {}) });
}

function valuesOf(result: ReturnType<typeof resolve>) {
  if (!result.ok) throw new Error(formatConfigProblems(result.problems));
  return result.values;
}

function problemsOf(result: { ok: true } | { ok: false; problems: { message: string }[] }): string[] {
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((problem) => problem.message);
}

afterEach(() => clearSecretsForTesting());

describe('resolveConfig precedence', () => {
  const env = { BATON_ILERT_API_TOKEN: TOKEN, BATON_WORKERS: '6' };

  it('uses the default when nothing else is given', () => {
    const values = valuesOf(resolve([], { BATON_ILERT_API_TOKEN: TOKEN }));
    expect(values.workers).toBe(4);
    expect(values.file).toBe('sync.c1z');
    expect(values['http-timeout-seconds']).toBe(300);
    expect(values['log-level']).toBe('info');
    expect(values['log-format']).toBeUndefined();
    expect(values.provisioning).toBe(false);
    expect(values['ilert-api-token']).toBe(TOKEN);
  });

  it('prefers the file over the default', () => {
    expect(valuesOf(resolve([], { BATON_ILERT_API_TOKEN: TOKEN }, { workers: 5 })).workers).toBe(5);
  });

  it('prefers env over the file', () => {
    expect(valuesOf(resolve([], env, { workers: 5 })).workers).toBe(6);
  });

  it('prefers a flag over env', () => {
    expect(valuesOf(resolve(['--workers', '7'], env, { workers: 5 })).workers).toBe(7);
  });

  it('treats an empty env var as unset', () => {
    expect(valuesOf(resolve([], { ...env, BATON_WORKERS: '' }, { workers: 5 })).workers).toBe(5);
  });
});

describe('resolveConfig values', () => {
  const base = { BATON_ILERT_API_TOKEN: TOKEN };

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['YES', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads BATON_PROVISIONING=%s as %s', (text, expected) => {
    expect(valuesOf(resolve([], { ...base, BATON_PROVISIONING: text })).provisioning).toBe(expected);
  });

  it('lets --no-provisioning and --provisioning=false override env', () => {
    expect(valuesOf(resolve(['--no-provisioning'], { ...base, BATON_PROVISIONING: 'true' })).provisioning).toBe(false);
    expect(valuesOf(resolve(['--provisioning=false'], { ...base, BATON_PROVISIONING: 'true' })).provisioning).toBe(false);
  });

  it('rejects a boolean word it does not know', () => {
    expect(problemsOf(resolve([], { ...base, BATON_PROVISIONING: 'maybe' }))).toEqual([
      '--provisioning / BATON_PROVISIONING must be true or false (or 1/0, yes/no) (got "maybe" from BATON_PROVISIONING)',
    ]);
  });

  it('splits list values from flags and env, and takes YAML lists whole', () => {
    expect(valuesOf(resolve(['--sync-resource-types', 'user, team', '--sync-resource-types=group'], base))['sync-resource-types']).toEqual([
      'user',
      'team',
      'group',
    ]);
    expect(valuesOf(resolve([], { ...base, BATON_SYNC_RESOURCE_TYPES: 'user,team' }))['sync-resource-types']).toEqual(['user', 'team']);
    expect(valuesOf(resolve([], base, { 'sync-resource-types': ['user', 'team'] }))['sync-resource-types']).toEqual(['user', 'team']);
  });

  it('checks choices', () => {
    expect(problemsOf(resolve(['--log-level', 'verbose'], base))).toEqual([
      '--log-level / BATON_LOG_LEVEL must be one of debug, info, warn, error (got "verbose" from --log-level)',
    ]);
    expect(valuesOf(resolve(['--log-format=console'], base))['log-format']).toBe('console');
  });

  it('checks integers and their range', () => {
    expect(problemsOf(resolve(['--workers', 'many'], base))).toEqual([
      '--workers / BATON_WORKERS must be an integer (got "many" from --workers)',
    ]);
    expect(problemsOf(resolve(['--http-timeout-seconds', '1801'], base))).toEqual([
      '--http-timeout-seconds / BATON_HTTP_TIMEOUT_SECONDS must be between 1 and 1800 (got "1801" from --http-timeout-seconds)',
    ]);
    expect(problemsOf(resolve([], { ...base, BATON_WORKERS: '0' }))).toEqual([
      '--workers / BATON_WORKERS must be between 1 and 64 (got "0" from BATON_WORKERS)',
    ]);
    expect(problemsOf(resolve([], base, { workers: 2.5 }))).toEqual([
      '--workers / BATON_WORKERS must be an integer (got "2.5" from config file key "workers")',
    ]);
  });

  it('runs a field check', () => {
    expect(problemsOf(resolve(['--create-account-profile', '[1]', '--create-account-login', 'ann'], base))).toEqual([
      '--create-account-profile / BATON_CREATE_ACCOUNT_PROFILE must be a JSON object (got "[1]" from --create-account-profile)',
    ]);
  });

  it('reads --config from BATON_CONFIG_PATH, not BATON_CONFIG', () => {
    expect(valuesOf(resolve([], { ...base, BATON_CONFIG_PATH: 'c.yaml', BATON_CONFIG: 'x' })).config).toBe('c.yaml');
  });
});

describe('resolveConfig problems', () => {
  it('lists every problem at once, naming each flag and env var', () => {
    const result = resolve(['--log-level', 'loud', '--workers', '0']);
    const message = formatConfigProblems(result.ok ? [] : result.problems);
    expect(message).toBe(
      [
        'invalid configuration (3 problems):',
        '  - --log-level / BATON_LOG_LEVEL must be one of debug, info, warn, error (got "loud" from --log-level)',
        '  - --workers / BATON_WORKERS must be between 1 and 64 (got "0" from --workers)',
        '  - --ilert-api-token / BATON_ILERT_API_TOKEN is required',
      ].join('\n'),
    );
  });

  it('never echoes a secret value, and registers it for redaction', () => {
    const secretSchema = defineConfig({
      fields: {
        'api-key': {
          type: 'string',
          secret: true,
          description: 'key',
          check: (value) => (value.startsWith('ak_') ? undefined : 'must start with ak_'),
        },
        pin: { type: 'integer', min: 0, max: 9999, secret: true, description: 'pin' },
      },
    });
    const result = resolveConfig(secretSchema, { flags: { 'api-key': 'wrong-secret-key', pin: 'secret-pin' }, env: {} });
    const message = formatConfigProblems(result.ok ? [] : result.problems);
    expect(message).toContain('--api-key / BATON_API_KEY must start with ak_ (from --api-key)');
    expect(message).toContain('--pin / BATON_PIN must be an integer (from --pin)');
    expect(message).not.toContain('wrong-secret-key');
    expect(message).not.toContain('secret-pin');
    expect(redactSecrets('key=wrong-secret-key')).toBe('key=[REDACTED]');
  });

  it('registers a valid secret from env with the redaction registry', () => {
    valuesOf(resolve([], { BATON_ILERT_API_TOKEN: TOKEN }));
    expect(redactSecrets(`Authorization: Token token=${TOKEN}`)).toBe('Authorization: Token token=[REDACTED]');
  });

  it('reports unknown config-file keys and accepts snake_case keys', () => {
    const result = resolve([], {}, { ilert_api_token: TOKEN, 'ilert-api-tokn': 'x', colour: 'red' });
    expect(problemsOf(result)).toEqual([
      'unknown key "ilert-api-tokn" in the config file (did you mean "ilert-api-token"?)',
      'unknown key "colour" in the config file',
    ]);
    expect(valuesOf(resolve([], {}, { ilert_api_token: TOKEN, log_level: 'debug' }))['log-level']).toBe('debug');
  });

  it('rejects flag-only settings and repeated keys in the config file', () => {
    expect(problemsOf(resolve([], { BATON_ILERT_API_TOKEN: TOKEN }, { config: 'other.yaml', workers: 2, workers_: 1 }))).toEqual([
      '--config cannot be set in the config file (key "config")',
      'unknown key "workers_" in the config file (did you mean "workers"?)',
    ]);
    expect(problemsOf(resolve([], { BATON_ILERT_API_TOKEN: TOKEN }, { log_level: 'debug', 'log-level': 'warn' }))).toEqual([
      '--log-level / BATON_LOG_LEVEL is set twice in the config file (config file key "log_level" and key "log-level")',
    ]);
  });

  it('reports unknown flags handed in by code', () => {
    const result = resolveConfig(ilert, { flags: { 'ilert-api-token': TOKEN, bogus: 'x' }, env: {} });
    expect(problemsOf(result)).toEqual(['unknown flag --bogus']);
  });
});

describe('relationships', () => {
  const env = { BATON_ILERT_API_TOKEN: TOKEN };

  it('requires the grant flags together', () => {
    expect(problemsOf(resolve(['--grant-entitlement', 'team:1:member', '--grant-principal', '7'], env))).toEqual([
      '--grant-principal-type / BATON_GRANT_PRINCIPAL_TYPE is required together with --grant-entitlement and --grant-principal',
    ]);
    const values = valuesOf(
      resolve(['--grant-entitlement', 'team:1:member', '--grant-principal', '7', '--grant-principal-type', 'user'], env),
    );
    expect(values['grant-principal-type']).toBe('user');
  });

  it('counts flags given by env for relationships', () => {
    expect(problemsOf(resolve(['--grant-principal', '7'], { ...env, BATON_GRANT_PRINCIPAL_TYPE: 'user' }))).toEqual([
      '--grant-entitlement / BATON_GRANT_ENTITLEMENT is required together with --grant-principal and --grant-principal-type',
    ]);
  });

  it('rejects two one-shot operations at once', () => {
    expect(problemsOf(resolve(['--revoke-grant', 'g1', '--create-account-email', 'a@example.com'], env))).toEqual([
      '--revoke-grant / BATON_REVOKE_GRANT and --create-account-email / BATON_CREATE_ACCOUNT_EMAIL cannot be used together',
    ]);
    expect(
      valuesOf(resolve(['--create-account-login', 'ann', '--create-account-email', 'a@example.com'], env))['create-account-login'],
    ).toBe('ann');
  });

  it('does not count a boolean set to false as set', () => {
    const exclusive = defineConfig({
      fields: { a: { type: 'boolean', description: 'a' }, b: { type: 'boolean', description: 'b' } },
      mutuallyExclusive: [['a', 'b']],
    });
    expect(resolveConfig(exclusive, { flags: { a: true, b: false }, env: {} }).ok).toBe(true);
    expect(problemsOf(resolveConfig(exclusive, { flags: { a: true }, env: { BATON_B: 'yes' } }))).toEqual([
      '--a / BATON_A and --b / BATON_B cannot be used together',
    ]);
  });
});

describe('echoed values', () => {
  it('never echoes the user info of a URL', () => {
    const schema = { fields: { 'demo-url': { type: 'string' as const, description: 'url', check: () => 'is not allowed here' } } };
    const result = resolveConfig(schema, { flags: { 'demo-url': 'http://admin:S3cretPw@api.example.com/api' }, env: {} });
    expect(result.ok).toBe(false);
    const text = formatConfigProblems(result.ok ? [] : result.problems);
    expect(text).not.toContain('S3cretPw');
    expect(text).toContain('http://[REDACTED]@api.example.com/api');
  });
});
