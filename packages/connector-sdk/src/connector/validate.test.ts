import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { runValidationProbes } from './validate.js';

describe('runValidationProbes', () => {
  it('returns the checks with their details', async () => {
    const checks = await runValidationProbes([
      { name: 'list users', run: async () => '12 users' },
      { name: 'list teams', run: async () => undefined },
    ]);
    expect(checks).toEqual([{ name: 'list users', detail: '12 users' }, { name: 'list teams' }]);
  });

  it('names the probe that failed and keeps the error facts, stopping there', async () => {
    let ranTeams = false;
    const failure = runValidationProbes([
      {
        name: 'list users',
        run: () =>
          Promise.reject(new ConnectorError('acme rejected the API token (401)', { code: 'unauthenticated', status: 401, attempts: 1 })),
      },
      { name: 'list teams', run: async () => void (ranTeams = true) },
    ]);
    await expect(failure).rejects.toMatchObject({
      message: 'cannot list users: acme rejected the API token (401)',
      code: 'unauthenticated',
      status: 401,
      attempts: 1,
    });
    expect(ranTeams).toBe(false);
  });
});
