import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.js';
import { defineResourceType } from '../model/builders.js';
import { assertMatchesDeclaration, capabilitiesOf, declarationOf, declaredCapabilities } from './capabilities.js';
import type { Connector, ConnectorDeclaration, ResourceSyncer } from './contract.js';

const user = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
const group = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });
const emptyList: ResourceSyncer['list'] = async () => ({ items: [] });

function connectorWith(parts: Partial<Connector>): Connector {
  return { metadata: { displayName: 'Test' }, validate: async () => [], resourceSyncers: [], ...parts };
}

describe('capabilitiesOf', () => {
  it('reports only sync for a read-only connector', () => {
    const caps = capabilitiesOf(connectorWith({ resourceSyncers: [{ resourceType: user, list: emptyList }] }));
    expect(caps.connector).toEqual(['SYNC']);
    expect(caps.resourceTypes).toEqual([{ resourceType: 'user', capabilities: ['SYNC'] }]);
    expect(caps.accountCreation).toBeUndefined();
  });

  it('derives provisioning and account creation from what is implemented', () => {
    const caps = capabilitiesOf(
      connectorWith({
        resourceSyncers: [
          { resourceType: user, list: emptyList },
          {
            resourceType: group,
            list: emptyList,
            provisioner: { grant: async () => ({ outcome: 'granted' }), revoke: async () => ({ outcome: 'revoked' }) },
          },
        ],
        accountManager: {
          capabilityDetails: {
            supportedCredentialOptions: ['no-password', 'random-password'],
            preferredCredentialOption: 'random-password',
          },
          createAccount: async () => ({ outcome: 'in-progress' }),
        },
      }),
    );
    expect(caps.connector).toEqual(['SYNC', 'ACCOUNT_PROVISIONING', 'PROVISION']);
    expect(caps.resourceTypes).toEqual([
      { resourceType: 'user', capabilities: ['SYNC', 'ACCOUNT_PROVISIONING'] },
      { resourceType: 'group', capabilities: ['SYNC', 'PROVISION'] },
    ]);
    expect(caps.accountCreation?.preferredCredentialOption).toBe('random-password');
  });

  it('rejects a preferred credential option that is not supported', () => {
    const connector = connectorWith({
      accountManager: {
        capabilityDetails: { supportedCredentialOptions: ['no-password'], preferredCredentialOption: 'random-password' },
        createAccount: async () => ({ outcome: 'in-progress' }),
      },
    });
    expect(() => capabilitiesOf(connector)).toThrow(/preferredCredentialOption/);
  });

  it('keeps the silent logger silent', () => {
    expect(silentLogger.child({ a: 1 })).toBe(silentLogger);
  });
});

describe('declared capabilities', () => {
  const provisioned: Connector = connectorWith({
    resourceSyncers: [
      { resourceType: user, list: emptyList, deleteResource: async () => undefined },
      {
        resourceType: group,
        list: emptyList,
        provisioner: { grant: async () => ({ outcome: 'granted' }), revoke: async () => ({ outcome: 'revoked' }) },
      },
    ],
    accountManager: {
      capabilityDetails: { supportedCredentialOptions: ['no-password'], preferredCredentialOption: 'no-password' },
      createAccount: async () => ({ outcome: 'in-progress' }),
    },
  });
  const declaration: ConnectorDeclaration = {
    metadata: { displayName: 'Test' },
    resourceTypes: [
      { resourceType: user, deletes: true },
      { resourceType: group, provisions: true },
    ],
    accountCreation: { supportedCredentialOptions: ['no-password'], preferredCredentialOption: 'no-password' },
  };

  it('are the capabilities of a connector built to match the declaration', () => {
    expect(declaredCapabilities(declaration)).toEqual(capabilitiesOf(provisioned));
    expect(declarationOf(provisioned)).toEqual(declaration);
    expect(() => assertMatchesDeclaration('baton-test', declaration, provisioned)).not.toThrow();
  });

  it('reject a built connector that drifted from its declaration, naming both', () => {
    const readOnly = connectorWith({ resourceSyncers: [{ resourceType: user, list: emptyList }] });
    expect(() => assertMatchesDeclaration('baton-test', declaration, readOnly)).toThrow(
      /^connector baton-test: what create\(\) built does not match its declaration \(declared .*"group".*, built .*\)$/,
    );
  });
});
