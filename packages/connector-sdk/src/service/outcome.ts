import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { anyPack, AnySchema, type Any } from '@bufbuild/protobuf/wkt';
import { Code } from '@connectrpc/connect';
import { encodeAnnotation } from '../c1z/proto/annotations-codec.js';
import { isConnectorError, type ErrorCode } from '../errors/index.js';
import type { Annotation } from '../model/index.js';
import type { BatonServiceFinishTaskRequest, BatonServiceFinishTaskRequestSchema } from './gen/c1/connectorapi/baton/v1/baton_pb.js';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { C1CallError } from './client.js';

/** The FinishTask request of one task, without host and task id. */
export type FinishBody = Pick<
  Exclude<MessageInitShape<typeof BatonServiceFinishTaskRequestSchema>, BatonServiceFinishTaskRequest>,
  'status' | 'finalState'
>;

/** A task error C1 must not retry (baton-sdk's `ErrTaskNonRetryable`). */
export class NonRetryableTaskError extends Error {
  override readonly name = 'NonRetryableTaskError';
}

/** A task error with the gRPC status code C1 is told. */
export class TaskStatusError extends Error {
  override readonly name = 'TaskStatusError';
  readonly code: number;
  readonly nonRetryable: boolean;

  constructor(code: number, message: string, nonRetryable = false) {
    super(message);
    this.code = code;
    this.nonRetryable = nonRetryable;
  }
}

const CODES: Record<ErrorCode, number> = {
  'invalid-argument': Code.InvalidArgument,
  unauthenticated: Code.Unauthenticated,
  'permission-denied': Code.PermissionDenied,
  'not-found': Code.NotFound,
  'deadline-exceeded': Code.DeadlineExceeded,
  'already-exists': Code.AlreadyExists,
  'failed-precondition': Code.FailedPrecondition,
  'resource-exhausted': Code.ResourceExhausted,
  unimplemented: Code.Unimplemented,
  unavailable: Code.Unavailable,
  internal: Code.Internal,
};

/** The gRPC status code of an error, as baton-sdk maps it: unknown errors are `Unknown`. */
export function statusCodeOf(error: unknown): number {
  if (error instanceof TaskStatusError || error instanceof C1CallError) return error.code;
  if (isConnectorError(error)) return CODES[error.code];
  if (error instanceof Error && error.name === 'AbortError') return Code.Canceled;
  return Code.Unknown;
}

/** `success{response, annotations}`. */
export function success(response?: Any, annotations: readonly Annotation[] = []): FinishBody {
  return { finalState: { case: 'success', value: { annotations: annotations.map(annotationAny), ...(response && { response }) } } };
}

/** `status{code, message}` and `error{non_retryable}`; `nonRetryable` defaults to what the error says. */
export function failure(error: unknown, nonRetryable?: boolean): FinishBody {
  const message = error instanceof Error ? error.message : String(error);
  const fatal = nonRetryable ?? (error instanceof NonRetryableTaskError || (error instanceof TaskStatusError && error.nonRetryable));
  return { status: { code: statusCodeOf(error), message }, finalState: { case: 'error', value: { nonRetryable: fatal } } };
}

/** Packs a response message as `google.protobuf.Any`. */
export function packResponse<S extends DescMessage>(schema: S, message: MessageShape<S>): Any {
  return anyPack(schema, message);
}

/** An SDK annotation as a protobuf Any. */
export function annotationAny(annotation: Annotation): Any {
  return fromBinary(AnySchema, encodeAnnotation(annotation));
}
