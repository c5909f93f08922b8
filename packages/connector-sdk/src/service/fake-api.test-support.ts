import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import { C1CallError, type C1Api } from './client.js';
import {
  BatonServiceFinishTaskRequestSchema,
  BatonServiceGetTaskResponseSchema,
  BatonServiceHeartbeatResponseSchema,
  BatonServiceHelloRequestSchema,
  BatonServiceUploadAssetRequestSchema,
  TaskSchema,
  type BatonServiceFinishTaskRequest,
  type BatonServiceHelloRequest,
  type BatonServiceUploadAssetRequest,
  type Task,
} from './gen/c1/connectorapi/baton/v1/baton_pb.js';

/** An in-memory BatonService that hands out queued tasks and records every call. */
export class FakeApi implements C1Api {
  readonly queue: Task[] = [];
  readonly hellos: BatonServiceHelloRequest[] = [];
  readonly heartbeats: string[] = [];
  readonly finished: BatonServiceFinishTaskRequest[] = [];
  readonly uploads: BatonServiceUploadAssetRequest[][] = [];
  /** Errors the next Hello calls throw, first out first. */
  readonly helloErrors: C1CallError[] = [];
  /** Calls of GetTask that fail with UNAVAILABLE before the queue is served. */
  pollFailures = 0;
  cancelled = false;
  #waiters: (() => void)[] = [];

  /** Queues a task with a 27-character id. */
  add(taskType: MessageInitShape<typeof TaskSchema>['taskType'], id = `task${this.queue.length}`.padEnd(27, 'x')): string {
    this.queue.push(create(TaskSchema, { id, taskType }));
    return id;
  }

  /** Resolves once `count` FinishTask calls arrived. */
  async finishedCount(count: number): Promise<void> {
    while (this.finished.length < count) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  async hello(request: MessageInitShape<typeof BatonServiceHelloRequestSchema>): Promise<void> {
    const error = this.helloErrors.shift();
    if (error) throw error;
    this.hellos.push(create(BatonServiceHelloRequestSchema, request));
  }

  async getTask() {
    if (this.pollFailures > 0) {
      this.pollFailures--;
      throw new C1CallError('C1 GetTask: unavailable', Code.Unavailable);
    }
    const task = this.queue.shift();
    return create(BatonServiceGetTaskResponseSchema, { ...(task && { task }), nextPoll: { seconds: 1n } });
  }

  async heartbeat(request: { taskId?: string }) {
    this.heartbeats.push(request.taskId ?? '');
    return create(BatonServiceHeartbeatResponseSchema, { cancelled: this.cancelled, nextHeartbeat: { seconds: 5n } });
  }

  async finishTask(request: MessageInitShape<typeof BatonServiceFinishTaskRequestSchema>): Promise<void> {
    this.finished.push(create(BatonServiceFinishTaskRequestSchema, request));
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async uploadAsset(messages: AsyncIterable<MessageInitShape<typeof BatonServiceUploadAssetRequestSchema>>): Promise<void> {
    const received: BatonServiceUploadAssetRequest[] = [];
    for await (const message of messages) received.push(create(BatonServiceUploadAssetRequestSchema, message));
    this.uploads.push(received);
  }

  close(): void {}
}
