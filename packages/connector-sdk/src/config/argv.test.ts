import { describe, expect, it } from 'vitest';
import { parseArgv } from './argv.js';
import { defineConfig } from './fields.js';
import { envName, flagHint } from './names.js';

const schema = defineConfig({
  fields: {
    file: { type: 'string', short: 'f', description: 'output' },
    provisioning: { type: 'boolean', short: 'p', description: 'provisioning' },
    verbose: { type: 'boolean', short: 'v', description: 'verbose' },
    workers: { type: 'integer', min: 1, max: 64, description: 'workers' },
    'sync-resource-types': { type: 'string-list', description: 'types' },
    'api-token': { type: 'string', secret: true, description: 'token' },
  },
});

describe('names', () => {
  it('maps a flag to its BATON_ env var and hint', () => {
    expect(envName('ilert-api-token')).toBe('BATON_ILERT_API_TOKEN');
    expect(envName('file')).toBe('BATON_FILE');
    expect(flagHint('ilert-api-token')).toBe('--ilert-api-token / BATON_ILERT_API_TOKEN');
  });
});

describe('parseArgv', () => {
  it('separates positionals from flags given before or after them', () => {
    const parsed = parseArgv(schema, ['--file', 'a.c1z', 'resources', '--workers=8', 'extra']);
    expect(parsed.positionals).toEqual(['resources', 'extra']);
    expect(parsed.flags).toEqual({ file: 'a.c1z', workers: '8' });
    expect(parsed.problems).toEqual([]);
  });

  it('reads boolean switches, --no- forms and explicit values without taking the next word', () => {
    expect(parseArgv(schema, ['--provisioning', 'sync']).flags).toEqual({ provisioning: true });
    expect(parseArgv(schema, ['--provisioning', 'sync']).positionals).toEqual(['sync']);
    expect(parseArgv(schema, ['--no-provisioning']).flags).toEqual({ provisioning: false });
    expect(parseArgv(schema, ['--provisioning=false']).flags).toEqual({ provisioning: 'false' });
  });

  it('reads short aliases, attached values and grouped switches', () => {
    expect(parseArgv(schema, ['-f', 'x.c1z']).flags).toEqual({ file: 'x.c1z' });
    expect(parseArgv(schema, ['-fx.c1z']).flags).toEqual({ file: 'x.c1z' });
    expect(parseArgv(schema, ['-f=x.c1z']).flags).toEqual({ file: 'x.c1z' });
    expect(parseArgv(schema, ['-pv']).flags).toEqual({ provisioning: true, verbose: true });
    expect(parseArgv(schema, ['-pf', 'y.c1z']).flags).toEqual({ provisioning: true, file: 'y.c1z' });
  });

  it('collects every occurrence of a list flag and keeps the last of others', () => {
    const parsed = parseArgv(schema, ['--sync-resource-types', 'user', '--sync-resource-types=team,group', '-f', 'a', '-f', 'b']);
    expect(parsed.flags).toEqual({ 'sync-resource-types': ['user', 'team,group'], file: 'b' });
  });

  it('treats everything after -- as positionals', () => {
    expect(parseArgv(schema, ['--', '--file', 'x']).positionals).toEqual(['--file', 'x']);
  });

  it('reports unknown flags with a suggestion and never echoes their value', () => {
    const parsed = parseArgv(schema, ['--api-tokn', 'sekret-value', '-z', 'sync']);
    expect(parsed.problems.map((problem) => problem.message)).toEqual([
      'unknown flag --api-tokn (did you mean --api-token?)',
      'unknown flag -z',
    ]);
    expect(parsed.positionals).toEqual(['sync']);
    expect(JSON.stringify(parsed)).not.toContain('sekret-value');
  });

  it('reports a flag missing its value, naming its env var', () => {
    const parsed = parseArgv(schema, ['--file', '--provisioning']);
    expect(parsed.problems).toEqual([{ field: 'file', message: '--file / BATON_FILE needs a value (use --file=VALUE)' }]);
    expect(parsed.flags).toEqual({ provisioning: true });
    expect(parseArgv(schema, ['--workers']).problems[0]?.message).toContain('--workers / BATON_WORKERS needs a value');
  });
});
