import { ConnectorError } from '../errors/connector-error.js';

/** Refuses a change unless the connector runs with `--provisioning`; `what` names the change. */
export type ProvisioningGuard = (what: string) => void;

/**
 * A guard for changes (grant, revoke, create account): without `--provisioning` it throws a
 * ConnectorError `failed-precondition` before any request, naming the flag. `why` is added in
 * parentheses (`it requests the write scopes`).
 */
export function provisioningGuard(runtime: { provisioning: boolean }, why?: string): ProvisioningGuard {
  return (what) => {
    if (runtime.provisioning) return;
    const reason = why ? ` (${why})` : '';
    throw new ConnectorError(`${what} needs --provisioning / BATON_PROVISIONING=true${reason}`, { code: 'failed-precondition' });
  };
}
