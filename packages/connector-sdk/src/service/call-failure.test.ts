import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { callFailure } from './call-failure.js';

/** A status as C1 sends it: in the trailers, next to `grpc-status`. */
const answered = (code: Code, message: string) => new ConnectError(message, code, { 'grpc-status': String(code), 'grpc-message': message });

describe('callFailure', () => {
  it('keeps the code and message of a status C1 answered with, so a refused Hello stays fatal', () => {
    for (const code of [Code.Unauthenticated, Code.PermissionDenied, Code.FailedPrecondition, Code.Internal, Code.Canceled]) {
      expect(callFailure('Hello', answered(code, 'no'))).toMatchObject({ code, message: 'C1 Hello: no' });
    }
    expect(callFailure('Hello', answered(Code.NotFound, ''))).toMatchObject({ code: Code.NotFound, message: 'C1 Hello: NotFound' });
  });

  it('reports a call that got no answer as Unavailable, naming the network error and nothing else', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    expect(callFailure('GetTask', new ConnectError('connect ECONNREFUSED', Code.Unavailable, undefined, undefined, refused))).toMatchObject(
      { code: Code.Unavailable, message: 'C1 is unreachable: ECONNREFUSED' },
    );
    const tls = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(callFailure('Hello', new ConnectError(tls.message, Code.Internal, undefined, undefined, tls))).toMatchObject({
      code: Code.Unavailable,
    });
    for (const code of [Code.Canceled, Code.Aborted, Code.Internal, Code.InvalidArgument]) {
      expect(callFailure('FinishTask', new ConnectError('http/2 stream closed', code)).code).toBe(Code.Unavailable);
    }
  });

  it('keeps DeadlineExceeded for a call that ran out of time', () => {
    expect(callFailure('FinishTask', new ConnectError('the operation timed out', Code.DeadlineExceeded)).code).toBe(Code.DeadlineExceeded);
  });
});
