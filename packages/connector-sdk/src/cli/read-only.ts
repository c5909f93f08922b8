import { declaredCapabilities, type CapabilityName } from '../connector/index.js';
import { UsageError } from './cli-errors.js';
import type { CommandContext } from './context.js';
import type { Operation } from './settings.js';

const NEEDS: Record<Operation, CapabilityName> = { grant: 'PROVISION', revoke: 'PROVISION', 'create-account': 'ACCOUNT_PROVISIONING' };

/**
 * Refuses a one-shot operation the connector cannot do at all, before the file or the API is
 * touched (from the package's declaration): a connector without provisioners and account manager is read-only, and says so.
 */
export function refuseUnsupported(ctx: CommandContext, operation: Operation, flag: string): void {
  const { connector } = declaredCapabilities(ctx.definition.declaration);
  if (connector.includes(NEEDS[operation])) return;
  const readOnly = !connector.includes('PROVISION') && !connector.includes('ACCOUNT_PROVISIONING');
  throw new UsageError(
    readOnly
      ? `${ctx.binary} is read-only: it syncs but cannot change access, so ${flag} is not supported`
      : `${ctx.binary} cannot ${operation === 'create-account' ? 'create accounts' : 'grant or revoke'}, so ${flag} is not supported`,
  );
}
