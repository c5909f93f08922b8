import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openSyncStore } from '../c1z/index.js';
import type { SyncStore } from '../c1z/index.js';
import { runSync } from '../sync/index.js';
import type { Task_SyncFullTask } from './gen/c1/connectorapi/baton/v1/baton_pb.js';
import { startHeartbeats } from './heartbeat.js';
import { errorMessage } from './log-safe.js';
import { Code } from '@connectrpc/connect';
import { failure, success, TaskStatusError } from './outcome.js';
import type { TaskContext } from './task-context.js';
import { uploadFile } from './upload.js';

/** Aborts when any of `signals` does, with that signal's reason. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/** Syncs into `file` with the task's options; the file exists only once the sync finished. */
async function syncInto(ctx: TaskContext, task: Task_SyncFullTask, file: string, signal: AbortSignal): Promise<void> {
  const store: SyncStore = await openSyncStore(file, { tempDir: ctx.tempDir });
  try {
    const summary = await runSync({
      connector: ctx.connector,
      store,
      logger: ctx.logger,
      signal,
      ...(ctx.workers !== undefined && { workers: ctx.workers }),
      ...(task.syncResourceTypeIds.length > 0 && { resourceTypeIds: [...task.syncResourceTypeIds] }),
      skipEntitlementsAndGrants: task.skipEntitlementsAndGrants,
      skipExpandGrants: task.skipExpandGrants,
    });
    await store.finish();
    ctx.logger.info('sync finished', { taskId: ctx.task.id, resources: summary.resources, grants: summary.grants });
  } catch (error) {
    store.abandon();
    throw error;
  }
}

/**
 * `sync_full`: heartbeats, syncs into a fresh temporary c1z, uploads it, and finishes the
 * task. A failed, cancelled or interrupted sync uploads nothing and removes its files.
 */
export async function handleFullSync(ctx: TaskContext): Promise<void> {
  const task = ctx.task.taskType.case === 'syncFull' ? ctx.task.taskType.value : undefined;
  if (!task) return;
  const dir = await mkdtemp(join(ctx.tempDir, 'task-'));
  const heartbeats = await startHeartbeats(ctx);
  if (!heartbeats) {
    await rm(dir, { recursive: true, force: true });
    return;
  }
  const signal = anySignal([ctx.signal, heartbeats.signal]);
  const file = join(dir, 'sync.c1z');
  try {
    ctx.logger.info('full sync started', { taskId: ctx.task.id });
    await syncInto(ctx, task, file, signal);
    await uploadFile(ctx.api, file, { hostId: ctx.hostId, taskId: ctx.task.id }, ctx.sleep, signal);
    ctx.logger.info('sync uploaded', { taskId: ctx.task.id });
    await ctx.finish(success());
  } catch (error) {
    const reason = signal.aborted ? String(signal.reason) : undefined;
    ctx.logger.error('full sync failed', { taskId: ctx.task.id, error: errorMessage(error), ...(reason && { reason }) });
    await ctx.finish(failure(reason === undefined ? error : new TaskStatusError(Code.Canceled, `sync stopped (${reason})`)));
  } finally {
    heartbeats.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
