import type { Connector, CredentialOptionKind } from './contract.js';

/** Connector-level capabilities, named as Baton's `Capability` enum without its prefix. */
export type CapabilityName =
  | 'SYNC'
  | 'PROVISION'
  | 'ACCOUNT_PROVISIONING'
  | 'RESOURCE_DELETE';

/** What a connector can do, derived from what it implements (as Baton does). */
export interface Capabilities {
  connector: CapabilityName[];
  resourceTypes: { resourceType: string; capabilities: CapabilityName[] }[];
  accountCreation?: {
    supportedCredentialOptions: CredentialOptionKind[];
    preferredCredentialOption: CredentialOptionKind;
  };
}

/** Derives a connector's capabilities from the syncers and managers it implements. */
export function capabilitiesOf(connector: Connector): Capabilities {
  const all = new Set<CapabilityName>(['SYNC']);
  const resourceTypes = connector.resourceSyncers.map((syncer) => {
    const caps: CapabilityName[] = ['SYNC'];
    if (syncer.provisioner) caps.push('PROVISION');
    if (syncer.deleteResource) caps.push('RESOURCE_DELETE');
    if (connector.accountManager && (connector.accountManager.resourceTypeId ?? 'user') === syncer.resourceType.id) {
      caps.push('ACCOUNT_PROVISIONING');
    }
    for (const cap of caps) all.add(cap);
    return { resourceType: syncer.resourceType.id, capabilities: caps };
  });
  if (connector.accountManager) all.add('ACCOUNT_PROVISIONING');
  const result: Capabilities = { connector: [...all], resourceTypes };
  if (connector.accountManager) {
    const details = connector.accountManager.capabilityDetails;
    if (!details.supportedCredentialOptions.includes(details.preferredCredentialOption)) {
      throw new Error('account manager: preferredCredentialOption must be one of supportedCredentialOptions');
    }
    result.accountCreation = details;
  }
  return result;
}
