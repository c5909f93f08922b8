import { createHash } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import {
  status,
  type Metadata,
  type ServerReadableStream,
  type UntypedServiceImplementation,
  type sendUnaryData,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import {
  BatonServiceFinishTaskResponseSchema,
  BatonServiceGetTaskResponseSchema,
  BatonServiceHeartbeatResponseSchema,
  BatonServiceHelloResponseSchema,
  BatonServiceUploadAssetResponseSchema,
  type BatonServiceFinishTaskRequest,
  type BatonServiceGetTaskRequest,
  type BatonServiceHeartbeatRequest,
  type BatonServiceHelloRequest,
  type BatonServiceUploadAssetRequest,
} from '@c1/connector-sdk/service-protocol';
import type { FakeC1State } from './state.js';

/** Poll and heartbeat intervals the fake asks for, in ms. */
export interface FakeC1Intervals {
  pollMs: number;
  heartbeatMs: number;
}

const duration = (ms: number) => ({ seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });

function authorized(state: FakeC1State, metadata: Metadata): boolean {
  const [value] = metadata.get('authorization');
  return typeof value === 'string' && value.startsWith('Bearer ') && state.issuedTokens.has(value.slice('Bearer '.length));
}

const UNAUTHENTICATED = { code: status.UNAUTHENTICATED, details: 'invalid or missing access token' };

/** Notes what a call carried besides its message: the user agent and how long it was given. */
function record(
  state: FakeC1State,
  method: string,
  call: ServerUnaryCall<unknown, unknown> | ServerReadableStream<unknown, unknown>,
): void {
  const [userAgent] = call.metadata.get('user-agent');
  const deadline = call.getDeadline();
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  state.calls.push({ method, userAgent: String(userAgent ?? ''), ...(Number.isFinite(at) && { deadlineMs: at - Date.now() }) });
}

/** A unary handler that refuses calls without a token the fake issued. */
function unary<Req, Res>(state: FakeC1State, method: string, handle: (request: Req) => Res) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    record(state, method, call);
    if (!authorized(state, call.metadata)) return callback(UNAUTHENTICATED);
    try {
      callback(null, handle(call.request));
    } catch (error) {
      callback({ code: status.INVALID_ARGUMENT, details: error instanceof Error ? error.message : String(error) });
    }
  };
}

/** Receives one upload: metadata, data chunks, then the SHA-256 of the whole (DATA_LOSS when it does not match). */
function uploadAsset(state: FakeC1State) {
  return (call: ServerReadableStream<BatonServiceUploadAssetRequest, unknown>, callback: sendUnaryData<unknown>): void => {
    record(state, 'UploadAsset', call);
    if (!authorized(state, call.metadata)) return callback(UNAUTHENTICATED);
    const chunks: Buffer[] = [];
    let meta: { taskId: string; hostId: string } | undefined;
    let done = false;
    call.on('data', (message: BatonServiceUploadAssetRequest) => {
      const { msg } = message;
      if (msg.case === 'metadata') meta = { taskId: msg.value.taskId, hostId: msg.value.hostId };
      else if (msg.case === 'data') chunks.push(Buffer.from(msg.value.data));
      else if (msg.case === 'eof') {
        done = true;
        const bytes = Buffer.concat(chunks);
        const sum = createHash('sha256').update(bytes).digest();
        if (!meta || !sum.equals(Buffer.from(msg.value.sha256Checksum))) {
          state.abandonedUploads++;
          return callback({ code: status.DATA_LOSS, details: 'checksum mismatch' });
        }
        state.uploads.push({ ...meta, bytes, chunkSizes: chunks.map((chunk) => chunk.length) });
        callback(null, create(BatonServiceUploadAssetResponseSchema));
      }
    });
    call.on('error', () => {
      if (!done) state.abandonedUploads++;
    });
    call.on('end', () => {
      if (!done) {
        state.abandonedUploads++;
        callback({ code: status.INVALID_ARGUMENT, details: 'upload ended before its EOF' });
      }
    });
  };
}

/** The BatonService handlers of the fake C1. */
export function batonServiceHandlers(state: FakeC1State, intervals: FakeC1Intervals): UntypedServiceImplementation {
  return {
    Hello: unary(state, 'Hello', (request: BatonServiceHelloRequest) => {
      if (!request.connectorMetadata) throw new Error('connector_metadata is required');
      state.hellos.push(request);
      return create(BatonServiceHelloResponseSchema);
    }),
    GetTask: unary(state, 'GetTask', (_request: BatonServiceGetTaskRequest) => {
      state.polls++;
      const task = state.queue.shift();
      if (task) state.handed.set(task.id, task);
      return create(BatonServiceGetTaskResponseSchema, {
        ...(task && { task }),
        nextPoll: duration(intervals.pollMs),
        nextHeartbeat: duration(intervals.heartbeatMs),
      });
    }),
    Heartbeat: unary(state, 'Heartbeat', (request: BatonServiceHeartbeatRequest) => {
      state.heartbeats.push({ taskId: request.taskId, at: Date.now() });
      return create(BatonServiceHeartbeatResponseSchema, {
        nextHeartbeat: duration(intervals.heartbeatMs),
        cancelled: state.cancelled.has(request.taskId),
      });
    }),
    FinishTask: unary(state, 'FinishTask', (request: BatonServiceFinishTaskRequest) => {
      state.finished.push(request);
      return create(BatonServiceFinishTaskResponseSchema);
    }),
    UploadAsset: uploadAsset(state),
  };
}
