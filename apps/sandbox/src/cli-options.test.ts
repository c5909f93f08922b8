import { describe, expect, it } from 'vitest';
import { parseOptions, USAGE } from './cli-options.js';

describe('sandbox CLI options', () => {
  it("maps each service's flags to its options", () => {
    const options = parseOptions([
      '--seed',
      '5',
      '--port',
      '0',
      '--latency-ms',
      '20',
      '--users',
      '3',
      '--teams',
      '2',
      '--rate-limit',
      '9',
      '--ironclad-users',
      '4',
      '--ironclad-saml',
      '--teamtailor-region',
      'na',
      '--scalr-service-accounts',
      '0',
      '--rudderstack-max-page-size',
      '7',
      '--rudderstack-scim-disabled',
    ]);
    expect(options).toEqual({
      seed: 5,
      port: 0,
      faults: { latencyMs: 20 },
      ilert: { users: 3, teams: 2, rateLimitPerMinute: 9 },
      ironclad: { users: 4, saml: true },
      teamtailor: { region: 'na' },
      scalr: { serviceAccounts: 0 },
      rudderstack: { maxPageSize: 7, scimEnabled: false },
    });
  });

  it('turns off the limits of every service that has one with --no-rate-limit', () => {
    expect(parseOptions(['--no-rate-limit'])).toMatchObject({
      ilert: { rateLimitPerMinute: false },
      ironclad: { rateLimits: false },
      teamtailor: { rateLimit: false },
    });
  });

  it('names the flag of a bad value', () => {
    expect(() => parseOptions(['--users', '0'])).toThrow("--users must be an integer >= 1, got '0'");
    expect(() => parseOptions(['--port', '70000'])).toThrow('--port must be at most 65535, got 70000');
    expect(() => parseOptions(['--teamtailor-region', 'xx'])).toThrow("--teamtailor-region must be eu or na, got 'xx'");
    expect(() => parseOptions(['--rate-limit', '5', '--no-rate-limit'])).toThrow('use either --rate-limit or --no-rate-limit');
  });

  it('lists every flag in the usage', () => {
    for (const flag of [
      '--seed S',
      '--users N',
      '--ironclad-saml',
      '--teamtailor-region eu|na',
      '--scalr-users N',
      '--rudderstack-scim-disabled',
    ]) {
      expect(USAGE).toContain(flag);
    }
  });
});
