import { create } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import { decodeEntitlement, decodeGrant, decodeResource, encodeGrant } from '../c1z/proto/objects-codec.js';
import { decodeResourceId } from '../c1z/proto/resource-id.js';
import type { Provisioner } from '../connector/index.js';
import type { Annotation } from '../model/index.js';
import {
  DeleteResourceResponseSchema,
  GrantManagerServiceGrantResponseSchema,
  GrantManagerServiceRevokeResponseSchema,
} from './gen/c1/connector/v2/service_pb.js';
import { annotationAny, failure, NonRetryableTaskError, packResponse, success, TaskStatusError } from './outcome.js';
import type { TaskContext } from './task-context.js';

/** The answer of a connector without provisioning, as baton-sdk's no-op provisioner gives it. */
export function provisioningDisabled(): TaskStatusError {
  return new TaskStatusError(Code.FailedPrecondition, 'provisioning is not enabled', true);
}

function provisionerFor(ctx: TaskContext, resourceType: string): Provisioner {
  const provisioner = ctx.connector.resourceSyncers.find((syncer) => syncer.resourceType.id === resourceType)?.provisioner;
  if (!provisioner) {
    throw new TaskStatusError(Code.Unimplemented, `cannot change access to ${resourceType} resources`, true);
  }
  return provisioner;
}

/** Runs `work` unless provisioning is off; every error it throws is final (non-retryable), as in baton-sdk. */
async function provisioningTask(ctx: TaskContext, work: () => Promise<void>): Promise<void> {
  try {
    if (!ctx.provisioning) throw provisioningDisabled();
    await work();
  } catch (error) {
    ctx.logger.error('task failed', { taskId: ctx.task.id, error: error instanceof Error ? error.message : String(error) });
    await ctx.finish(failure(error, true));
  }
}

/** `grant{entitlement, principal}`: grants through the entitlement's provisioner. */
export function handleGrant(ctx: TaskContext): Promise<void> {
  return provisioningTask(ctx, async () => {
    const task = ctx.task.taskType.case === 'grant' ? ctx.task.taskType.value : undefined;
    if (!task || task.entitlement.length === 0 || task.principal.length === 0) throw new NonRetryableTaskError('malformed grant task');
    const entitlement = decodeEntitlement(task.entitlement);
    const principal = decodeResource(task.principal);
    const provisioner = provisionerFor(ctx, entitlement.resource.id.resourceType);
    const result = await provisioner.grant(principal, entitlement, { signal: ctx.signal, logger: ctx.logger });
    const annotations: Annotation[] = result.outcome === 'already-exists' ? [{ $type: 'c1.connector.v2.GrantAlreadyExists' }] : [];
    const grants = result.outcome === 'granted' ? (result.grants ?? []) : [];
    const response = create(GrantManagerServiceGrantResponseSchema, {
      annotations: annotations.map(annotationAny),
      grants: grants.map((grant) => encodeGrant(grant)),
    });
    ctx.logger.info('granted', { taskId: ctx.task.id, entitlement: entitlement.id, outcome: result.outcome });
    await ctx.finish(success(packResponse(GrantManagerServiceGrantResponseSchema, response), annotations));
  });
}

/** `revoke{grant}`: revokes through the grant's entitlement's provisioner. */
export function handleRevoke(ctx: TaskContext): Promise<void> {
  return provisioningTask(ctx, async () => {
    const task = ctx.task.taskType.case === 'revoke' ? ctx.task.taskType.value : undefined;
    if (!task || task.grant.length === 0) throw new NonRetryableTaskError('invalid task type');
    const grant = decodeGrant(task.grant);
    const provisioner = provisionerFor(ctx, grant.entitlement.resource.id.resourceType);
    const result = await provisioner.revoke(grant, { signal: ctx.signal, logger: ctx.logger });
    const annotations: Annotation[] = result.outcome === 'already-revoked' ? [{ $type: 'c1.connector.v2.GrantAlreadyRevoked' }] : [];
    const response = create(GrantManagerServiceRevokeResponseSchema, { annotations: annotations.map(annotationAny) });
    ctx.logger.info('revoked', { taskId: ctx.task.id, grant: grant.id, outcome: result.outcome });
    await ctx.finish(success(packResponse(GrantManagerServiceRevokeResponseSchema, response), annotations));
  });
}

/** `delete_resource{resource_id, parent_resource_id}`: deletes through the type's `deleteResource`. */
export function handleDeleteResource(ctx: TaskContext): Promise<void> {
  return provisioningTask(ctx, async () => {
    const task = ctx.task.taskType.case === 'deleteResource' ? ctx.task.taskType.value : undefined;
    if (!task || task.resourceId.length === 0) throw new NonRetryableTaskError('malformed delete resource task');
    const id = decodeResourceId(task.resourceId);
    const parent = task.parentResourceId.length > 0 ? decodeResourceId(task.parentResourceId) : undefined;
    const syncer = ctx.connector.resourceSyncers.find((candidate) => candidate.resourceType.id === id.resourceType);
    if (!syncer?.deleteResource) {
      throw new TaskStatusError(Code.Unimplemented, `cannot delete ${id.resourceType} resources`, true);
    }
    await syncer.deleteResource(id, parent, { signal: ctx.signal, logger: ctx.logger });
    ctx.logger.info('deleted resource', { taskId: ctx.task.id, resourceType: id.resourceType });
    await ctx.finish(success(packResponse(DeleteResourceResponseSchema, create(DeleteResourceResponseSchema))));
  });
}
