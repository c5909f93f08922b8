import { type AccountManager, type ConnectorError, type CredentialOptions, type Logger } from '@c1/connector-sdk';
import { assertNoPendingInterceptors, installMockAgent, type InstalledMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALL_SCOPES,
  capturingLogger,
  interceptToken,
  JSON_HEADERS,
  ORIGIN,
  scimError,
  scimHeaders,
  testConnector,
  user,
} from '../test/mock-ironclad.js';

const RANDOM: CredentialOptions = {
  kind: 'random-password',
  length: 20,
  constraints: [
    { charSet: 'abcdefghijklmnopqrstuvwxyz', minCount: 1 },
    { charSet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', minCount: 1 },
    { charSet: '0123456789', minCount: 1 },
    { charSet: '!@#$%^&*()-_=+[]{};:,.?', minCount: 1 },
  ],
};
const INFO = {
  login: 'jane.doe@contoso.test',
  emails: [{ address: 'jane.doe@contoso.test', isPrimary: true }],
  profile: { givenName: 'Jane', familyName: 'Doe', title: 'Counsel', department: 'Legal' },
};

function manager(logger?: Logger, provisioning = true): AccountManager {
  const connector = testConnector({ provisioning, ...(logger && { logger }) });
  if (!connector.accountManager) throw new Error('no account manager');
  return connector.accountManager;
}

describe('Ironclad account creation', () => {
  let mock: InstalledMockAgent;
  let sent: Record<string, unknown>[];
  beforeEach(() => {
    mock = installMockAgent();
    sent = [];
    interceptToken(mock.agent, { scope: ALL_SCOPES });
  });
  afterEach(async () => {
    await mock.restore();
  });

  const interceptCreate = (status: number, body: unknown) =>
    mock.agent
      .get(ORIGIN)
      .intercept({
        path: '/scim/v2/Users',
        method: 'POST',
        headers: scimHeaders(),
        body: (text) => {
          sent.push(JSON.parse(text) as Record<string, unknown>);
          return true;
        },
      })
      .reply(status, body as object, JSON_HEADERS);

  it('creates the account with a strong random password handed back only as a secret', async () => {
    interceptCreate(201, user(50, { userName: 'jane.doe@contoso.test', name: { givenName: 'Jane', familyName: 'Doe' } }));
    const log = capturingLogger();
    const result = await manager(log.logger).createAccount(INFO, RANDOM, { signal: new AbortController().signal, logger: log.logger });
    const body = sent.at(-1) as Record<string, unknown>;
    expect(body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      userName: 'jane.doe@contoso.test',
      name: { givenName: 'Jane', familyName: 'Doe' },
      title: 'Counsel',
      active: true,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Legal' },
    });
    const password = body.password as string;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/\d/);
    expect(password).toMatch(/[^A-Za-z0-9]/);

    expect(result.outcome).toBe('created');
    expect(result.outcome === 'created' && result.resource.id).toEqual({ resourceType: 'user', resource: user(50).id });
    expect(result.secrets).toHaveLength(1);
    expect(new TextDecoder().decode(result.secrets?.[0]?.bytes)).toBe(password);
    const { secrets: _secrets, ...visible } = result;
    expect(JSON.stringify(visible)).not.toContain(password);
    expect(log.text()).toContain('created an Ironclad account');
    expect(log.text()).not.toContain(password);
    assertNoPendingInterceptors(mock.agent);
  });

  it('sends no password when asked for none (SAML companies) and returns no secret', async () => {
    interceptCreate(201, user(51));
    const result = await manager().createAccount(
      INFO,
      { kind: 'no-password' },
      { signal: new AbortController().signal, logger: capturingLogger().logger },
    );
    expect(sent.at(-1)).not.toHaveProperty('password');
    expect(result.outcome).toBe('created');
    expect(result.secrets).toBeUndefined();
  });

  it('turns a 409 into already-exists carrying the existing account, found by userName', async () => {
    interceptCreate(409, scimError(409, 'User already exists', 'uniqueness'));
    mock.agent
      .get(ORIGIN)
      .intercept({
        path: '/scim/v2/Users',
        method: 'GET',
        query: { filter: 'userName eq "jane.doe@contoso.test"', startIndex: '1', count: '1' },
        headers: scimHeaders(),
      })
      .reply(200, { totalResults: 1, Resources: [user(7, { userName: 'jane.doe@contoso.test' })] }, JSON_HEADERS);
    const result = await manager().createAccount(INFO, RANDOM, { signal: new AbortController().signal, logger: capturingLogger().logger });
    expect(result).toMatchObject({ outcome: 'already-exists', resource: { id: { resourceType: 'user', resource: user(7).id } } });
    expect(result.secrets).toBeUndefined();
    assertNoPendingInterceptors(mock.agent);
  });

  it('keeps the password out of the error and the logs when Ironclad refuses the account', async () => {
    interceptCreate(400, scimError(400, 'Invalid value at name.givenName: 123', 'invalidValue'));
    const log = capturingLogger();
    const error = (await manager(log.logger)
      .createAccount(INFO, RANDOM, { signal: new AbortController().signal, logger: log.logger })
      .catch((e: unknown) => e)) as ConnectorError;
    const password = (sent.at(-1) as { password: string }).password;
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe('Ironclad POST /Users failed with status 400: Invalid value at name.givenName: 123 (invalidValue)');
    expect(`${error.message} ${String(error.stack)} ${log.text()}`).not.toContain(password);
  });

  it('needs an email login and a name, and --provisioning', async () => {
    const ctx = { signal: new AbortController().signal, logger: capturingLogger().logger };
    await expect(manager().createAccount({ login: 'jdoe', emails: [], profile: INFO.profile }, RANDOM, ctx)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(manager().createAccount({ ...INFO, profile: { givenName: 'Jane' } }, RANDOM, ctx)).rejects.toThrow(/familyName/);
    await expect(manager().createAccount(INFO, { kind: 'sso', ssoProvider: 'okta' }, ctx)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(manager(undefined, false).createAccount(INFO, RANDOM, ctx)).rejects.toMatchObject({ code: 'failed-precondition' });
    expect(sent).toEqual([]);
  });
});
