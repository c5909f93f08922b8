import type { Connector, ConnectorDeclaration, CredentialOptionKind } from './contract.js';

/** Connector-level capabilities, named as Baton's `Capability` enum without its prefix. */
export type CapabilityName = 'SYNC' | 'PROVISION' | 'ACCOUNT_PROVISIONING' | 'RESOURCE_DELETE';

/** What a connector can do, derived from what it implements (as Baton does). */
export interface Capabilities {
  connector: CapabilityName[];
  resourceTypes: { resourceType: string; capabilities: CapabilityName[] }[];
  accountCreation?: { supportedCredentialOptions: CredentialOptionKind[]; preferredCredentialOption: CredentialOptionKind };
}

/** Derives a connector's capabilities from the syncers and managers it implements. */
export function capabilitiesOf(connector: Connector): Capabilities {
  return declaredCapabilities(declarationOf(connector));
}

/**
 * Derives capabilities from a connector package's static declaration (`definition.declaration`),
 * without building the connector: what `capabilities` prints, with no credentials needed.
 */
export function declaredCapabilities(declaration: ConnectorDeclaration): Capabilities {
  const all = new Set<CapabilityName>(['SYNC']);
  const accounts = declaration.accountCreation;
  const resourceTypes = declaration.resourceTypes.map(({ resourceType, provisions, deletes }) => {
    const caps: CapabilityName[] = ['SYNC'];
    if (provisions) caps.push('PROVISION');
    if (deletes) caps.push('RESOURCE_DELETE');
    if (accounts && (accounts.resourceTypeId ?? 'user') === resourceType.id) caps.push('ACCOUNT_PROVISIONING');
    for (const cap of caps) all.add(cap);
    return { resourceType: resourceType.id, capabilities: caps };
  });
  if (accounts) all.add('ACCOUNT_PROVISIONING');
  const result: Capabilities = { connector: [...all], resourceTypes };
  if (accounts) {
    const { supportedCredentialOptions, preferredCredentialOption } = accounts;
    if (!supportedCredentialOptions.includes(preferredCredentialOption)) {
      throw new Error('account manager: preferredCredentialOption must be one of supportedCredentialOptions');
    }
    result.accountCreation = { supportedCredentialOptions: [...supportedCredentialOptions], preferredCredentialOption };
  }
  return result;
}

/** The declaration a built connector lives up to: its metadata, syncers and account manager. */
export function declarationOf(connector: Connector): ConnectorDeclaration {
  const manager = connector.accountManager;
  return {
    metadata: connector.metadata,
    resourceTypes: connector.resourceSyncers.map((syncer) => ({
      resourceType: syncer.resourceType,
      ...(syncer.provisioner && { provisions: true }),
      ...(syncer.deleteResource && { deletes: true }),
    })),
    ...(manager && {
      accountCreation: {
        ...(manager.resourceTypeId !== undefined && { resourceTypeId: manager.resourceTypeId }),
        ...manager.capabilityDetails,
      },
    }),
  };
}

/**
 * Throws when a built connector does not match its package's declaration (another resource
 * type, a provisioner or account manager more or less, other metadata): `capabilities` prints
 * the declaration without building the connector, so the two must agree.
 */
export function assertMatchesDeclaration(name: string, declared: ConnectorDeclaration, connector: Connector): void {
  const built = normalized(declarationOf(connector));
  const expected = normalized(declared);
  if (built === expected) return;
  throw new Error(`connector ${name}: what create() built does not match its declaration (declared ${expected}, built ${built})`);
}

/** A declaration as canonical JSON: `provisions: false` and an absent `provisions` are the same. */
function normalized(declaration: ConnectorDeclaration): string {
  const accounts = declaration.accountCreation;
  return JSON.stringify({
    metadata: declaration.metadata,
    resourceTypes: declaration.resourceTypes.map(({ resourceType, provisions, deletes }) => ({
      resourceType,
      provisions: provisions === true,
      deletes: deletes === true,
    })),
    accountCreation: accounts && {
      resourceTypeId: accounts.resourceTypeId ?? 'user',
      supportedCredentialOptions: accounts.supportedCredentialOptions,
      preferredCredentialOption: accounts.preferredCredentialOption,
    },
  });
}
