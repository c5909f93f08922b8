import { Code } from '@connectrpc/connect';
import type { Logger } from '../log/index.js';
import { C1CallError } from './client.js';
import { handleCreateAccount } from './create-account-task.js';
import { handleFullSync } from './full-sync-task.js';
import type { Task } from './gen/c1/connectorapi/baton/v1/baton_pb.js';
import { helloRequest } from './hello.js';
import { errorMessage } from './log-safe.js';
import { OutageLog } from './outage.js';
import { failure, TaskStatusError, type FinishBody } from './outcome.js';
import { handleDeleteResource, handleGrant, handleRevoke } from './provisioning-tasks.js';
import type { ServiceSettings, TaskContext } from './task-context.js';
import { helloRetryMs, nextPollMs, pollRetryMs, realSleep, type Sleep } from './timing.js';

/** Tasks run at once, as baton-sdk's default task concurrency. */
export const TASK_SLOTS = 3;
/** How long a shutdown waits for running tasks to wind down. */
export const SHUTDOWN_GRACE_MS = 20_000;

/** Hello errors that end the process instead of being retried, as in baton-sdk. */
const FATAL_HELLO_CODES: ReadonlySet<number> = new Set([
  Code.Unauthenticated,
  Code.PermissionDenied,
  Code.InvalidArgument,
  Code.Unimplemented,
  Code.FailedPrecondition,
  Code.NotFound,
]);

/** What {@link runTaskLoop} needs. */
export interface TaskLoopOptions extends ServiceSettings {
  sleep?: Sleep;
  /** Called once C1 answered the startup Hello. */
  onReady?: () => void;
}

type Handler = (ctx: TaskContext) => Promise<void>;

const HANDLERS: Partial<Record<NonNullable<Task['taskType']['case']>, Handler>> = {
  // Answered by a Hello naming the task, never by FinishTask, as in baton-sdk.
  hello: (ctx) => ctx.api.hello(helloRequest(ctx.hostId, ctx.task.id, ctx.connector, ctx.build)),
  syncFull: handleFullSync,
  grant: handleGrant,
  revoke: handleRevoke,
  createAccount: handleCreateAccount,
  deleteResource: handleDeleteResource,
};

/**
 * Says Hello to C1 (retrying with backoff unless C1 refuses the client), then polls for tasks
 * and runs them, up to three at once, until `signal` aborts. Throws the C1CallError of a
 * refused Hello.
 */
export async function runTaskLoop(options: TaskLoopOptions): Promise<void> {
  const sleep = options.sleep ?? realSleep;
  const outage = new OutageLog(options.logger);
  if (!(await bootstrap(options, sleep, outage))) return;
  options.onReady?.();
  options.logger.info('connected to C1; waiting for tasks', { hostId: options.hostId });
  const running = new Set<Promise<void>>();
  let errors = 0;
  while (!options.signal.aborted) {
    if (running.size >= TASK_SLOTS) {
      await Promise.race([...running, aborted(options.signal)]);
      continue;
    }
    let wait: number;
    try {
      const answer = await options.api.getTask({ hostId: options.hostId });
      outage.recovered();
      errors = 0;
      wait = nextPollMs(answer.nextPoll);
      if (answer.task && answer.task.id !== '' && answer.task.taskType.case !== 'none')
        track(running, runTask(options, answer.task, sleep));
    } catch (error) {
      errors++;
      outage.failed(error);
      wait = pollRetryMs(errors);
    }
    await sleep(wait, options.signal);
  }
  await windDown(running, sleep);
}

async function bootstrap(options: TaskLoopOptions, sleep: Sleep, outage: OutageLog): Promise<boolean> {
  for (let attempt = 1; !options.signal.aborted; attempt++) {
    try {
      await options.api.hello(helloRequest(options.hostId, '', options.connector, options.build));
      outage.recovered();
      return true;
    } catch (error) {
      if (error instanceof C1CallError && FATAL_HELLO_CODES.has(error.code)) throw error;
      outage.failed(error);
      await sleep(helloRetryMs(attempt), options.signal);
    }
  }
  return false;
}

function track(running: Set<Promise<void>>, work: Promise<void>): void {
  const settled = work.finally(() => running.delete(settled));
  running.add(settled);
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}

async function windDown(running: Set<Promise<void>>, sleep: Sleep): Promise<void> {
  if (running.size === 0) return;
  const timeout = new AbortController();
  await Promise.race([Promise.allSettled([...running]), sleep(SHUTDOWN_GRACE_MS, timeout.signal)]);
  timeout.abort();
}

/** Runs one task with its handler; a type without one finishes `Unknown "unsupported task type"`. */
async function runTask(options: TaskLoopOptions, task: Task, sleep: Sleep): Promise<void> {
  const logger = options.logger.child({ taskId: task.id, taskType: task.taskType.case ?? 'unknown' });
  const ctx: TaskContext = {
    task,
    api: options.api,
    hostId: options.hostId,
    connector: options.connector,
    logger,
    signal: options.signal,
    provisioning: options.provisioning,
    tempDir: options.tempDir,
    build: options.build,
    ...(options.workers !== undefined && { workers: options.workers }),
    sleep,
    finish: (body) => finishTask(options, task.id, body, sleep, logger),
  };
  const handler = task.taskType.case === undefined ? undefined : HANDLERS[task.taskType.case];
  logger.info('task received');
  try {
    if (handler) await handler(ctx);
    else await ctx.finish(failure(new TaskStatusError(Code.Unknown, 'unsupported task type'), false));
  } catch (error) {
    logger.error('task failed', { error: errorMessage(error) });
  }
}

/** Attempts of a FinishTask while C1 is unreachable, so a finished task is not lost in an outage. */
const FINISH_ATTEMPTS = 8;

async function finishTask(options: TaskLoopOptions, taskId: string, body: FinishBody, sleep: Sleep, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await options.api.finishTask({ hostId: options.hostId, taskId, ...body });
      logger.info('task finished', { outcome: body.finalState?.case ?? 'unknown' });
      return;
    } catch (error) {
      const retryable = error instanceof C1CallError && (error.code === Code.Unavailable || error.code === Code.DeadlineExceeded);
      if (!retryable || attempt >= FINISH_ATTEMPTS) throw error;
      await sleep(helloRetryMs(attempt));
    }
  }
}
