import { errorMessage } from './log-safe.js';
import type { TaskContext } from './task-context.js';
import { heartbeatIntervalMs, MAX_HEARTBEAT_FAILURES } from './timing.js';

/** The reason a heartbeat loop aborts its task. */
export type HeartbeatStop = 'cancelled' | 'heartbeat-failed';

/** A task's heartbeats; `signal` aborts when C1 cancels the task or heartbeats keep failing. */
export interface Heartbeats {
  signal: AbortSignal;
  stop(): void;
}

/**
 * Sends the first heartbeat and, when C1 accepts it, keeps sending them at the interval C1
 * names until stopped. Returns undefined when the first one fails or C1 cancels the task: the
 * task is then dropped without a FinishTask, as baton-sdk does.
 */
export async function startHeartbeats(ctx: TaskContext): Promise<Heartbeats | undefined> {
  const request = { hostId: ctx.hostId, taskId: ctx.task.id };
  let interval: number;
  try {
    const first = await ctx.api.heartbeat(request);
    if (first.cancelled) return undefined;
    interval = heartbeatIntervalMs(first.nextHeartbeat);
  } catch (error) {
    ctx.logger.error('first heartbeat failed; dropping the task', { taskId: ctx.task.id, error: errorMessage(error) });
    return undefined;
  }
  const controller = new AbortController();
  const stopped = new AbortController();
  const loop = async (): Promise<void> => {
    let failures = 1;
    while (!stopped.signal.aborted) {
      await ctx.sleep(interval, stopped.signal);
      if (stopped.signal.aborted) return;
      try {
        const answer = await ctx.api.heartbeat(request);
        failures = 1;
        if (answer.cancelled) return controller.abort('cancelled' satisfies HeartbeatStop);
        interval = heartbeatIntervalMs(answer.nextHeartbeat);
      } catch (error) {
        failures++;
        ctx.logger.warn('heartbeat failed', { taskId: ctx.task.id, failures: failures - 1, error: errorMessage(error) });
        if (failures >= MAX_HEARTBEAT_FAILURES) return controller.abort('heartbeat-failed' satisfies HeartbeatStop);
      }
    }
  };
  void loop();
  return { signal: controller.signal, stop: () => stopped.abort() };
}
