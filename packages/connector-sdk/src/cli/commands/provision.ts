import type { C1zReader } from '../../c1z/index.js';
import type { Connector, Provisioner } from '../../connector/index.js';
import { ConnectorError } from '../../errors/index.js';
import { resourceKey } from '../../model/index.js';
import type { Entitlement } from '../../model/index.js';
import { chooseSync, withC1z } from '../c1z-source.js';
import type { CommandContext } from '../context.js';
import { operationContext, withConnector } from '../connector-factory.js';
import { EXIT_CODES } from '../exit-codes.js';
import { toJson } from '../output.js';
import { UsageError } from '../cli-errors.js';

/** The provisioner of the entitlement's resource type, as Baton dispatches. */
function provisionerFor(connector: Connector, entitlement: Entitlement, binary: string): Provisioner {
  const typeId = entitlement.resource.id.resourceType;
  const provisioner = connector.resourceSyncers.find((syncer) => syncer.resourceType.id === typeId)?.provisioner;
  if (!provisioner) {
    throw new ConnectorError(`${binary} cannot change access to ${typeId} resources (no provisioner for "${typeId}")`, {
      code: 'unimplemented',
    });
  }
  return provisioner;
}

async function report(ctx: CommandContext, outcome: string, text: string, details: Record<string, unknown>): Promise<void> {
  if (ctx.format === 'json') await ctx.stdout.line(toJson({ outcome, ...details }, 2));
  else await ctx.stdout.line(text);
}

function latestSyncId(reader: C1zReader, ctx: CommandContext): string {
  return chooseSync(reader, ctx.settings.file, ctx.settings.syncId).syncId;
}

/**
 * `--grant-entitlement ID --grant-principal ID --grant-principal-type TYPE`: looks both up in
 * the latest sync of `--file` and asks the entitlement's provisioner to grant.
 */
export function grantOnce(ctx: CommandContext): Promise<number> {
  const { file, grantEntitlement, grantPrincipal, grantPrincipalType } = ctx.settings;
  if (!grantEntitlement || !grantPrincipal || !grantPrincipalType) {
    throw new UsageError('--grant-entitlement, --grant-principal and --grant-principal-type must be given together');
  }
  return withC1z(file, ctx.binary, async (reader) => {
    const syncId = latestSyncId(reader, ctx);
    const entitlement = reader.entitlement(syncId, grantEntitlement);
    if (!entitlement) {
      throw new UsageError(`--grant-entitlement: entitlement "${grantEntitlement}" is not in ${file} (sync ${syncId})`);
    }
    const principalId = { resourceType: grantPrincipalType, resource: grantPrincipal };
    const principal = reader.resource(syncId, principalId);
    if (!principal) {
      throw new UsageError(
        `--grant-principal: resource "${resourceKey(principalId)}" is not in ${file} (sync ${syncId}); check --grant-principal-type too`,
      );
    }
    return withConnector(ctx, async (connector) => {
      const provisioner = provisionerFor(connector, entitlement, ctx.binary);
      const result = await provisioner.grant(principal, entitlement, operationContext(ctx));
      const target = `${entitlement.id} to ${resourceKey(principal.id)}`;
      const details = {
        entitlement: entitlement.id,
        principal: resourceKey(principal.id),
        ...(result.outcome === 'granted' && result.grants && { grants: result.grants.map((grant) => grant.id) }),
      };
      await report(
        ctx,
        result.outcome,
        result.outcome === 'granted' ? `granted ${target}` : `already exists: ${target} was granted before`,
        details,
      );
      return EXIT_CODES.ok;
    });
  });
}

/** `--revoke-grant ID`: looks the grant up in `--file` and asks its entitlement's provisioner to revoke. */
export function revokeOnce(ctx: CommandContext): Promise<number> {
  const { file, revokeGrant } = ctx.settings;
  if (!revokeGrant) throw new UsageError('--revoke-grant needs a grant id');
  return withC1z(file, ctx.binary, async (reader) => {
    const syncId = latestSyncId(reader, ctx);
    const grant = reader.grant(syncId, revokeGrant);
    if (!grant) throw new UsageError(`--revoke-grant: grant "${revokeGrant}" is not in ${file} (sync ${syncId})`);
    return withConnector(ctx, async (connector) => {
      const provisioner = provisionerFor(connector, grant.entitlement, ctx.binary);
      const result = await provisioner.revoke(grant, operationContext(ctx));
      await report(ctx, result.outcome, result.outcome === 'revoked' ? `revoked ${grant.id}` : `already revoked: ${grant.id} was gone`, {
        grant: grant.id,
      });
      return EXIT_CODES.ok;
    });
  });
}
